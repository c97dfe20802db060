import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { verifyEd25519 } from './ed25519-verify';

describe('verifyEd25519', () => {
  const secret = ed25519.utils.randomSecretKey();
  const publicKey = bytesToHex(ed25519.getPublicKey(secret));
  const other = bytesToHex(ed25519.getPublicKey(ed25519.utils.randomSecretKey()));
  const messages = Array.from({ length: 40 }, (_, i) => utf8ToBytes(`{"action":"step-${i}","payload":${i}}`));
  const noble = (sig: Uint8Array, msg: Uint8Array, key: string) => ed25519.verify(sig, msg, Buffer.from(key, 'hex'));

  it('accepts what noble accepts and refuses what it refuses, signature by signature', () => {
    for (const message of messages) {
      const signature = ed25519.sign(message, secret);
      const cases: [Uint8Array, Uint8Array, string][] = [
        [signature, message, publicKey],
        [signature, message, other],
        [signature, utf8ToBytes('another message'), publicKey],
      ];
      for (const byte of [0, 17, 31, 32, 45, 63]) {
        const altered = signature.slice();
        altered[byte] = (altered[byte] ?? 0) ^ 0x01;
        cases.push([altered, message, publicKey]);
      }
      for (const [sig, msg, key] of cases) expect(verifyEd25519(sig, msg, key)).toBe(noble(sig, msg, key));
    }
  });

  it('refuses a malleated S (S + the group order), a short signature and a malformed key', () => {
    const message = messages[0] as Uint8Array;
    const signature = ed25519.sign(message, secret);
    const order = ed25519.Point.Fn.ORDER;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i] ?? 0);
    const malleated = signature.slice();
    let bumped = s + order;
    for (let i = 32; i < 64; i++) {
      malleated[i] = Number(bumped & 0xffn);
      bumped >>= 8n;
    }
    expect(verifyEd25519(malleated, message, publicKey)).toBe(false);
    expect(noble(malleated, message, publicKey)).toBe(false);
    expect(verifyEd25519(signature.subarray(0, 63), message, publicKey)).toBe(false);
    expect(verifyEd25519(signature, message, 'zz'.repeat(32))).toBe(false);
    expect(verifyEd25519(signature, message, 'ff'.repeat(32))).toBe(noble(signature, message, 'ff'.repeat(32)));
  });

  it('refuses a key of small order, with which anyone could sign anything', () => {
    // The identity as a public key: [8][S]B = [8]R holds for S = r and R = [r]B, whatever the message.
    const identity = `01${'00'.repeat(31)}`;
    const r = 12345n;
    const R = ed25519.Point.BASE.multiply(r).toBytes();
    const forged = new Uint8Array(64);
    forged.set(R, 0);
    let s = r;
    for (let i = 32; i < 64; i++) {
      forged[i] = Number(s & 0xffn);
      s >>= 8n;
    }
    const message = utf8ToBytes('{"action":"release"}');
    expect(noble(forged, message, identity)).toBe(true);
    expect(verifyEd25519(forged, message, identity)).toBe(false);
  });
});
