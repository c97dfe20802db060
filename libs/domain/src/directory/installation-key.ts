import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * What makes an installation's published public key usable (docs/federation.md): the one rule the
 * directory's schema and the gateway's `partnerFromJwks` both apply, so a key the directory takes is
 * never one the gateway then refuses. Pure JS (noble), as the rest of the domain.
 */

export interface OkpPublicKey {
  readonly crv: 'Ed25519' | 'X25519';
  /** The 32-byte key, base64url without padding (43 characters). */
  readonly x: string;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c += 1) out += BASE64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** The 32 bytes of a key's `x`, or undefined when it is not 43 base64url characters of canonical form. */
function keyBytes(x: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(x)) return undefined;
  const bytes = new Uint8Array(32);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of x) {
    value = (value << 6) | BASE64URL.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  // 43 characters carry 258 bits: the last two are padding and must be zero (one encoding per key).
  return (value & ((1 << bits) - 1)) === 0 ? bytes : undefined;
}

/** The key's RFC 7638 thumbprint: SHA-256 of its required members in order, base64url. */
export function jwkThumbprint(key: OkpPublicKey): string {
  return base64urlEncode(sha256(utf8ToBytes(JSON.stringify({ crv: key.crv, kty: 'OKP', x: key.x }))));
}

const P = 2n ** 255n - 19n;

/**
 * The X25519 u-coordinates of low order, on Curve25519 and on its twist: every private key is a
 * multiple of the cofactor 8, so the secret agreed with one is 0 whatever the key, and an envelope
 * sealed to it is sealed to no one. Order 2 is u = 0; order 4 is u = 1 and u = p - 1; order 8 are the two roots below
 * (the same list as libsodium's and @noble/curves', which refuse them in the key agreement itself).
 * Non-canonical encodings (p, p + 1, …, and any with the top bit set, which RFC 7748 ignores) are
 * reduced first, so they are caught as the values they stand for.
 */
const LOW_ORDER_U = new Set([
  0n,
  1n,
  P - 1n,
  325606250916557431795983626356110631294008115727848805560023387167927233504n,
  39382357235489614581723060781553021112529911719440698176882885853963445705823n,
]);

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  return value;
}

/** An Ed25519 key is a point (strict RFC 8032 decoding) in the prime-order subgroup, not of small order. */
function ed25519Problem(bytes: Uint8Array): string | undefined {
  let point;
  try {
    point = ed25519.Point.fromBytes(bytes, false);
  } catch {
    return 'not an Ed25519 point';
  }
  // A key of small order (the identity, say) verifies a forged signature for any message; one with
  // a small-order part is no key a signer generated.
  if (point.isSmallOrder() || !point.isTorsionFree()) return 'not an Ed25519 point of full order';
  return undefined;
}

/** Why the key's `x` cannot be used, or undefined when it can. */
export function publicKeyProblem(key: OkpPublicKey): string | undefined {
  const bytes = keyBytes(key.x);
  if (!bytes) return 'a 32-byte key in 43 base64url characters';
  if (key.crv === 'Ed25519') return ed25519Problem(bytes);
  const masked = bytes.slice();
  masked[31] = (masked[31] ?? 0) & 0x7f;
  if (LOW_ORDER_U.has(littleEndian(masked) % P)) return 'an X25519 u-coordinate of low order';
  return undefined;
}
