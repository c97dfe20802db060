import { loadConfig } from './config';
import { fingerprint, keyFingerprints } from './key-fingerprints';

const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('base64');
const secret = 's'.repeat(48);

describe('keyFingerprints', () => {
  it('names the active key and fingerprints every key without revealing any', () => {
    const config = loadConfig({
      COMITY_CODEC_KEYS: `old:${keyA}, new:${keyB}`,
      COMITY_CODEC_ACTIVE_KEY: 'new',
      COMITY_AUTH_SECRET: secret,
    });
    const prints = keyFingerprints(config);
    expect(prints).toEqual({
      codec: { activeKeyId: 'new', keys: { old: fingerprint(keyA), new: fingerprint(keyB) } },
      token: fingerprint(secret),
      actions: null,
    });
    const text = JSON.stringify(prints);
    for (const material of [keyA, keyB, secret]) expect(text).not.toContain(material);
    expect(prints.codec?.keys.old).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells different keys apart and the same keys alike', () => {
    const one = keyFingerprints(loadConfig({ COMITY_CODEC_KEYS: `k:${keyA}`, COMITY_CODEC_ACTIVE_KEY: 'k' }));
    const same = keyFingerprints(loadConfig({ COMITY_CODEC_KEYS: `k:${keyA}`, COMITY_CODEC_ACTIVE_KEY: 'k' }));
    const other = keyFingerprints(loadConfig({ COMITY_CODEC_KEYS: `k:${keyB}`, COMITY_CODEC_ACTIVE_KEY: 'k' }));
    expect(one).toEqual(same);
    expect(one.codec?.keys.k).not.toBe(other.codec?.keys.k);
  });

  it('reports no keys where none are configured, and no token key under OIDC', () => {
    expect(keyFingerprints(loadConfig({}))).toEqual({ codec: null, token: null, actions: null });
    expect(keyFingerprints(loadConfig({ COMITY_ACTION_KEYS: `a1:${keyA}` })).actions).toEqual({
      a1: fingerprint(keyA),
    });
    const oidc = loadConfig({
      COMITY_AUTH_MODE: 'oidc',
      COMITY_AUTH_ISSUER: 'https://id.example.org/realms/comity',
      COMITY_AUTH_SECRET: secret,
    });
    expect(keyFingerprints(oidc).token).toBeNull();
  });
});
