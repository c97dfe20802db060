import { jwkThumbprint, publicKeyProblem } from '@comity/domain';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/**
 * An installation's keys for crossing borders (docs/federation.md): one Ed25519 key signs what it
 * sends (messages, evidences), X25519 keys receive envelopes (ECDH-ES+A256KW, A256GCM). Each key's
 * id is its RFC 7638 thumbprint, so a partner's published key cannot be listed under another key's id.
 */
export const SIGNING_ALGORITHM = 'EdDSA';
export const ENVELOPE_ENCRYPTION = { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' } as const;

/** A key pair of this installation: its id, the private half, and the public half as a JWK. */
export interface InstallationKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** The key this installation signs with, and the installation it speaks for. */
export interface InstallationSigningKey extends InstallationKey {
  readonly installation: string;
}

export interface InstallationKeys {
  readonly installation: string;
  readonly signing: InstallationSigningKey;
  /** Envelopes may be sealed to any of these; the first is the one partners are asked to use. */
  readonly encryption: readonly InstallationKey[];
}

/** A partner installation's public keys, by kid: what it signs with, what it receives with. */
export interface PartnerKeys {
  readonly installation: string;
  readonly signing: ReadonlyMap<string, JWK>;
  readonly encryption: ReadonlyMap<string, JWK>;
}

/** Finds a partner by installation id (a `Map<string, PartnerKeys>` is one). */
export interface PartnerLookup {
  get(installation: string): PartnerKeys | undefined;
}

/** A public key of a partner, named by its kid: what an envelope is sealed to. */
export interface RecipientKey {
  readonly kid: string;
  readonly jwk: JWK;
}

const OKP = {
  sig: { crv: 'Ed25519', alg: SIGNING_ALGORITHM },
  enc: { crv: 'X25519', alg: ENVELOPE_ENCRYPTION.alg },
} as const;
type Use = keyof typeof OKP;
const useOf = (jwk: JWK | undefined): Use | undefined =>
  jwk?.use === 'sig' ? 'sig' : jwk?.use === 'enc' ? 'enc' : undefined;

async function keyPair(use: Use): Promise<InstallationKey> {
  const { privateKey, publicKey } = await generateKeyPair(OKP[use].alg, { crv: OKP[use].crv, extractable: true });
  return withKid(privateKey, await exportJWK(publicKey), use);
}

async function withKid(privateKey: CryptoKey, jwk: JWK, use: Use): Promise<InstallationKey> {
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  return { kid, privateKey, publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid, use, alg: OKP[use].alg } };
}

/** New keys for an installation (its first start, and the tests). */
export async function generateInstallationKeys(installation: string): Promise<InstallationKeys> {
  const signing = await keyPair('sig');
  return { installation, signing: { ...signing, installation }, encryption: [await keyPair('enc')] };
}

/** The public keys an installation publishes for its partners (a JWKS, for the directory). */
export const publishedKeys = (keys: InstallationKeys): { keys: JWK[] } => ({
  keys: [keys.signing.publicJwk, ...keys.encryption.map((k) => k.publicJwk)],
});

/** The private keys as JWKs, signing key first: what the installation's secret holds. */
export async function exportInstallationKeys(keys: InstallationKeys): Promise<JWK[]> {
  const all = [keys.signing, ...keys.encryption];
  return Promise.all(all.map(async (k) => ({ ...(await exportJWK(k.privateKey)), ...k.publicJwk })));
}

/** Reads the private keys `exportInstallationKeys` wrote; a key of the wrong kind or id throws. */
export async function importInstallationKeys(installation: string, jwks: readonly JWK[]): Promise<InstallationKeys> {
  const imported = await Promise.all(
    jwks.map(async (jwk) => {
      const use = useOf(jwk);
      if (!use || jwk.crv !== OKP[use].crv || typeof jwk.d !== 'string')
        throw new Error(`installation key '${jwk.kid}' is not a private ${use ?? 'sig or enc'} key of Comity's kinds`);
      const privateKey = (await importJWK(jwk, OKP[use].alg)) as CryptoKey;
      const key = await withKid(privateKey, jwk, use);
      if (key.kid !== jwk.kid) throw new Error(`installation key '${jwk.kid}' is not named by its thumbprint`);
      return { use, key };
    }),
  );
  const signing = imported.filter((k) => k.use === 'sig');
  const encryption = imported.filter((k) => k.use === 'enc').map((k) => k.key);
  if (signing.length !== 1 || !signing[0] || encryption.length === 0)
    throw new Error('installation keys are one signing key and at least one encryption key');
  return { installation, signing: { ...signing[0].key, installation }, encryption };
}

/**
 * A partner's keys from the JWKS it publishes (through the directory): public keys only, Ed25519
 * to sign and X25519 to receive, each named by its thumbprint. Anything else is refused, whole,
 * with the reason, so a key set that would let a secret or another algorithm in is never used.
 */
export async function partnerFromJwks(
  installation: string,
  jwks: unknown,
): Promise<{ ok: true; partner: PartnerKeys } | { ok: false; problem: string }> {
  const list = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list) || list.length === 0 || list.length > 20)
    return { ok: false, problem: 'a JWKS has 1 to 20 keys' };
  const signing = new Map<string, JWK>();
  const encryption = new Map<string, JWK>();
  for (const [i, entry] of list.entries()) {
    const jwk = entry as JWK;
    const use = useOf(jwk);
    if (!use) return { ok: false, problem: `keys.${i}: use is sig or enc` };
    const expected = OKP[use];
    if (jwk.kty !== 'OKP' || jwk.crv !== expected.crv || (jwk.alg !== undefined && jwk.alg !== expected.alg))
      return { ok: false, problem: `keys.${i}: a ${use} key is OKP ${expected.crv} (${expected.alg})` };
    if ('d' in jwk) return { ok: false, problem: `keys.${i}: a private key is never published` };
    if (typeof jwk.x !== 'string')
      return { ok: false, problem: `keys.${i}.x: a 32-byte key in 43 base64url characters` };
    const key = { crv: expected.crv, x: jwk.x };
    const problem = publicKeyProblem(key);
    if (problem) return { ok: false, problem: `keys.${i}.x: ${problem}` };
    const kid = jwkThumbprint(key);
    if (jwk.kid !== kid) return { ok: false, problem: `keys.${i}.kid: the key's RFC 7638 thumbprint` };
    (use === 'sig' ? signing : encryption).set(kid, {
      kty: 'OKP',
      crv: jwk.crv,
      x: jwk.x,
      kid,
      use,
      alg: expected.alg,
    });
  }
  if (signing.size === 0 || encryption.size === 0)
    return { ok: false, problem: 'a partner publishes at least one sig key and one enc key' };
  return { ok: true, partner: { installation, signing, encryption } };
}

/** The key to seal an envelope to a partner with: the first encryption key it publishes. */
export function recipientKeyOf(partner: PartnerKeys): RecipientKey {
  const [first] = partner.encryption;
  if (!first) throw new Error(`partner ${partner.installation} publishes no encryption key`);
  return { kid: first[0], jwk: first[1] };
}
