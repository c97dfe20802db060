/**
 * What Comity's cryptography costs per process, measured on the payloads and actions of a real
 * recorded MLA (test/histories/mla-executed.json: 128 payloads in its history, 10 actions):
 * - encryption: every payload compressed where that shrinks it, encrypted (AES-256-GCM) and
 *   decrypted once, as the codec does, and the bytes the history stores with and without compression;
 * - signing: each action signed by its sender (Ed25519, Node's native), as the process gateway does;
 * - verification: each signature checked by the process, as its update validator does;
 * - sealing: each process event's payload, actor and evidence sealed by the worker and opened by
 *   the projector and the API's stream (twice), and its timeline row sealed and opened once;
 * - the agency channel: each task signed by the worker (JWS), each answer decrypted (JWE, X25519)
 *   and verified (JWS) by the bridge — one task and one answer per action, an upper bound;
 * side by side with the JSON conversion of the same payloads (what Temporal's data converter does
 * anyway), in rounds, printing the median and the spread, and writing test/reports/crypto-cost-bench.json.
 * What an agency's own system spends (signing and encrypting its answers) is printed apart: it is
 * not Comity's.
 *
 *   npm run bench:crypto [-- --rounds 15]
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { JWK } from 'jose';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  ANSWER_JWS_TYPE,
  answerEncryptionKeys,
  decryptAnswer,
  encryptAnswer,
  signAnswer,
  signTask,
  taskSigningKeys,
  verifySigned,
} from '@comity/auth';
import { AesGcmFieldCipher, parseCodecKeys as parseFieldKeys } from '@comity/crypto';
import { actionPublicKey, refusalOfAssertion, type ActionClaims, type Actor } from '@comity/domain';
import { buildProcessEvent, openProcessEvent, sealProcessEvent, type ProcessEvent } from '@comity/events';
import { signActionNatively as signAction } from '@comity/workflows/gateway';
import { AesGcmPayloadCodec, COMPRESSION_METADATA, parseCodecKeys } from '@comity/temporal';

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
  const codecKeys = parseCodecKeys(`bench:${randomBytes(32).toString('base64')}`, 'bench');
  const codec = new AesGcmPayloadCodec(codecKeys);
  const uncompressed = new AesGcmPayloadCodec(codecKeys, { compressFromBytes: Infinity });
  const key = { id: 'bench', secretKey: new Uint8Array(randomBytes(32)) };
  const known = { bench: actionPublicKey(key) };
  const assertions = actions.map((claims) => signAction(claims, [key]));
  const now = Date.now();
  const values = payloads.map((p) => defaultPayloadConverter.fromPayload(p));

  // The agency channel: the installation's keys (derived from the action key) and one agency's.
  const [taskKey] = taskSigningKeys([key]);
  const decryption = answerEncryptionKeys([key]);
  const agency = generateKeyPairSync('ed25519');
  const agencyKeys = [
    { kid: 'agency', algorithm: 'EdDSA', publicJwk: agency.publicKey.export({ format: 'jwk' }) as JWK },
  ];
  const answerOf = (claims: ActionClaims) => ({
    specversion: '1.0',
    id: claims.updateId,
    type: 'comity.agency-response.submitted.v1',
    data: { taskId: claims.taskId, processId: claims.processId, action: claims.action, payload: claims.payload },
  });
  const signedAnswers = await Promise.all(actions.map((c) => signAnswer(answerOf(c), 'agency', agency.privateKey)));
  const encryptedAnswers = await Promise.all(signedAnswers.map((jws) => encryptAnswer(jws, decryption[0]!.publicJwk)));
  // Process events: one per action and the start, each with its action's payload and (for an
  // agency's) its signed answer as evidence.
  const cipher = new AesGcmFieldCipher(parseFieldKeys(`bench:${randomBytes(32).toString('base64')}`, 'bench'));
  const events: ProcessEvent[] = actions.map((claims, i) => benchEvent(claims, i, signedAnswers[i]!));

  const steps = {
    'json conversion (baseline)': () => {
      for (const value of values) defaultPayloadConverter.fromPayload(defaultPayloadConverter.toPayload(value));
    },
    'encryption (encode + decode)': async () => {
      await codec.decode(await codec.encode(payloads));
    },
    'encryption without compression (compared)': async () => {
      await uncompressed.decode(await uncompressed.encode(payloads));
    },
    signing: () => {
      for (const claims of actions) signAction(claims, [key]);
    },
    verification: () => {
      actions.forEach(({ issuedAt: _, ...claims }, i) => {
        if (refusalOfAssertion(assertions[i], claims, known, now)) throw new Error('a signature did not verify');
      });
    },
    'event sealing (seal, open ×2, row)': () => {
      for (const event of events) {
        const sealed = sealProcessEvent(event, cipher);
        openProcessEvent(sealed, cipher);
        openProcessEvent(sealed, cipher);
        cipher.open(cipher.seal(event.data.payload, 'row'), 'row');
      }
    },
    'task signing (JWS)': async () => {
      for (const event of events) await signTask(event, taskKey!);
    },
    'answer decryption + verification': async () => {
      for (const jwe of encryptedAnswers) {
        const opened = await decryptAnswer(jwe, decryption);
        if (!opened.ok || !(await verifySigned(opened.content, ANSWER_JWS_TYPE, agencyKeys)).ok) {
          throw new Error('an answer did not open');
        }
      }
    },
    "the agency's side: sign + encrypt (not Comity's)": async () => {
      for (const claims of actions) {
        await encryptAnswer(await signAnswer(answerOf(claims), 'agency', agency.privateKey), decryption[0]!.publicJwk);
      }
    },
  };
  const comitySteps = Object.keys(steps).filter(
    (name) => name !== 'json conversion (baseline)' && !name.includes("not Comity's") && !name.includes('(compared)'),
  );
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
  const cryptoPerRound = baseline.map((_, i) => comitySteps.reduce((sum, name) => sum + samples[name]![i]!, 0));
  const ratios = cryptoPerRound.map((c, i) => c / baseline[i]!);
  // What the history stores: each payload encrypted as it is (its serialised form, nonce and tag),
  // against what the codec writes (compressed first where that shrinks it).
  const encoded = await codec.encode(payloads);
  const report = {
    history: 'test/histories/mla-executed.json',
    payloads: payloads.length,
    payloadBytes: payloads.reduce((n, p) => n + (p.data?.length ?? 0), 0),
    storedBytes: {
      encryptedOnly: (await uncompressed.encode(payloads)).reduce((n, p) => n + (p.data?.length ?? 0), 0),
      compressedThenEncrypted: encoded.reduce((n, p) => n + (p.data?.length ?? 0), 0),
      compressedPayloads: encoded.filter((p) => p.metadata?.[COMPRESSION_METADATA]).length,
    },
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
    console.log(`  ${row.step.padEnd(48)} ${m.toFixed(3)} ms  (${min.toFixed(3)}–${max.toFixed(3)})`);
  }
  const { encryptedOnly, compressedThenEncrypted, compressedPayloads } = report.storedBytes;
  console.log(
    `  payload bytes in the history: ${encryptedOnly} encrypted as they are, ${compressedThenEncrypted} compressed first (${compressedPayloads} of ${payloads.length} compressed; ${(compressedThenEncrypted / encryptedOnly).toFixed(2)}×)`,
  );
  const c = report.cryptoMsPerProcess;
  const r = report.cryptoOverJsonRatio;
  console.log(
    `  ${"all of Comity's cryptography".padEnd(48)} ${c.median.toFixed(3)} ms  (${c.min.toFixed(3)}–${c.max.toFixed(3)})`,
  );
  console.log(
    `  ${'ratio to the JSON conversion'.padEnd(48)} ${r.median.toFixed(2)}×  (${r.min.toFixed(2)}–${r.max.toFixed(2)})`,
  );
  const file = path.join(root, 'test/reports/crypto-cost-bench.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

/** A process event as the workflow builds it, carrying one recorded action (and an agency's signed answer). */
function benchEvent(claims: ActionClaims, sequence: number, jws: string): ProcessEvent {
  const hash = '0'.repeat(64);
  return buildProcessEvent(
    {
      processId: claims.processId,
      processType: 'mla',
      sequence,
      action: claims.action,
      fromStage: 'draft',
      stage: 'draft',
      terminal: false,
      actor: claims.actor,
      legalBasis: 'UNTOC',
      priority: 'normal',
      handlingCode: 'H1',
      parties: {
        requesting: { agencyId: 'gr-police', state: 'GR' },
        requested: { agencyId: 'tr-police', state: 'TR' },
      },
      deadlines: [],
      overdue: false,
      audit: { previousHash: hash, hash },
      payload: claims.payload ?? {},
      ...(claims.actor.role === 'agency' ? { evidence: { kid: 'agency', jws } } : {}),
      occurredAt: claims.issuedAt,
    },
    'comity/bench',
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
