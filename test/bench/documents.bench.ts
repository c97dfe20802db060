/**
 * Documents' throughput against the object store's own, side by side in one run, on the same bytes:
 * - the store's own rate: a raw S3 multipart upload straight to the gateway (versitygw) with the
 *   API's part size and the same parts in flight as the API client, and a raw GetObject streamed
 *   and hashed, through the same SDK and settings as the API's store client (as `aws s3 cp` would,
 *   with its 8 MiB parts); the raw upload also at `aws s3 cp`'s default of 10 requests in flight,
 *   for reference (whether the parts in flight hold the store back);
 * - Comity's: the document uploaded through the API in parts (POST, PUT each part, `complete`
 *   answered), the check apart (complete → `available`: read back, decrypted, hashed and scanned by
 *   clamd; not transfer), and the download through the API streamed and hashed;
 * in rounds, the order alternating (raw first, then Comity first, ...). The document is generated
 * deterministically (an AES-CTR key stream) part by part, never held whole. While each phase runs,
 * the API process's resident memory is sampled (VmRSS every 50 ms, and VmHWM reset at the phase's
 * start, so a peak between samples is caught too), and each process's CPU is counted. At the end a
 * few costs of a part are timed alone (encryption, SHA-256, a Temporal query through the API, a
 * ListParts on the gateway). Prints a table and writes test/reports/documents-bench.json.
 *
 *   npm run bench:documents [-- --mib 1024 --rounds 3 --parallel 3 --warmup-mib 64 --profile]
 *
 * --profile: the API runs under V8's CPU profiler and the table ends with where its CPU went in
 * each of round 1's phases (test/bench/documents-profile.ts); the profiler slows it, so a profiled
 * run's rates are not the figures.
 *
 * The issue's targets: upload and download through Comity at ≥ 0.8 of the store's own rate, and
 * the API's memory flat (bounded by the parts in flight, not by the document) while streaming 1 GiB.
 * Needs the local services (started here: `infra/services.sh start temporal kafka versitygw clamav`;
 * harmless when they run). Method and latest figures: docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { CHUNK_BYTES, newDataKey, openChunk, sealChunks } from '@comity/crypto';
import type { Actor } from '@comity/domain';
import { waitFor } from '../support/apps';
import { documentStoreEnv } from '../support/environment';
import { startStack, type Stack } from '../support/stack';
import { monotonicMicros, profileOf, topFunctions } from './documents-profile';
import { cpuSampler, inParallel, machineBusy, percentiles, spread } from './measure';

const root = path.resolve(__dirname, '../..');
const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) || fallback : fallback;
};
const MIB = 1024 * 1024;
const SIZE = argument('mib', 1024) * MIB;
const ROUNDS = argument('rounds', 3);
/**
 * Parts in flight, for the API client and the raw upload alike. 3: one caller may have at most
 * PARTS_PER_CALLER parts sent or waiting (apps/api/src/documents/part-stream.ts), so a fourth is
 * answered 429; the raw upload gets the same 3, so that the two differ by the path only.
 */
const PARALLEL = argument('parallel', 3);
/** `aws s3 cp`'s default max_concurrent_requests: the store's rate as its own client would drive it. */
const AWS_CLI_CONCURRENCY = 10;
const WARMUP = argument('warmup-mib', 64) * MIB;
/** Profile the API (V8 --cpu-prof) and print where its CPU goes in each phase; slows it, so not for the figures. */
const PROFILE = process.argv.includes('--profile');
/** The tests' API ports are spread over 3101-3300 (test/e2e, test/cluster, run-benchmarks.ts); none is 3266. */
const API_PORT = 3266;
const MB = 1e6;
const coordinator: Actor = { userId: 'bench-officer', role: 'coordinator' };
const parties = {
  requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
  requested: { agencyId: 'ly-attorney-general', state: 'LY' },
};

const say = (line: string) => console.error(`[bench] ${line}`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const seconds = (fromMs: number) => (performance.now() - fromMs) / 1000;

/** Deterministic bytes: AES-128-CTR's key stream from a seed, made a slice at a time (offsets at 16-byte blocks). */
class Content {
  private readonly key: Buffer;
  private zeros = Buffer.alloc(0);

  constructor(
    seed: string,
    readonly size: number,
  ) {
    this.key = createHash('sha256').update(seed).digest().subarray(0, 16);
  }

  slice(offset: number, length: number): Buffer {
    if (offset % 16) throw new Error('slices start on a 16-byte block');
    const iv = Buffer.alloc(16);
    iv.writeUInt32BE(offset / 16, 12);
    if (this.zeros.length < length) this.zeros = Buffer.alloc(length);
    return createCipheriv('aes-128-ctr', this.key, iv).update(this.zeros.subarray(0, length));
  }

  part(partSize: number, n: number): Buffer {
    const offset = (n - 1) * partSize;
    return this.slice(offset, Math.min(partSize, this.size - offset));
  }

  sha256(): string {
    const hash = createHash('sha256');
    for (let at = 0; at < this.size; at += 64 * MIB) hash.update(this.slice(at, Math.min(64 * MIB, this.size - at)));
    return hash.digest('hex');
  }
}

/** A process's resident memory (MiB, one decimal) and its peak since the last reset, from /proc. */
function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: round(kib('VmRSS') / 1024), hwm: round(kib('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/** Resets a process's VmHWM to its present RSS (Linux clear_refs 5); false where not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

interface MemoryOfPhase {
  readonly startMiB: number;
  /** The highest of the samples and of VmHWM (reset at the start). */
  readonly peakMiB: number;
  readonly endMiB: number;
  /** The highest sample in each quarter of the phase: flat, or growing with the bytes moved. */
  readonly quarterPeaksMiB: number[];
  readonly samples: number;
}

/** Samples a process's RSS every 50 ms from start() to stop(). */
function memorySampler(pid: number) {
  const samples: { at: number; rss: number }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let hwmReset = false;
  let start = 0;
  return {
    start() {
      hwmReset = resetPeak(pid);
      start = memoryOf(pid)?.rss ?? NaN;
      samples.length = 0;
      timer = setInterval(() => {
        const m = memoryOf(pid);
        if (m) samples.push({ at: performance.now(), rss: m.rss });
      }, 50);
    },
    stop(): MemoryOfPhase {
      clearInterval(timer);
      const end = memoryOf(pid);
      const rss = samples.map((s) => s.rss);
      const first = samples[0]?.at ?? 0;
      const span = Math.max(1, (samples.at(-1)?.at ?? 0) - first);
      const quarters = [0, 1, 2, 3].map((q) =>
        Math.max(
          ...samples.filter((s) => Math.min(3, Math.floor(((s.at - first) / span) * 4)) === q).map((s) => s.rss),
          -Infinity,
        ),
      );
      return {
        startMiB: start,
        peakMiB: Math.max(...rss, start, end?.rss ?? 0, hwmReset ? (end?.hwm ?? 0) : 0),
        endMiB: end?.rss ?? NaN,
        quarterPeaksMiB: quarters.map((q) => (Number.isFinite(q) ? q : NaN)),
        samples: samples.length,
      };
    },
  };
}

type System = 'raw' | 'comity' | 'raw-aws-cli';
type Direction = 'upload' | 'check' | 'download';

interface Phase {
  readonly round: number;
  readonly system: System;
  readonly direction: Direction;
  readonly inFlight: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly mbPerSecond: number;
  /** Each part's request, sent to answered (uploads). */
  readonly partMs?: { p50: number; p95: number; p99: number; n: number };
  readonly apiMemory: MemoryOfPhase;
  readonly benchMemory: MemoryOfPhase;
  /** Each process's share of a core over the phase, %. */
  readonly cpu: Record<string, number>;
  /** The whole machine's busy cores over the phase (200 = both cores busy). */
  readonly machineBusy: number;
  /** The part of machineBusy none of the processes above used: the load the phase ran under. */
  readonly otherBusy: number;
  /** The phase's window on CLOCK_MONOTONIC (µs), the clock of the API's CPU profile. */
  readonly window: { fromUs: number; toUs: number };
}

interface Context {
  readonly stack: Stack;
  readonly s3: S3Client;
  readonly bucket: string;
  readonly processId: string;
  readonly apiPid: number;
  readonly agent: Agent;
  readonly pids: Map<string, number>;
  partSize: number;
}

function pidFromFile(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(root, file), 'utf8').trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `work` as one measured phase: its time, memory and CPU. */
async function measured(
  ctx: Context,
  meta: { round: number; system: System; direction: Direction; inFlight: number; bytes: number },
  work: () => Promise<{ partMs?: number[] } | void>,
): Promise<Phase> {
  const api = memorySampler(ctx.apiPid);
  const bench = memorySampler(process.pid);
  const cpu = cpuSampler(() => ctx.pids);
  const busy = machineBusy();
  api.start();
  bench.start();
  cpu.start();
  const fromUs = monotonicMicros();
  const started = performance.now();
  const result = await work();
  const took = seconds(started);
  const toUs = monotonicMicros();
  const phase: Phase = {
    ...meta,
    seconds: round(took, 3),
    mbPerSecond: round(meta.bytes / MB / took),
    partMs: result?.partMs ? percentiles(result.partMs.map((ms) => round(ms))) : undefined,
    apiMemory: api.stop(),
    benchMemory: bench.stop(),
    cpu: cpu.stop(),
    machineBusy: 0,
    otherBusy: 0,
    window: { fromUs, toUs },
  };
  const machineNow = busy();
  Object.assign(phase, {
    machineBusy: machineNow,
    otherBusy: Math.max(0, machineNow - Object.values(phase.cpu).reduce((a, b) => a + b, 0)),
  });
  const rss = phase.apiMemory;
  say(
    `  round ${meta.round} ${meta.system.padEnd(11)} ${meta.direction.padEnd(8)} ${phase.seconds.toFixed(1).padStart(6)} s` +
      `  ${phase.mbPerSecond.toFixed(1).padStart(7)} MB/s  API RSS ${rss.startMiB} → peak ${rss.peakMiB} MiB` +
      `  CPU ${Object.entries(phase.cpu)
        .map(([n, v]) => `${n} ${v}%`)
        .join(', ')}`,
  );
  return phase;
}

// ---------------------------------------------------------------- the object store's own rate

function rawKey(runId: string, label: string) {
  return `bench/documents-${runId}/${label}`;
}

async function rawUpload(ctx: Context, content: Content, key: string, inFlight: number): Promise<{ partMs: number[] }> {
  const { UploadId } = await ctx.s3.send(
    new CreateMultipartUploadCommand({ Bucket: ctx.bucket, Key: key, ContentType: 'application/octet-stream' }),
  );
  const count = Math.ceil(content.size / ctx.partSize);
  const partMs: number[] = [];
  const parts = await inParallel(count, inFlight, async (i) => {
    const body = content.part(ctx.partSize, i + 1);
    const sent = performance.now();
    const { ETag } = await ctx.s3.send(
      new UploadPartCommand({
        Bucket: ctx.bucket,
        Key: key,
        UploadId,
        PartNumber: i + 1,
        Body: body,
        ContentLength: body.length,
      }),
    );
    partMs.push(performance.now() - sent);
    return { PartNumber: i + 1, ETag };
  });
  await ctx.s3.send(
    new CompleteMultipartUploadCommand({ Bucket: ctx.bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }),
  );
  return { partMs };
}

async function hashStream(body: AsyncIterable<Uint8Array>): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function rawDownload(ctx: Context, key: string, expected: { size: number; sha256: string }): Promise<void> {
  const { Body } = await ctx.s3.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key }));
  const got = await hashStream(Body as Readable);
  if (got.bytes !== expected.size || got.sha256 !== expected.sha256) {
    throw new Error(
      `raw download of ${key}: ${got.bytes} bytes, ${got.sha256}; expected ${expected.size}, ${expected.sha256}`,
    );
  }
}

// ---------------------------------------------------------------- through Comity's API

interface DocumentView {
  id: string;
  status: string;
  problem?: string;
  sha256?: string;
  partSize: number;
  parts: number;
}

const documents = (ctx: Context) => `/api/v1/processes/${ctx.processId}/documents`;

function send(ctx: Context, method: string, route: string, token: string, body?: Buffer) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${ctx.stack.base}${route}`, {
      method,
      agent: ctx.agent,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(body?.length ?? 0),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POST the upload, PUT its parts (`inFlight` at a time), POST complete: answers the document's id once 202 is in. */
async function comityUpload(
  ctx: Context,
  content: Content,
  sha256: string,
  name: string,
  inFlight: number,
): Promise<{ documentId: string; partMs: number[] }> {
  const created = await ctx.stack.api.as(coordinator).post<DocumentView>(documents(ctx), {
    kind: 'evidence',
    name,
    mediaType: 'application/octet-stream',
    size: content.size,
    sha256,
  });
  if (created.status !== 201) throw new Error(`starting an upload: ${created.status} ${JSON.stringify(created.body)}`);
  const { id, partSize, parts } = created.body;
  if (partSize !== ctx.partSize) throw new Error(`the API's part size changed: ${partSize}, not ${ctx.partSize}`);
  const token = await ctx.stack.environment.token(coordinator);
  const partMs: number[] = [];
  await inParallel(parts, inFlight, async (i) => {
    const body = content.part(partSize, i + 1);
    const sent = performance.now();
    const res = await send(ctx, 'PUT', `${documents(ctx)}/${id}/parts/${i + 1}`, token, body);
    if (res.status !== 200) throw new Error(`part ${i + 1}: ${res.status} ${res.text}`);
    partMs.push(performance.now() - sent);
  });
  const completed = await ctx.stack.api.as(coordinator).post<DocumentView>(`${documents(ctx)}/${id}/complete`, {});
  if (completed.status !== 202) throw new Error(`complete: ${completed.status} ${JSON.stringify(completed.body)}`);
  return { documentId: id, partMs };
}

/** Waits until the document's check is over; it must be available, with the expected hash. */
async function comityChecked(ctx: Context, documentId: string, sha256: string): Promise<void> {
  const view = await waitFor(
    `document ${documentId} checked`,
    async () => {
      const res = await ctx.stack.api.as(coordinator).get<DocumentView>(`${documents(ctx)}/${documentId}`);
      return res.body.status === 'scanning' || res.body.status === 'uploading' ? undefined : res.body;
    },
    900_000,
  );
  if (view.status !== 'available' || view.sha256 !== sha256) {
    throw new Error(`document ${documentId} is ${view.status} (${view.problem ?? ''}), sha256 ${view.sha256}`);
  }
}

async function comityDownload(
  ctx: Context,
  documentId: string,
  expected: { size: number; sha256: string },
): Promise<void> {
  const token = await ctx.stack.environment.token(coordinator);
  const got = await new Promise<{ status: number; bytes: number; sha256: string }>((resolve, reject) => {
    const req = request(`${ctx.stack.base}${documents(ctx)}/${documentId}/content`, {
      agent: ctx.agent,
      headers: { authorization: `Bearer ${token}` },
    });
    req.on('response', (res) => {
      hashStream(res).then((h) => resolve({ status: res.statusCode ?? 0, ...h }), reject);
    });
    req.on('error', reject);
    req.end();
  });
  if (got.status !== 200 || got.bytes !== expected.size || got.sha256 !== expected.sha256) {
    throw new Error(`download of ${documentId}: ${got.status}, ${got.bytes} bytes, ${got.sha256}`);
  }
}

const objectKeyOf = (ctx: Context, documentId: string) => `documents/${ctx.processId}/${documentId}`;

// ---------------------------------------------------------------- a part's costs, one by one

function medianMs(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return round(spread(times).median, 2);
}

async function medianMsAsync(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return round(spread(times).median, 2);
}

/**
 * What a PUT of a part does beside moving its bytes, each timed alone: the Temporal query that reads
 * the process (liveState) and the ListParts that checks the part is not stored yet (both before the
 * body is read), the encryption, and the SigV4 payload hash the SDK computes (the raw upload too).
 */
async function partCosts(ctx: Context, content: Content, runId: string) {
  const part = content.part(ctx.partSize, 1);
  const key = newDataKey();
  const sealed = sealChunks(key, 'doc-bench', 0, false, part);
  const chunks = Math.ceil(part.length / CHUNK_BYTES);
  const sealedChunk = sealed.length / chunks;
  const costs: Record<string, number | Record<string, number>> = {
    'encrypt a part (sealChunks, ms)': medianMs(15, () => sealChunks(key, 'doc-bench', 0, false, part)),
    'decrypt a part (openChunk × chunks, ms)': medianMs(15, () => {
      for (let i = 0; i < chunks; i++) {
        openChunk(key, 'doc-bench', i, false, sealed.subarray(i * sealedChunk, (i + 1) * sealedChunk));
      }
    }),
    'SHA-256 of a part (SigV4 payload hash, ms)': medianMs(15, () => createHash('sha256').update(part).digest()),
    'generate a part (bench client, ms)': medianMs(15, () => content.part(ctx.partSize, 1)),
  };
  costs['a process read through the API (Temporal query, ms)'] = await medianMsAsync(30, async () => {
    const res = await ctx.stack.api.as(coordinator).get(`/api/v1/processes/${ctx.processId}`);
    if (res.status !== 200) throw new Error(`GET process: ${res.status}`);
  });
  // ListParts as the upload grows (it is called before every part): parts of 1 KiB, the listing
  // reads each part's metadata, not its bytes.
  const listKey = rawKey(runId, 'list-parts');
  const { UploadId } = await ctx.s3.send(new CreateMultipartUploadCommand({ Bucket: ctx.bucket, Key: listKey }));
  const listing: Record<string, number> = {};
  try {
    const tiny = randomBytes(1024);
    const total = Math.ceil(SIZE / ctx.partSize);
    let stored = 0;
    for (const upTo of [1, Math.ceil(total / 4), Math.ceil(total / 2), total]) {
      await inParallel(upTo - stored, 4, (i) =>
        ctx.s3.send(
          new UploadPartCommand({ Bucket: ctx.bucket, Key: listKey, UploadId, PartNumber: stored + i + 1, Body: tiny }),
        ),
      );
      stored = upTo;
      listing[`${upTo} parts`] = await medianMsAsync(9, () =>
        ctx.s3.send(new ListPartsCommand({ Bucket: ctx.bucket, Key: listKey, UploadId })),
      );
    }
  } finally {
    await ctx.s3.send(new AbortMultipartUploadCommand({ Bucket: ctx.bucket, Key: listKey, UploadId }));
  }
  costs['ListParts on the gateway (ms, by parts stored)'] = listing;
  return costs;
}

// ---------------------------------------------------------------- the run

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 1024 ** 3),
    kernel: os.release(),
    node: process.version,
    loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
}

const fmt = (s: { median: number; min: number; max: number }, digits = 1) =>
  `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const runStarted = performance.now();
  say('services: infra/services.sh start temporal kafka versitygw clamav');
  const services = spawnSync('bash', ['infra/services.sh', 'start', 'temporal', 'kafka', 'versitygw', 'clamav'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (services.status !== 0) throw new Error(`infra/services.sh start failed (${services.status})`);
  const store = documentStoreEnv();
  if (!store['COMITY_S3_ENDPOINT']) throw new Error('no object store credentials under .runtime/versitygw/secrets');
  const bucket = process.env['COMITY_S3_BUCKET'] ?? 'comity-documents';
  // As the API's own store client (apps/api/src/documents/object-store.ts): same SDK, same settings.
  const s3 = new S3Client({
    endpoint: store['COMITY_S3_ENDPOINT'],
    region: process.env['COMITY_S3_REGION'] ?? 'us-east-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: store['COMITY_S3_ACCESS_KEY_ID'] ?? '',
      secretAccessKey: store['COMITY_S3_SECRET_ACCESS_KEY'] ?? '',
    },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const runId = randomUUID().slice(0, 8);
  const content = new Content(`comity-documents-bench-${SIZE}`, SIZE);
  const warmup = new Content('comity-documents-bench-warmup', WARMUP);
  const hashing = performance.now();
  const sha256 = content.sha256();
  const warmupSha256 = warmup.sha256();
  say(`${SIZE / MIB} MiB generated and hashed in ${seconds(hashing).toFixed(1)} s: sha256 ${sha256.slice(0, 16)}…`);

  const profileDir = path.join(root, `test/reports/documents-bench-profiles/${runId}`);
  if (PROFILE) {
    mkdirSync(profileDir, { recursive: true });
    // Every app the stack starts writes one on exit; the API's is read by its pid.
    process.env['NODE_OPTIONS'] = `${process.env['NODE_OPTIONS'] ?? ''} --cpu-prof --cpu-prof-dir=${profileDir}`.trim();
  }
  say(`starting the stack (API on ${API_PORT})`);
  const stack = await startStack('sqlite', API_PORT);
  const phases: Phase[] = [];
  let apiPid = 0;
  const rawKeys = new Set<string>();
  const objectKeys = new Set<string>();
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(PARALLEL, AWS_CLI_CONCURRENCY) });
  const report: Record<string, unknown> = {
    startedAt,
    machine: machine(),
    sizeBytes: SIZE,
    rounds: ROUNDS,
    inFlight: PARALLEL,
    awsCliInFlight: AWS_CLI_CONCURRENCY,
    sha256,
  };
  try {
    const api = stack.apps().find((a) => a.name === 'api');
    if (!api?.process.pid) throw new Error('the API is not running');
    apiPid = api.process.pid;
    const pids = new Map<string, number>([
      ['api', api.process.pid],
      ['versitygw', pidFromFile('.runtime/versitygw/versitygw.pid') ?? 0],
      ['clamd', pidFromFile('.runtime/clamav/clamd.pid') ?? 0],
      ['bench', process.pid],
      ...stack
        .apps()
        .filter((a) => a.name !== 'api')
        .map((a): [string, number] => [a.name, a.process.pid ?? 0]),
    ]);
    for (const [name, pid] of pids) if (!pid) pids.delete(name);
    const started = await stack.api
      .as(coordinator)
      .post<{ id: string }>('/api/v1/processes', { type: 'mla', legalBasis: 'UNTOC', parties });
    if (started.status !== 201) throw new Error(`starting an MLA: ${started.status} ${JSON.stringify(started.body)}`);
    const ctx: Context = {
      stack,
      s3,
      bucket,
      processId: started.body.id,
      apiPid: api.process.pid,
      agent,
      pids,
      partSize: 0,
    };

    // Warm-up (not counted): the API's part size, and each path once (JIT, connections, modules).
    {
      const probe = await stack.api.as(coordinator).post<DocumentView>(documents(ctx), {
        kind: 'evidence',
        name: 'bench-warmup.bin',
        mediaType: 'application/octet-stream',
        size: warmup.size,
        sha256: warmupSha256,
      });
      if (probe.status !== 201) throw new Error(`starting an upload: ${probe.status} ${JSON.stringify(probe.body)}`);
      ctx.partSize = probe.body.partSize;
      say(`warm-up: ${WARMUP / MIB} MiB each way; the API's parts are ${ctx.partSize / MIB} MiB`);
      const token = await stack.environment.token(coordinator);
      await inParallel(probe.body.parts, PARALLEL, async (i) => {
        const res = await send(
          ctx,
          'PUT',
          `${documents(ctx)}/${probe.body.id}/parts/${i + 1}`,
          token,
          warmup.part(ctx.partSize, i + 1),
        );
        if (res.status !== 200) throw new Error(`warm-up part ${i + 1}: ${res.status} ${res.text}`);
      });
      const done = await stack.api.as(coordinator).post(`${documents(ctx)}/${probe.body.id}/complete`, {});
      if (done.status !== 202) throw new Error(`warm-up complete: ${done.status}`);
      objectKeys.add(objectKeyOf(ctx, probe.body.id));
      await comityChecked(ctx, probe.body.id, warmupSha256);
      await comityDownload(ctx, probe.body.id, { size: warmup.size, sha256: warmupSha256 });
      const key = rawKey(runId, 'warmup');
      rawKeys.add(key);
      await rawUpload(ctx, warmup, key, PARALLEL);
      await rawDownload(ctx, key, { size: warmup.size, sha256: warmupSha256 });
    }
    const idleSamples: number[] = [];
    for (let i = 0; i < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      idleSamples.push(memoryOf(ctx.apiPid)?.rss ?? NaN);
    }
    const idle = spread(idleSamples).median;
    say(`API RSS after the warm-up, idle: ${idle} MiB (the baseline)`);

    const expected = { size: SIZE, sha256 };
    for (let r = 1; r <= ROUNDS; r++) {
      const order: ('raw' | 'comity')[] = r % 2 === 1 ? ['raw', 'comity'] : ['comity', 'raw'];
      say(`round ${r} of ${ROUNDS}: ${order.join(' then ')}, then raw at ${AWS_CLI_CONCURRENCY} in flight`);
      const raw = rawKey(runId, `round-${r}`);
      const rawCli = rawKey(runId, `round-${r}-aws-cli`);
      let documentId = '';
      const meta = (system: System, direction: Direction, inFlight = PARALLEL) => ({
        round: r,
        system,
        direction,
        inFlight,
        bytes: SIZE,
      });
      for (const system of order) {
        if (system === 'raw') {
          rawKeys.add(raw);
          phases.push(await measured(ctx, meta('raw', 'upload'), () => rawUpload(ctx, content, raw, PARALLEL)));
        } else {
          phases.push(
            await measured(ctx, meta('comity', 'upload'), async () => {
              const uploaded = await comityUpload(ctx, content, sha256, `bench-round-${r}.bin`, PARALLEL);
              documentId = uploaded.documentId;
              objectKeys.add(objectKeyOf(ctx, documentId));
              return uploaded;
            }),
          );
          phases.push(await measured(ctx, meta('comity', 'check'), () => comityChecked(ctx, documentId, sha256)));
        }
      }
      rawKeys.add(rawCli);
      phases.push(
        await measured(ctx, meta('raw-aws-cli', 'upload', AWS_CLI_CONCURRENCY), () =>
          rawUpload(ctx, content, rawCli, AWS_CLI_CONCURRENCY),
        ),
      );
      for (const system of order) {
        phases.push(
          system === 'raw'
            ? await measured(ctx, meta('raw', 'download'), () => rawDownload(ctx, raw, expected))
            : await measured(ctx, meta('comity', 'download'), () => comityDownload(ctx, documentId, expected)),
        );
      }
      // This round's objects go; 3 GiB of them would otherwise stay in the store's folder.
      for (const key of [raw, rawCli, objectKeyOf(ctx, documentId)]) {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
        rawKeys.delete(key);
        objectKeys.delete(key);
      }
    }

    say('a part’s costs, one by one');
    const costs = await partCosts(ctx, content, runId);

    // ------------------------------------------------------------ summary
    const of = (system: System, direction: Direction) =>
      phases.filter((p) => p.system === system && p.direction === direction);
    const rates = (system: System, direction: Direction) => spread(of(system, direction).map((p) => p.mbPerSecond));
    const ratios = (direction: 'upload' | 'download') =>
      spread(
        of('comity', direction).map((c) => {
          const raw = of('raw', direction).find((p) => p.round === c.round)!;
          return round(c.mbPerSecond / raw.mbPerSecond, 3);
        }),
      );
    const beforeUpload = of('comity', 'upload').map((p) => p.apiMemory.startMiB);
    const rise = (direction: Direction) =>
      spread(of('comity', direction).map((p) => round(p.apiMemory.peakMiB - idle)));
    const peaks = (direction: Direction) => spread(of('comity', direction).map((p) => p.apiMemory.peakMiB));
    const partLatency = (system: System) => spread(of(system, 'upload').map((p) => p.partMs?.p50 ?? NaN));
    const cpu = (system: System, direction: Direction) => {
      const names = [...ctx.pids.keys()];
      return Object.fromEntries(
        names.map((name) => [name, spread(of(system, direction).map((p) => p.cpu[name] ?? 0)).median]),
      );
    };
    const summary = {
      uploadMBps: {
        raw: rates('raw', 'upload'),
        comity: rates('comity', 'upload'),
        rawAwsCli: rates('raw-aws-cli', 'upload'),
      },
      uploadRatio: ratios('upload'),
      checkSeconds: spread(of('comity', 'check').map((p) => p.seconds)),
      checkMBps: rates('comity', 'check'),
      downloadMBps: {
        raw: rates('raw', 'download'),
        comity: rates('comity', 'download'),
      },
      downloadRatio: ratios('download'),
      partPutP50Ms: { raw: partLatency('raw'), comity: partLatency('comity') },
      apiRssMiB: {
        baselineIdleAfterWarmup: idle,
        beforeEachUpload: spread(beforeUpload),
        uploadPeak: peaks('upload'),
        uploadRise: rise('upload'),
        checkPeak: peaks('check'),
        checkRise: rise('check'),
        downloadPeak: peaks('download'),
        downloadRise: rise('download'),
      },
      benchRssPeakMiB: spread(phases.map((p) => p.benchMemory.peakMiB)).max,
      otherBusyPercentOfCore: spread(phases.map((p) => p.otherBusy)),
      cpuPercentOfCore: {
        'raw upload': cpu('raw', 'upload'),
        'comity upload': cpu('comity', 'upload'),
        'comity check': cpu('comity', 'check'),
        'raw download': cpu('raw', 'download'),
        'comity download': cpu('comity', 'download'),
      },
    };
    Object.assign(report, { summary, partCosts: costs, phases, seconds: round(seconds(runStarted)) });

    // ------------------------------------------------------------ the table
    const line = (label: string, value: string) => console.log(`  ${label.padEnd(64)} ${value}`);
    const mem = summary.apiRssMiB;
    console.log(
      `\ndocuments: ${SIZE / MIB} MiB in ${ctx.partSize / MIB} MiB parts, ${PARALLEL} in flight, ${ROUNDS} rounds (order alternating); ` +
        `median (lowest–highest), MB/s = 10^6 bytes/s`,
    );
    line('upload, raw S3 multipart (the store’s own)', `${fmt(summary.uploadMBps.raw)} MB/s`);
    line('upload, Comity API (POST … complete answered)', `${fmt(summary.uploadMBps.comity)} MB/s`);
    line('  ratio Comity / raw (target ≥ 0.8)', fmt(summary.uploadRatio, 2));
    line(
      'check, complete → available (clamd scan; apart)',
      `${fmt(summary.checkSeconds)} s = ${fmt(summary.checkMBps)} MB/s`,
    );
    line('download, raw S3 GetObject, hashed', `${fmt(summary.downloadMBps.raw)} MB/s`);
    line('download, Comity API, hashed', `${fmt(summary.downloadMBps.comity)} MB/s`);
    line('  ratio Comity / raw (target ≥ 0.8)', fmt(summary.downloadRatio, 2));
    line(
      `upload, raw at aws s3 cp's ${AWS_CLI_CONCURRENCY} in flight (reference)`,
      `${fmt(summary.uploadMBps.rawAwsCli)} MB/s`,
    );
    line(
      'a part’s PUT, p50 (ms): raw / Comity',
      `${fmt(summary.partPutP50Ms.raw, 0)} / ${fmt(summary.partPutP50Ms.comity, 0)}`,
    );
    line(
      'API RSS (MiB): baseline (idle after warm-up) / before each upload',
      `${mem.baselineIdleAfterWarmup} / ${fmt(mem.beforeEachUpload, 0)}`,
    );
    line('  peak during upload (+ over the baseline)', `${fmt(mem.uploadPeak, 0)} (+${fmt(mem.uploadRise, 0)})`);
    line('  peak during the check', `${fmt(mem.checkPeak, 0)} (+${fmt(mem.checkRise, 0)})`);
    line('  peak during download', `${fmt(mem.downloadPeak, 0)} (+${fmt(mem.downloadRise, 0)})`);
    for (const direction of ['upload', 'download'] as const) {
      line(
        `  API RSS by quarter of each ${direction} (peak, MiB)`,
        of('comity', direction)
          .map((p) => p.apiMemory.quarterPeaksMiB.map((q) => q.toFixed(0)).join(' '))
          .join(' | '),
      );
    }
    line('bench client’s own RSS peak (MiB; it never holds the document)', String(summary.benchRssPeakMiB));
    line('load from outside the benchmark (% of a core, over the phases)', fmt(summary.otherBusyPercentOfCore, 0));
    for (const [phase, shares] of Object.entries(summary.cpuPercentOfCore)) {
      line(
        `CPU, ${phase} (% of a core, median)`,
        Object.entries(shares)
          .map(([n, v]) => `${n} ${v}`)
          .join(', '),
      );
    }
    for (const [cost, value] of Object.entries(costs)) {
      line(
        cost,
        typeof value === 'number'
          ? String(value)
          : Object.entries(value)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', '),
      );
    }
  } finally {
    for (const key of [...rawKeys, ...objectKeys]) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
    }
    agent.destroy();
    s3.destroy();
    await stack.stop().catch((err: unknown) => say(`stopping the stack: ${(err as Error).message.slice(0, 2000)}`));
    const profile = PROFILE && apiPid ? profileOf(profileDir, apiPid) : undefined;
    if (profile) {
      const where: Record<string, unknown> = {};
      console.log(
        `\nthe API's CPU profile (${path.relative(process.cwd(), profileDir)}): self time by function, round 1`,
      );
      for (const p of phases.filter((p) => p.round === 1 && p.system === 'comity')) {
        const top = topFunctions(profile, p.window.fromUs, p.window.toUs);
        where[p.direction] = top;
        console.log(`  ${p.direction} (${top.samples} samples)`);
        for (const f of top.top) console.log(`    ${f.percent.toFixed(1).padStart(5)} %  ${f.function}`);
      }
      report['apiProfile'] = where;
    }
    const file = path.join(root, 'test/reports/documents-bench.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), file)} (${round(seconds(runStarted) / 60)} min)`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
