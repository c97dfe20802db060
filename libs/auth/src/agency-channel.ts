import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';
import {
  CompactEncrypt,
  CompactSign,
  compactDecrypt,
  compactVerify,
  decodeProtectedHeader,
  importJWK,
  type JWK,
} from 'jose';
import { canonicalJson, type ActionSigningKey } from '@comity/domain';

/**
 * The agency channel's signatures and encryption (docs/security.md): the installation signs every
 * task it sends an agency, each agency signs every answer it sends with a key registered for it and
 * encrypts it to the installation (so no answer's content is readable on the broker), and the
 * installation seals each key it registers. Compact JWS (RFC 7515) and JWE (RFC 7516).
 */
export const TASK_JWS_TYPE = 'comity-task+jws';
export const ANSWER_JWS_TYPE = 'comity-answer+jws';
export const ANSWER_JWE_TYPE = 'comity-answer+jwe';
const SEAL_JWS_TYPE = 'comity-seal+jws';
const CONTENT_TYPE = 'cloudevents+json';

/** The algorithms an agency's key may have. */
export const AGENCY_KEY_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type AgencyKeyAlgorithm = (typeof AGENCY_KEY_ALGORITHMS)[number];

/** A key of the installation's own, with its id and its public half as a JWK. */
export interface InstallationKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JWK;
}

const PKCS8_PREFIX = {
  Ed25519: Buffer.from('302e020100300506032b657004220420', 'hex'),
  X25519: Buffer.from('302e020100300506032b656e04220420', 'hex'),
};
export const ANSWER_ENCRYPTION = { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' } as const;

/**
 * A key derived from an action key for one purpose (HKDF-SHA256), so a signature made for one
 * purpose — a task, a registry seal, an action assertion — never passes for another, while
 * rotating the action keys (COMITY_ACTION_KEYS) rotates these too. No secret of its own to create.
 */
function derivedKey(key: ActionSigningKey, purpose: 'tasks' | 'registry' | 'answers' | 'documents'): InstallationKey {
  const encryption = purpose === 'answers';
  const info = encryption ? 'comity answers encryption v1' : `comity ${purpose} signing v1`;
  const seed = Buffer.from(hkdfSync('sha256', key.secretKey, Buffer.alloc(0), info, 32));
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX[encryption ? 'X25519' : 'Ed25519'], seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const kid = `${key.id}.${purpose}`;
  const use = encryption ? { alg: ANSWER_ENCRYPTION.alg, use: 'enc' } : { alg: 'EdDSA', use: 'sig' };
  const publicJwk = { ...createPublicKey(privateKey).export({ format: 'jwk' }), kid, ...use };
  return { kid, privateKey, publicJwk };
}

/** The keys the installation signs tasks with: one per action key; the first signs. */
export const taskSigningKeys = (keys: readonly ActionSigningKey[]): InstallationKey[] =>
  keys.map((key) => derivedKey(key, 'tasks'));

/** The keys the installation seals its registry's agency keys with. */
export const registrySealingKeys = (keys: readonly ActionSigningKey[]): InstallationKey[] =>
  keys.map((key) => derivedKey(key, 'registry'));

/** The keys the installation seals documents with (detached JWS over a document's claim); the first seals. */
export const documentSealingKeys = (keys: readonly ActionSigningKey[]): InstallationKey[] =>
  keys.map((key) => derivedKey(key, 'documents'));

/**
 * The HMAC keys a document's chain of custody is hashed with (libs/persistence CustodyKeys): derived
 * from the action keys for this purpose only, never stored beside the chain; the first makes new links.
 */
export function custodyKeys(keys: readonly ActionSigningKey[]): { activeKeyId: string; keys: Map<string, Buffer> } {
  const derived = keys.map((key) => ({
    kid: `${key.id}.custody`,
    key: Buffer.from(hkdfSync('sha256', key.secretKey, Buffer.alloc(0), 'comity custody hmac v1', 32)),
  }));
  return { activeKeyId: derived[0]?.kid ?? '', keys: new Map(derived.map((d) => [d.kid, d.key])) };
}

/** The keys agencies encrypt their answers to (X25519); the first is the one published first. */
export const answerEncryptionKeys = (keys: readonly ActionSigningKey[]): InstallationKey[] =>
  keys.map((key) => derivedKey(key, 'answers'));

/** Encrypts a signed answer to the installation (what an agency's system does before sending it). */
export async function encryptAnswer(jws: string, recipient: JWK): Promise<string> {
  return new CompactEncrypt(Buffer.from(jws))
    .setProtectedHeader({ ...ANSWER_ENCRYPTION, kid: recipient.kid, typ: ANSWER_JWE_TYPE, cty: 'JWS' })
    .encrypt(await importJWK(recipient, ANSWER_ENCRYPTION.alg));
}

export type Decrypted =
  | { readonly ok: true; readonly content: string }
  | { readonly ok: false; readonly code: string; readonly reason: string };

/**
 * Opens an answer encrypted to the installation: a compact JWE of type comity-answer+jwe, for one
 * of its answer-encryption keys, with the algorithms Comity uses and no other. Never throws.
 */
export async function decryptAnswer(jwe: string, keys: readonly InstallationKey[]): Promise<Decrypted> {
  const refuse = (code: string, reason: string): Decrypted => ({ ok: false, code, reason });
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    if (!/^[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/.test(jwe)) throw new Error('not a compact JWE');
    header = decodeProtectedHeader(jwe);
  } catch {
    return refuse('NOT_ENCRYPTED', 'the answer is not encrypted to the installation (a compact JWE)');
  }
  if (header.typ !== ANSWER_JWE_TYPE)
    return refuse('NOT_ENCRYPTED', `the encrypted message is not of type ${ANSWER_JWE_TYPE}`);
  const key = keys.find((k) => k.kid === header.kid);
  if (!key)
    return refuse(
      'NOT_FOR_US',
      `the answer is encrypted to '${String(header.kid).slice(0, 100)}', no key of this installation`,
    );
  try {
    const { plaintext } = await compactDecrypt(jwe, key.privateKey, {
      keyManagementAlgorithms: [ANSWER_ENCRYPTION.alg],
      contentEncryptionAlgorithms: [ANSWER_ENCRYPTION.enc],
    });
    return { ok: true, content: Buffer.from(plaintext).toString('utf8') };
  } catch {
    return refuse('NOT_DECRYPTED', `the answer does not decrypt with key '${key.kid}' (tampered, or not for it)`);
  }
}

/** Signs a task (a CloudEvent) for its agency: the message value on the agency's task topic. */
export function signTask(task: object, key: InstallationKey): Promise<string> {
  return sign(JSON.stringify(task), key.kid, key.privateKey, TASK_JWS_TYPE);
}

/** Signs an answer (a CloudEvent) as an agency: what an agency's system puts on its answer topic. */
export function signAnswer(
  answer: object,
  kid: string,
  privateKey: KeyObject,
  algorithm: AgencyKeyAlgorithm = 'EdDSA',
) {
  return sign(JSON.stringify(answer), kid, privateKey, ANSWER_JWS_TYPE, algorithm);
}

/** Signs any text as an agency signs its answers (how the tests sign what no honest agency would). */
export function signAnswerText(text: string, kid: string, privateKey: KeyObject): Promise<string> {
  return sign(text, kid, privateKey, ANSWER_JWS_TYPE);
}

function sign(text: string, kid: string, key: KeyObject, typ: string, alg = 'EdDSA'): Promise<string> {
  return new CompactSign(Buffer.from(text)).setProtectedHeader({ alg, kid, typ, cty: CONTENT_TYPE }).sign(key);
}

/** A public key that may verify a signed message. */
export interface VerificationKey {
  readonly kid: string;
  readonly algorithm: string;
  readonly publicJwk: JWK;
}

export type Verified =
  | { readonly ok: true; readonly json: unknown; readonly kid: string }
  | { readonly ok: false; readonly code: string; readonly reason: string };

/**
 * Verifies a signed message of the given type: a compact JWS whose `kid` names one of `keys`, made
 * with that key's algorithm, over a JSON document. Never throws: what fails says why.
 */
export async function verifySigned(jws: string, typ: string, keys: readonly VerificationKey[]): Promise<Verified> {
  const refuse = (code: string, reason: string): Verified => ({ ok: false, code, reason });
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(jws)) throw new Error('not a compact JWS');
    header = decodeProtectedHeader(jws);
  } catch {
    return refuse('NOT_SIGNED', 'the message is not a signed message (a compact JWS)');
  }
  if (header.typ !== typ) return refuse('NOT_SIGNED', `the signed message is not of type ${typ}`);
  const key = keys.find((k) => k.kid === header.kid);
  if (!key)
    return refuse('KEY_UNKNOWN', `no active key '${String(header.kid).slice(0, 100)}' is registered for the sender`);
  try {
    const publicKey = await importJWK(key.publicJwk, key.algorithm);
    const { payload } = await compactVerify(jws, publicKey, { algorithms: [key.algorithm] });
    return { ok: true, json: JSON.parse(Buffer.from(payload).toString('utf8')) as unknown, kid: key.kid };
  } catch (err) {
    if (err instanceof SyntaxError) return refuse('NOT_SIGNED', 'the signed content is not JSON');
    return refuse('SIGNATURE_INVALID', `the signature does not verify with key '${key.kid}'`);
  }
}

/** What a seal vouches for: one registered key, as the registry holds it. */
export interface SealedKeyFields {
  readonly agencyId: string;
  readonly kid: string;
  readonly algorithm: string;
  readonly publicJwk: string;
  readonly status: string;
  readonly revokedAt: string | null;
}

const sealInput = (row: SealedKeyFields) =>
  Buffer.from(
    canonicalJson({
      purpose: 'comity agency key v1',
      agencyId: row.agencyId,
      kid: row.kid,
      algorithm: row.algorithm,
      publicJwk: row.publicJwk,
      status: row.status,
      revokedAt: row.revokedAt,
    }),
  );

/** The installation's seal over a registry row: `<key id>.<JWS without payload>`. */
export const sealKey = (row: SealedKeyFields, key: InstallationKey): Promise<string> =>
  detachedSeal(sealInput(row), key, SEAL_JWS_TYPE);

/** True when the row carries a seal by one of the installation's keys over exactly its fields. */
export const sealHolds = (row: SealedKeyFields & { readonly seal: string }, keys: readonly InstallationKey[]) =>
  detachedSealHolds(row.seal, sealInput(row), keys, SEAL_JWS_TYPE);

/** A detached JWS (RFC 7515 appendix F) of type `typ` over `content`: `<header>..<signature>`. */
export async function detachedSeal(content: Uint8Array, key: InstallationKey, typ: string): Promise<string> {
  const jws = await new CompactSign(content)
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ })
    .sign(key.privateKey);
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
}

/** True when `seal` is a detached JWS of type `typ` by one of `keys` over exactly `content`. */
export async function detachedSealHolds(
  seal: string,
  content: Uint8Array,
  keys: readonly InstallationKey[],
  typ: string,
): Promise<boolean> {
  const [header, detached, signature, extra] = seal.split('.');
  if (header === undefined || detached !== '' || signature === undefined || extra !== undefined) return false;
  const payload = Buffer.from(content).toString('base64url');
  const verified = await verifySigned(
    `${header}.${payload}.${signature}`,
    typ,
    keys.map((k) => ({ kid: k.kid, algorithm: 'EdDSA', publicJwk: k.publicJwk })),
  );
  return verified.ok;
}

/** The JWS type of a document link: the installation's word that one agency may fetch one document until a time. */
export const DOCUMENT_LINK_TYPE = 'comity-document-link+jws';

export interface DocumentLinkClaims {
  readonly documentId: string;
  readonly processId: string;
  readonly agencyId: string;
  /** Seconds since the epoch after which the link is refused. */
  readonly exp: number;
}

/** Signs a link for one agency to fetch one document (with its own credentials) until `exp`. */
export function signDocumentLink(claims: DocumentLinkClaims, key: InstallationKey): Promise<string> {
  return sign(JSON.stringify(claims), key.kid, key.privateKey, DOCUMENT_LINK_TYPE);
}

export type VerifiedLink =
  | { readonly ok: true; readonly claims: DocumentLinkClaims }
  | { readonly ok: false; readonly code: 'LINK_INVALID' | 'LINK_EXPIRED'; readonly reason: string };

/** Checks a document link: signed by one of the installation's keys, well formed, not expired at `now`. */
export async function verifyDocumentLink(
  token: string,
  keys: readonly InstallationKey[],
  now: Date,
): Promise<VerifiedLink> {
  const verified = await verifySigned(
    token,
    DOCUMENT_LINK_TYPE,
    keys.map((k) => ({ kid: k.kid, algorithm: 'EdDSA', publicJwk: k.publicJwk })),
  );
  if (!verified.ok) return { ok: false, code: 'LINK_INVALID', reason: `the link is not one this installation signed` };
  const claims = verified.json as Partial<DocumentLinkClaims>;
  const strings = [claims.documentId, claims.processId, claims.agencyId].every((v) => typeof v === 'string' && v);
  if (!strings || typeof claims.exp !== 'number') {
    return {
      ok: false,
      code: 'LINK_INVALID',
      reason: 'the link does not name a document, a process, an agency and an expiry',
    };
  }
  if (claims.exp * 1000 <= now.getTime()) {
    return {
      ok: false,
      code: 'LINK_EXPIRED',
      reason: `the link expired at ${new Date(claims.exp * 1000).toISOString()}`,
    };
  }
  return { ok: true, claims: claims as DocumentLinkClaims };
}
