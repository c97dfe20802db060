/**
 * Which multiplication table a process should give an action key, measured in the two ways a
 * worker can meet it:
 * - fresh: the module evaluated afresh for every workflow (the Temporal SDK's default for a
 *   workflow's modules), so each process builds its own tables (the key's and the base point's)
 *   and then checks its ~10 actions with them;
 * - shared: the module preloaded once per worker thread (workflows/bundle/bundler-options.ts),
 *   so the base point's table and each key's are built once and every process only checks.
 *
 * Each fresh round imports @noble/curves' ed25519 anew (a fresh base point, no tables); then, at
 * each window size in a rotated order, checks 10 signatures of one key with the verification
 * equation of libs/domain/src/model/ed25519-verify.ts. Prints the median and spread per mode and
 * window and writes test/reports/ed25519-tables-bench.json.
 *
 *   npm run bench:ed25519 [-- --rounds 30]
 *
 * Plain JavaScript (an ES module): a fresh module instance per round needs `import()` of a URL,
 * which the TypeScript-to-CommonJS runner would turn into a cached `require`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';

const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 30;
const WARMUP = 3;
const CHECKS = 10;
const WINDOWS = [0, 3, 4, 5, 6, 8]; // 0: no table for the key

const ed25519Url = import.meta.resolve('@noble/curves/ed25519.js');
let fresh = 0;
const freshEd25519 = async () => (await import(`${ed25519Url}?fresh=${fresh++}`)).ed25519;

const littleEndian = (bytes) => bytes.reduceRight((value, byte) => (value << 8n) | BigInt(byte), 0n);

/** The check of ed25519-verify.ts, with the key's table at `window` (0: none). */
function verifier(ed25519, publicKey, window) {
  const { Point } = ed25519;
  const A = Point.fromBytes(publicKey, true);
  if (window > 0) A.precompute(window, false);
  return (signature, message) => {
    const r = signature.subarray(0, 32);
    const R = Point.fromBytes(r, true);
    const SB = Point.BASE.multiplyUnsafe(littleEndian(signature.subarray(32, 64)));
    const k = littleEndian(sha512(concatBytes(r, publicKey, message))) % Point.Fn.ORDER;
    return R.add(A.multiplyUnsafe(k)).subtract(SB).clearCofactor().is0();
  };
}

const signer = await freshEd25519();
const secretKey = signer.utils.randomSecretKey();
const publicKey = signer.getPublicKey(secretKey);
const messages = Array.from({ length: CHECKS }, (_, i) => new TextEncoder().encode(`action ${i} `.repeat(40)));
const signatures = messages.map((m) => signer.sign(m, secretKey));

const variants = WINDOWS.flatMap((window) => [
  { mode: 'fresh', window },
  { mode: 'shared', window },
]);
const key = (v) => `${v.mode}/${v.window}`;
/** The shared mode's verifiers: one module and one table per window, built before any round is timed. */
const sharedEd25519 = await freshEd25519();
const shared = Object.fromEntries(WINDOWS.map((w) => [w, verifier(sharedEd25519, publicKey, w)]));
for (const w of WINDOWS) signatures.forEach((sig, n) => shared[w](sig, messages[n]));

const times = Object.fromEntries(variants.map((v) => [key(v), []]));
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (let i = 0; i < variants.length; i++) {
    const variant = variants[(round + i) % variants.length];
    const ed25519 = variant.mode === 'fresh' ? await freshEd25519() : undefined;
    const started = performance.now();
    const check = ed25519 ? verifier(ed25519, publicKey, variant.window) : shared[variant.window];
    for (let n = 0; n < CHECKS; n++) {
      if (!check(signatures[n], messages[n])) throw new Error(`${key(variant)}: a valid signature refused`);
    }
    if (round >= WARMUP) times[key(variant)].push(performance.now() - started);
  }
}

const round2 = (x) => Math.round(x * 10) / 10;
const report = variants.map((variant) => {
  const sorted = [...times[key(variant)]].sort((a, b) => a - b);
  return {
    mode: variant.mode,
    keyWindow: variant.window,
    medianMs: round2(sorted[sorted.length >> 1]),
    minMs: round2(sorted[0]),
    maxMs: round2(sorted.at(-1)),
  };
});
for (const mode of ['fresh', 'shared']) {
  const what =
    mode === 'fresh'
      ? 'in a fresh module (a process on its own)'
      : 'with the tables already built (a preloaded module)';
  console.log(`${CHECKS} checks of one key ${what}, ${ROUNDS} rounds:`);
  for (const r of report.filter((r) => r.mode === mode)) {
    const label = r.keyWindow ? `key table, window ${r.keyWindow}` : 'no key table';
    console.log(`  ${label.padEnd(22)} ${r.medianMs} ms (${r.minMs}–${r.maxMs})`);
  }
}
const dir = new URL('../reports/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL('ed25519-tables-bench.json', dir);
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), rounds: ROUNDS, checks: CHECKS, report }, null, 2));
console.log(`written to test/reports/ed25519-tables-bench.json`);
