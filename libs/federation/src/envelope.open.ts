import { compactDecrypt, compactVerify, decodeProtectedHeader, importJWK, type ProtectedHeaderParameters } from 'jose';
import { sha256Hex } from './digest';
import { COMPACT_JWE, COMPACT_JWS, ENVELOPE_LIMITS, ENVELOPE_TYPE, MESSAGE_TYPE, shown } from './envelope.format';
import { ENVELOPE_ENCRYPTION, SIGNING_ALGORITHM, type InstallationKey, type PartnerLookup } from './installation-keys';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '@comity/events';
import { federationMessage, type FederationMessage } from './message';
import type { ClaimedHeaders, EnvelopeRefusal, RefusalCode } from './refusals';

export interface OpenOptions {
  /** This installation's id: the only `aud` it accepts. */
  readonly self: string;
  /** Its encryption keys (current and those partners may still seal to). */
  readonly recipientKeys: readonly InstallationKey[];
  readonly partners: PartnerLookup;
  readonly now?: Date;
  readonly limits?: Partial<typeof ENVELOPE_LIMITS>;
}

export interface OpenedEnvelope {
  readonly ok: true;
  readonly message: FederationMessage;
  /** SHA-256 of the envelope's bytes as received: what evidences name. */
  readonly envelopeDigest: string;
  /** SHA-256 of the signed message: the same whatever envelope carried it. */
  readonly contentDigest: string;
  readonly signerKid: string;
  /** The partner's signature over the message (compact JWS), kept as proof of what it said. */
  readonly signedMessage: string;
}

/** Thrown inside `openEnvelope` only, to stop at the first check that fails. */
class Refused extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}
const refuse = (code: RefusalCode, detail: string): never => {
  throw new Refused(code, detail);
};

const decoder = new TextDecoder('utf-8', { fatal: true });
const plain = (value: unknown) => (typeof value === 'string' && value.length <= 200 ? value : undefined);

function header(compact: string, code: RefusalCode, what: string): ProtectedHeaderParameters {
  try {
    return decodeProtectedHeader(compact);
  } catch {
    return refuse(code, `${what}'s protected header is not a JSON object`);
  }
}

/**
 * Opens an envelope from a partner: checks, in order and before trusting anything in it, its size,
 * its form, that it is addressed and encrypted to this installation, that its sender is a partner,
 * that it decrypts, that the partner signed it with one of its keys, that the clear headers say
 * what the signed message says, and that it was sent within the time allowed. Never throws: any
 * input, however hostile, ends in the message or a refusal with its code (refusals.ts).
 */
export async function openEnvelope(input: unknown, options: OpenOptions): Promise<OpenedEnvelope | EnvelopeRefusal> {
  const limits = { ...ENVELOPE_LIMITS, ...options.limits };
  const claimed: { -readonly [K in keyof ClaimedHeaders]: ClaimedHeaders[K] } = {};
  let envelopeDigest: string | undefined;
  try {
    if (typeof input !== 'string' && !(input instanceof Uint8Array))
      return refuse('ENVELOPE_MALFORMED', 'an envelope is text or bytes');
    const size = typeof input === 'string' ? input.length : input.byteLength;
    if (size > limits.maxBytes) return refuse('TOO_LARGE', `${size} bytes, over the cap of ${limits.maxBytes}`);
    envelopeDigest = sha256Hex(input);
    const text = typeof input === 'string' ? input : decoder.decode(input);
    if (!COMPACT_JWE.test(text)) return refuse('ENVELOPE_MALFORMED', 'not a compact JWE (five base64url parts)');

    const outer = header(text, 'ENVELOPE_MALFORMED', 'the envelope');
    claimed.from = plain(outer.iss);
    claimed.to = plain(outer.aud);
    claimed.messageId = plain(outer.jti);
    if (outer.typ !== ENVELOPE_TYPE) refuse('ENVELOPE_MALFORMED', `typ is ${shown(outer.typ)}, not ${ENVELOPE_TYPE}`);
    if (outer.alg !== ENVELOPE_ENCRYPTION.alg || outer.enc !== ENVELOPE_ENCRYPTION.enc)
      refuse('ENVELOPE_MALFORMED', `alg ${shown(outer.alg)} and enc ${shown(outer.enc)}: only ECDH-ES+A256KW, A256GCM`);
    if (outer.zip !== undefined || outer.crit !== undefined)
      refuse('ENVELOPE_MALFORMED', 'an envelope is neither compressed (zip) nor extended (crit)');
    const { from, to, messageId } = claimed;
    if (!from || !to || !messageId || typeof outer.kid !== 'string')
      return refuse('ENVELOPE_MALFORMED', 'the envelope names its iss, aud, jti and kid as text');

    if (to !== options.self) refuse('NOT_FOR_US', `addressed to ${shown(to)}, not ${options.self}`);
    const key = options.recipientKeys.find((k) => k.kid === outer.kid);
    if (!key) return refuse('NOT_FOR_US', `encrypted to key ${shown(outer.kid)}, none of ${options.self}'s`);
    const partner = options.partners.get(from);
    if (!partner || partner.installation !== from)
      return refuse('UNKNOWN_PARTNER', `${shown(from)} is not a partner installation`);

    const signed = await decrypt(text, key);
    const inner = header(signed, 'BAD_SIGNATURE', 'the signed message');
    if (inner.alg !== SIGNING_ALGORITHM || inner.crit !== undefined)
      refuse('BAD_SIGNATURE', `signed with alg ${shown(inner.alg)}: only ${SIGNING_ALGORITHM}, without crit`);
    if (inner.typ !== MESSAGE_TYPE) refuse('ENVELOPE_MALFORMED', `the signed content's typ is ${shown(inner.typ)}`);
    const signerKid = String(inner.kid);
    const jwk = partner.signing.get(signerKid);
    if (!jwk) return refuse('BAD_SIGNATURE', `key ${shown(signerKid)} is not a signing key of ${from}`);
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(signed, await importJWK(jwk, SIGNING_ALGORITHM), {
        algorithms: [SIGNING_ALGORITHM],
      }));
    } catch {
      return refuse('BAD_SIGNATURE', `the signature does not verify with ${from}'s key ${shown(signerKid)}`);
    }

    const message = parseMessage(payload);
    if (message.from !== from || message.to !== to || message.messageId !== messageId)
      refuse('HEADER_MISMATCH', 'the clear iss, aud and jti are not the signed from, to and messageId');
    const now = (options.now ?? new Date()).getTime();
    const sentAt = Date.parse(message.sentAt);
    if (sentAt < now - limits.maxAgeMs) refuse('EXPIRED', `sent at ${message.sentAt}, older than allowed`);
    if (sentAt > now + limits.maxFutureSkewMs) refuse('NOT_YET_VALID', `sent at ${message.sentAt}, in the future`);
    return { ok: true, message, envelopeDigest, contentDigest: sha256Hex(payload), signerKid, signedMessage: signed };
  } catch (err) {
    const { code, detail } =
      err instanceof Refused ? err : { code: 'ENVELOPE_MALFORMED' as const, detail: 'the envelope could not be read' };
    return { ok: false, code, detail, ...(envelopeDigest ? { envelopeDigest } : {}), claimed };
  }
}

async function decrypt(text: string, key: InstallationKey): Promise<string> {
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(text, key.privateKey, {
      keyManagementAlgorithms: [ENVELOPE_ENCRYPTION.alg],
      contentEncryptionAlgorithms: [ENVELOPE_ENCRYPTION.enc],
    }));
  } catch {
    return refuse('DECRYPTION_FAILED', `the envelope does not open with key ${key.kid}: altered on the way`);
  }
  const signed = new TextDecoder().decode(plaintext);
  if (!COMPACT_JWS.test(signed)) refuse('BAD_SIGNATURE', 'the envelope holds no signed message (a compact JWS)');
  return signed;
}

function parseMessage(payload: Uint8Array): FederationMessage {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch {
    return refuse('ENVELOPE_MALFORMED', 'the signed message is not JSON');
  }
  if (nestsDeeperThan(json)) refuse('ENVELOPE_MALFORMED', `the message nests over ${MAX_JSON_DEPTH} levels`);
  const parsed = federationMessage.safeParse(json);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return refuse('ENVELOPE_MALFORMED', `the signed message: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}
