import { base64url, CompactSign, compactVerify, importJWK, type JWK } from 'jose';
import {
  exportInstallationKeys,
  generateInstallationKeys,
  importInstallationKeys,
  partnerFromJwks,
  publishedKeys,
  recipientKeyOf,
} from './installation-keys';

describe('installation keys', () => {
  it('publishes an Ed25519 signing key and an X25519 encryption key, each named by its thumbprint', async () => {
    const keys = await generateInstallationKeys('gr');
    const { keys: published } = publishedKeys(keys);
    expect(published).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'EdDSA', kid: keys.signing.kid }),
      expect.objectContaining({ kty: 'OKP', crv: 'X25519', use: 'enc', alg: 'ECDH-ES+A256KW' }),
    ]);
    expect(published.every((k) => !('d' in k))).toBe(true);
    const read = await partnerFromJwks('gr', publishedKeys(keys));
    expect(read.ok && recipientKeyOf(read.partner).kid).toBe(keys.encryption[0]?.kid);
  });

  it('reads back the private keys it exported, and they still sign for the published key', async () => {
    const keys = await generateInstallationKeys('gr');
    const again = await importInstallationKeys('gr', await exportInstallationKeys(keys));
    expect(again.signing.kid).toBe(keys.signing.kid);
    const jws = await new CompactSign(new Uint8Array([1]))
      .setProtectedHeader({ alg: 'EdDSA' })
      .sign(again.signing.privateKey);
    await expect(compactVerify(jws, await importJWK(keys.signing.publicJwk, 'EdDSA'))).resolves.toBeDefined();
    const exported = await exportInstallationKeys(keys);
    const renamed = exported.map((k, i) => (i === 0 ? { ...k, kid: 'chosen-name' } : k));
    await expect(importInstallationKeys('gr', renamed)).rejects.toThrow(/thumbprint/);
    await expect(importInstallationKeys('gr', exported.slice(0, 1))).rejects.toThrow(/encryption key/);
  });
});

describe('partnerFromJwks refuses a key set', () => {
  let sig: JWK;
  let enc: JWK;
  beforeAll(async () => {
    [sig, enc] = publishedKeys(await generateInstallationKeys('gr')).keys as [JWK, JWK];
  });
  const problem = async (keys: unknown) => {
    const read = await partnerFromJwks('gr', { keys });
    return read.ok ? 'accepted' : read.problem;
  };

  it.each<[string, () => unknown, RegExp]>([
    ['with a private key', () => [{ ...sig, d: base64url.encode(new Uint8Array(32)) }, enc], /private/],
    ['naming a key by another id', () => [{ ...sig, kid: 'gr-2026' }, enc], /thumbprint/],
    ['naming a key by the other key’s id', () => [{ ...sig, kid: enc.kid }, enc], /thumbprint/],
    ['with a secret (HS256) key', () => [{ kty: 'oct', k: 'c2VjcmV0', use: 'sig', alg: 'HS256' }, enc], /OKP/],
    ['with a P-256 signing key', () => [{ ...sig, kty: 'EC', crv: 'P-256' }, enc], /OKP Ed25519/],
    ['with a signing key for encryption', () => [sig, { ...sig, use: 'enc' }], /OKP X25519/],
    ['with another algorithm', () => [{ ...sig, alg: 'ES256' }, enc], /EdDSA/],
    ['without a use', () => [{ ...sig, use: undefined }, enc], /use/],
    ['without an encryption key', () => [sig], /at least one/],
    ['empty', () => [], /1 to 20/],
    ['that is not a list', () => 'keys', /1 to 20/],
    ['with a key that is not 32 bytes', () => [{ ...sig, x: 'AAAA' }, enc], /32-byte/],
    [
      'with a key of small order, with which any signature verifies',
      () => [{ ...sig, x: base64url.encode(new Uint8Array([1, ...new Array<number>(31).fill(0)])) }, enc],
      /full order/,
    ],
    [
      'with an encryption key of low order (u = 0), to which anything sealed is sealed to no one',
      () => [sig, { ...enc, x: base64url.encode(new Uint8Array(32)) }],
      /keys\.1\.x: an X25519 u-coordinate of low order/,
    ],
  ])('%s', async (_, keys, expected) => {
    expect(await problem(keys())).toMatch(expected);
  });

  it('accepts what an installation publishes', async () => {
    expect(await problem([sig, enc])).toBe('accepted');
  });
});
