import { CompactSign, compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { z } from 'zod';
import { COMPACT_JWS, shown } from './envelope.format';
import { SIGNING_ALGORITHM, type InstallationSigningKey, type PartnerLookup } from './installation-keys';
import { nestsDeeperThan } from '@comity/events';
import { identifier, installationId } from './message';
import type { EnvelopeRefusal } from './refusals';

/**
 * Evidences in the style of e-CODEX (docs/federation.md#evidences): what an installation signs to
 * say what became of a message, each naming the message by id and by the SHA-256 of the envelope's
 * exact bytes. Both installations keep them in their audit chains.
 */
export const EVIDENCE_TYPE = 'comity-evidence.v1+jws';

export const EvidenceKinds = [
  /** The sending gateway took the message from its process into its outbox. */
  'submission-accepted',
  /** A gateway refused it: its own process's message, or a partner's envelope (the refusal code). */
  'submission-rejected',
  /** The receiving gateway verified the envelope and recorded it in its inbox. */
  'relay',
  /** The receiving installation applied it to its counterpart process. */
  'delivery',
  /** It was not delivered within its timeout (or could not be applied): the sender gets a task. */
  'non-delivery',
  /** Someone in the receiving installation (an officer, an agency's system) took it up. */
  'retrieval',
] as const;
export type EvidenceKind = (typeof EvidenceKinds)[number];
const NEGATIVE: readonly EvidenceKind[] = ['submission-rejected', 'non-delivery'];

const digest = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256, lower-case hex');

export const evidenceSchema = z
  .object({
    kind: z.enum(EvidenceKinds),
    /** Who signs: the installation whose gateway saw what the evidence says. */
    issuer: installationId,
    /** Null only on a refusal of bytes that named no readable message (or were never read: too large). */
    messageId: identifier.nullable(),
    messageDigest: digest.nullable(),
    from: installationId,
    to: installationId,
    at: z.iso.datetime({ offset: true }),
    /** Why, for the negative kinds: a stable code (an envelope refusal's, or the gateway's) and words. */
    reason: z.object({ code: z.string().regex(/^[A-Z][A-Z_]{1,63}$/), detail: z.string().max(500) }).optional(),
  })
  .strict()
  .refine((e) => NEGATIVE.includes(e.kind) === (e.reason !== undefined), {
    message: 'a negative evidence gives its reason; a positive one gives none',
    path: ['reason'],
  })
  .refine((e) => e.kind === 'submission-rejected' || (e.messageId !== null && e.messageDigest !== null), {
    message: 'only a rejection may lack the message it concerns',
    path: ['messageId'],
  });
export type Evidence = z.infer<typeof evidenceSchema>;
export type EvidenceInput = Omit<Evidence, 'issuer'>;

export type EvidenceCheck =
  | { readonly ok: true; readonly evidence: Evidence; readonly kid: string }
  | {
      readonly ok: false;
      readonly code: 'EVIDENCE_MALFORMED' | 'UNKNOWN_PARTNER' | 'BAD_SIGNATURE';
      readonly detail: string;
    };

/** Signs an evidence as this installation (compact JWS, EdDSA); what it says is checked first. */
export async function signEvidence(evidence: EvidenceInput, key: InstallationSigningKey): Promise<string> {
  const checked = evidenceSchema.safeParse({ ...evidence, issuer: key.installation });
  if (!checked.success) throw new TypeError(`not an evidence: ${z.prettifyError(checked.error)}`);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(checked.data)))
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: EVIDENCE_TYPE, iss: key.installation })
    .sign(key.privateKey);
}

/**
 * Checks an evidence a partner (or this installation) signed: its issuer is a known installation,
 * it is signed with one of that issuer's signing keys, and it says something an evidence says.
 * Never throws.
 */
export async function verifyEvidence(jws: unknown, installations: PartnerLookup): Promise<EvidenceCheck> {
  const refuse = (code: 'EVIDENCE_MALFORMED' | 'UNKNOWN_PARTNER' | 'BAD_SIGNATURE', detail: string) =>
    ({ ok: false, code, detail }) as const;
  try {
    if (typeof jws !== 'string' || jws.length > 16 * 1024 || !COMPACT_JWS.test(jws))
      return refuse('EVIDENCE_MALFORMED', 'an evidence is a compact JWS of at most 16 KiB');
    const header = decodeProtectedHeader(jws);
    if (header.typ !== EVIDENCE_TYPE) return refuse('EVIDENCE_MALFORMED', `typ is ${shown(header.typ)}`);
    if (header.alg !== SIGNING_ALGORITHM || header.crit !== undefined)
      return refuse('BAD_SIGNATURE', `signed with alg ${shown(header.alg)}: only ${SIGNING_ALGORITHM}`);
    const issuer = typeof header.iss === 'string' ? installations.get(header.iss) : undefined;
    if (!issuer || issuer.installation !== header.iss)
      return refuse('UNKNOWN_PARTNER', `issuer ${shown(header.iss)} is not a known installation`);
    const kid = String(header.kid);
    const jwk = issuer.signing.get(kid);
    if (!jwk) return refuse('BAD_SIGNATURE', `key ${shown(kid)} is not a signing key of ${issuer.installation}`);
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(jws, await importJWK(jwk, SIGNING_ALGORITHM), {
        algorithms: [SIGNING_ALGORITHM],
      }));
    } catch {
      return refuse('BAD_SIGNATURE', `the signature does not verify with ${issuer.installation}'s key ${shown(kid)}`);
    }
    const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    if (nestsDeeperThan(json)) return refuse('EVIDENCE_MALFORMED', 'the evidence nests too deep');
    const parsed = evidenceSchema.safeParse(json);
    if (!parsed.success) return refuse('EVIDENCE_MALFORMED', 'the signed content is not an evidence');
    if (parsed.data.issuer !== issuer.installation)
      return refuse('EVIDENCE_MALFORMED', 'the signed issuer is not the one the header names');
    return { ok: true, evidence: parsed.data, kid };
  } catch {
    return refuse('EVIDENCE_MALFORMED', 'the evidence could not be read');
  }
}

/**
 * The negative evidence for an envelope this installation refused: addressed to the peer its
 * gateway authenticated (the mutual-TLS client), not to whoever the envelope claims to be from.
 */
export function refusalEvidence(
  refusal: EnvelopeRefusal,
  context: { readonly self: string; readonly peer: string; readonly at: string },
): EvidenceInput {
  return {
    kind: 'submission-rejected',
    messageId: identifier.safeParse(refusal.claimed.messageId).data ?? null,
    messageDigest: refusal.envelopeDigest ?? null,
    from: context.peer,
    to: context.self,
    at: context.at,
    reason: { code: refusal.code, detail: refusal.detail.slice(0, 500) },
  };
}

/** The negative evidence for a replay the inbox caught in an envelope that opened. */
export function replayEvidence(
  opened: { readonly envelopeDigest: string; readonly message: { from: string; to: string; messageId: string } },
  reason: string,
  at: string,
): EvidenceInput {
  const { from, to, messageId } = opened.message;
  return {
    kind: 'submission-rejected',
    messageId,
    messageDigest: opened.envelopeDigest,
    from,
    to,
    at,
    reason: { code: 'REPLAYED', detail: reason },
  };
}
