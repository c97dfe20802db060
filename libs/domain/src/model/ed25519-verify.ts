import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, hexToBytes } from '@noble/hashes/utils.js';

type Point = InstanceType<typeof ed25519.Point>;
const { Point } = ed25519;
const ORDER = Point.Fn.ORDER;

/**
 * The key's table window. The worker preloads this module once per workflow thread
 * (workflows/bundle/bundler-options.ts), so the base point's table and each key's are built once
 * and shared by every process the thread runs: 10 checks take 13 ms at window 4, 10 at window 8
 * (eight times the table's memory per key), 32 with no key table; evaluated afresh per process, as
 * before the preload, they took 47 (`npm run bench:ed25519`, docs/benchmarks.md).
 */
const KEY_TABLE_WINDOW = 4;

/**
 * Public keys already decoded, each with its multiplication table, shared by the processes of a
 * workflow thread: they check every action with the installation's few action keys (the API's and
 * the bridge's). A cache only: what a
 * check answers never depends on it, so sharing it across workflows keeps each deterministic.
 */
const decoded = new Map<string, Point>();
const MAX_DECODED = 64;

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  return value;
}

function publicPoint(publicKeyHex: string): Point {
  let point = decoded.get(publicKeyHex);
  if (!point) {
    point = Point.fromBytes(hexToBytes(publicKeyHex), true);
    // A key of small order (the identity, say) would verify a forged signature for any message:
    // refused, though ZIP-215 decoding, as noble's verify, accepts it.
    if (point.isSmallOrder()) throw new RangeError('an action key of small order');
    point.precompute(KEY_TABLE_WINDOW, false);
    if (decoded.size >= MAX_DECODED) decoded.clear();
    decoded.set(publicKeyHex, point);
  }
  return point;
}

/**
 * Ed25519 verification exactly as @noble/curves' `ed25519.verify` (RFC 8032 §5.1.7, the cofactored
 * equation [8][S]B = [8]R + [8][k]A, ZIP-215 decoding) — the same primitives, in the same order —
 * with the public key decoded once and given a small precomputed table (docs/benchmarks.md).
 * Deterministic, pure JS: it runs in the workflow sandbox. The unit tests hold it to noble's answers
 * on valid, altered and malformed signatures.
 */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKeyHex: string): boolean {
  if (signature.length !== 64 || !/^[0-9a-f]{64}$/.test(publicKeyHex)) return false;
  try {
    const A = publicPoint(publicKeyHex);
    const r = signature.subarray(0, 32);
    const R = Point.fromBytes(r, true);
    // multiplyUnsafe refuses S >= the group order (a malleated signature): that is a refusal here.
    const SB = Point.BASE.multiplyUnsafe(littleEndian(signature.subarray(32, 64)));
    const k = littleEndian(sha512(concatBytes(r, hexToBytes(publicKeyHex), message))) % ORDER;
    return R.add(A.multiplyUnsafe(k)).subtract(SB).clearCofactor().is0();
  } catch {
    return false;
  }
}
