/**
 * What the channel's cryptography costs per process, measured on the payloads and actions of a
 * real recorded MLA (test/histories/mla-executed.json: 128 payloads in its history, 10 actions):
 * - encryption: every payload encrypted (AES-256-GCM) and decrypted once, as the codec does;
 * - signing: each action signed by its sender (Ed25519), as the process gateway does;
 * - verification: each signature checked by the process, as its update validator does;
 * side by side with the JSON conversion of the same payloads (what Temporal's data converter does
 * anyway), in rounds, printing the median and the spread, and writing test/reports/crypto-cost-bench.json.
 *
 *   npm run bench:crypto [-- --rounds 15]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { actionPublicKey, refusalOfAssertion, signAction, type ActionClaims, type Actor } from '@comity/domain';
import { AesGcmPayloadCodec, parseCodecKeys } from '@comity/temporal';

const root = path.resolve(__dirname, '../..');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 15;

interface HistoryPayload {
  metadata: Record<string, string>;
  data: string;
}

/** Every payload of the recorded history, and the actions its updates carried. */
function recordedMla(): { payloads: Payload[]; actions: ActionClaims[] } {
  const history = JSON.parse(readFileSync(path.join(root, 'test/histories/mla-executed.json'), 'utf8')) as {
    events: Record<string, unknown>[];
  };
  const payloads: Payload[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const candidate = node as Partial<HistoryPayload>;
    if (typeof candidate.data === 'string' && candidate.metadata && typeof candidate.metadata === 'object') {
      payloads.push({
        metadata: Object.fromEntries(Object.entries(candidate.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
        data: Buffer.from(candidate.data, 'base64'),
      });
    }
    Object.values(node).forEach(walk);
  };
  walk(history.events);
  const actions = history.events.flatMap((event) => {
    const accepted = event['workflowExecutionUpdateAcceptedEventAttributes'] as
      { acceptedRequest: { input: { args: { payloads: HistoryPayload[] } } } } | undefined;
    const arg = accepted?.acceptedRequest.input.args.payloads[0];
    if (!arg) return [];
    const input = JSON.parse(Buffer.from(arg.data, 'base64').toString('utf8')) as {
      action: string;
      payload?: unknown;
      actor: Actor;
      taskId?: string;
    };
    return [
      {
        processId: 'mla-bench',
        updateId: randomBytes(16).toString('hex'),
        issuedAt: new Date().toISOString(),
        ...input,
      },
    ];
  });
  return { payloads, actions };
}

/** Milliseconds one call of `work` takes, averaged over enough repetitions to time. */
async function timed(work: () => Promise<void> | void, repetitions: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < repetitions; i++) await work();
  return Number(process.hrtime.bigint() - started) / 1e6 / repetitions;
}

async function main(): Promise<void> {
  const { payloads, actions } = recordedMla();
  const codec = new AesGcmPayloadCodec(parseCodecKeys(`bench:${randomBytes(32).toString('base64')}`, 'bench'));
  const key = { id: 'bench', secretKey: new Uint8Array(randomBytes(32)) };
  const known = { bench: actionPublicKey(key) };
  const assertions = actions.map((claims) => signAction(claims, [key]));
  const now = Date.now();
  const values = payloads.map((p) => defaultPayloadConverter.fromPayload(p));

  const steps = {
    'json conversion (baseline)': () => {
      for (const value of values) defaultPayloadConverter.fromPayload(defaultPayloadConverter.toPayload(value));
    },
    'encryption (encode + decode)': async () => {
      await codec.decode(await codec.encode(payloads));
    },
    signing: () => {
      for (const claims of actions) signAction(claims, [key]);
    },
    verification: () => {
      actions.forEach(({ issuedAt: _, ...claims }, i) => {
        if (refusalOfAssertion(assertions[i], claims, known, now)) throw new Error('a signature did not verify');
      });
    },
  };
  // Warm up every step (JIT, noble's precomputed tables), then time them in interleaved rounds.
  for (const step of Object.values(steps)) await timed(step, 20);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(steps).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, step] of Object.entries(steps)) samples[name]!.push(await timed(step, 20));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rows = Object.entries(samples).map(([name, xs]) => ({
    step: name,
    msPerProcess: { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) },
  }));
  const baseline = samples['json conversion (baseline)']!;
  const cryptoPerRound = baseline.map(
    (_, i) => samples['encryption (encode + decode)']![i]! + samples.signing![i]! + samples.verification![i]!,
  );
  const ratios = cryptoPerRound.map((c, i) => c / baseline[i]!);
  const report = {
    history: 'test/histories/mla-executed.json',
    payloads: payloads.length,
    payloadBytes: payloads.reduce((n, p) => n + (p.data?.length ?? 0), 0),
    actions: actions.length,
    rounds,
    steps: rows,
    cryptoMsPerProcess: {
      median: median(cryptoPerRound),
      min: Math.min(...cryptoPerRound),
      max: Math.max(...cryptoPerRound),
    },
    cryptoOverJsonRatio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
  };
  console.log(
    `crypto cost per MLA (${report.payloads} payloads, ${report.payloadBytes} bytes, ${report.actions} actions; ${rounds} rounds):`,
  );
  for (const row of rows) {
    const { median: m, min, max } = row.msPerProcess;
    console.log(`  ${row.step.padEnd(30)} ${m.toFixed(3)} ms  (${min.toFixed(3)}–${max.toFixed(3)})`);
  }
  const c = report.cryptoMsPerProcess;
  const r = report.cryptoOverJsonRatio;
  console.log(`  all cryptography                ${c.median.toFixed(3)} ms  (${c.min.toFixed(3)}–${c.max.toFixed(3)})`);
  console.log(`  ratio to the JSON conversion     ${r.median.toFixed(2)}×  (${r.min.toFixed(2)}–${r.max.toFixed(2)})`);
  const file = path.join(root, 'test/reports/crypto-cost-bench.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
