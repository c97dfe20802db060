/**
 * Comity's benchmarks, side by side with the fair baseline and the in-memory floor
 * (test/bench/bare), in one run on one Temporal dev server and one Kafka broker of its own (started
 * by infra/services.sh on ports 3271-3275, so the shared services are never loaded): `npm run
 * bench`. Prints a table and writes test/reports/bench.json. Method: docs/benchmarks.md.
 *   COMITY_BENCH_SECONDS         the steady-state window of each throughput measurement (default 15)
 *   COMITY_BENCH_WARMUP_SECONDS  the warm-up before it (default 5)
 *   COMITY_BENCH_REPETITIONS     repetitions of each point, in rotated order (default 3)
 *   COMITY_BENCH_CONCURRENCY     the concurrencies tried (default 2,4,8,16,32,64)
 *   COMITY_BENCH_OPEN_PROCESSES  processes held open for the memory figure (default 10000)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { Context as ActivityContext } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { issueLocalToken } from '@comity/auth';
import { loadConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import { agencyTask, DefaultTopics } from '@comity/events';
import { comityDataConverter } from '@comity/temporal';
import { AppGroup } from '../support/app-group';
import { root } from '../support/apps';
import { startPrivateServices, type PrivateServices } from '../support/private-services';
import { type BareActivities, bareProcess, bareStepUpdate } from './bare/bare.workflow';
import { FAIR_TOPICS, type FairTask, startFairRoundTrip } from './bare/fair-round-trip';
import {
  cpuSampler,
  inParallel,
  machineBusy,
  percentiles,
  prometheusCounters,
  rssMiB,
  spread,
  steadyLoop,
} from './measure';
import { testKafka } from '../support/kafka-access';
import { contentOf } from '../support/topic-observer';

const PORTS = {
  api: 3270,
  temporal: 3271,
  temporalUi: 3272,
  kafka: 3273,
  kafkaController: 3274,
  temporalMetrics: 3275,
};
const STEP_MS = Number(process.env['COMITY_BENCH_SECONDS'] ?? 15) * 1000;
const WARMUP_MS = Number(process.env['COMITY_BENCH_WARMUP_SECONDS'] ?? 5) * 1000;
const REPETITIONS = Number(process.env['COMITY_BENCH_REPETITIONS'] ?? 3);
/** The length of every window the server's counters are read over (the idle one too). */
const TEMPORAL_WINDOW_MS = 30_000;
const BENCH_PROCESS = 'bench (drivers, baseline workers)';
const OPEN_PROCESSES = Number(process.env['COMITY_BENCH_OPEN_PROCESSES'] ?? 10000);
const CONCURRENCY_STEPS = (process.env['COMITY_BENCH_CONCURRENCY'] ?? '2,4,8,16,32,64').split(',').map(Number);
const BARE_QUEUE = 'bench-bare';
const FAIR_QUEUE = 'bench-fair';
const coordinator: Actor = { userId: 'bench-officer', role: 'coordinator' };
/**
 * An MLA driven to executed with one partial return, step by step (the start, then its 7 answers):
 * each records an event and five open a task, so 13 activities (8 events, 5 tasks).
 */
const MLA_STEPS = [true, true, false, true, true, true, false, false].map((task) => ({ task }));
const PAIRS = [
  ['at-prosecutor', 'rs-prosecutor'],
  ['de-bka', 'tr-police'],
  ['gr-central-authority', 'al-central-authority'],
  ['it-prosecutor', 'ly-prosecutor'],
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => console.error(`[bench] ${line}`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function scenarioFile(): string {
  const agencies = PAIRS.flatMap(([requesting, requested]) => [
    { agencyId: requesting, delayMs: 0, behaviour: { translationLanguage: 'en' } },
    { agencyId: requested, delayMs: 0, behaviour: { partialReturns: 1 } },
  ]);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'comity-bench-')), 'scenario.json');
  writeFileSync(file, JSON.stringify({ agencies }));
  return file;
}

interface Context {
  readonly services: PrivateServices;
  readonly apps: AppGroup;
  readonly client: Client;
  /** Without the payload codec: the baselines' workers have none. */
  readonly bareClient: Client;
  readonly bareTasks: TaskInbox;
  /** Each process's share of a core (%) with nothing running, subtracted from what a window measures. */
  idleCpu: Record<string, number>;
  readonly namespace: string;
  readonly token: string;
  readonly base: string;
  pids(): Map<string, number>;
}

function startBody(i: number, pair: readonly [string, string] = PAIRS[i % PAIRS.length] as readonly [string, string]) {
  return {
    type: 'mla',
    legalBasis: 'UNTOC',
    parties: { requesting: { agencyId: pair[0], state: 'AT' }, requested: { agencyId: pair[1], state: 'RS' } },
  };
}

async function post(ctx: Context, route: string, body: object): Promise<{ status: number; json: { id?: string } }> {
  const res = await fetch(`${ctx.base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { id?: string } };
}

/** One MLA end to end: started through the API, answered by the simulator over Kafka, executed. */
async function comityProcess(ctx: Context, i: number): Promise<string> {
  const res = await post(ctx, '/api/v1/processes', startBody(i));
  if (res.status !== 201 || !res.json.id) throw new Error(`start failed: ${res.status}`);
  await ctx.client.workflow.getHandle(res.json.id).result();
  return res.json.id;
}

/**
 * The in-memory baseline's tasks as they "arrive", by workflow id: a driver waiting for one (as an
 * agency waits for its task before answering) takes it from here.
 */
class TaskInbox {
  private readonly arrived = new Map<string, number>();
  private readonly waiting = new Map<string, () => void>();

  open(workflowId: string): void {
    this.arrived.set(workflowId, 0);
  }

  close(workflowId: string): void {
    this.arrived.delete(workflowId);
    this.waiting.delete(workflowId);
  }

  /** Called by the in-memory baseline's step activity; tasks of workflows nobody waits for are ignored. */
  deliver(workflowId: string): void {
    const count = this.arrived.get(workflowId);
    if (count === undefined) return;
    const waiter = this.waiting.get(workflowId);
    this.waiting.delete(workflowId);
    if (waiter) waiter();
    else this.arrived.set(workflowId, count + 1);
  }

  next(workflowId: string): Promise<void> {
    const count = this.arrived.get(workflowId) ?? 0;
    if (count > 0) {
      this.arrived.set(workflowId, count - 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.set(workflowId, resolve));
  }
}

/**
 * The in-memory baseline (the floor): the bare workflow driven directly by a client, which sends a
 * step's update once the task the step before opened has run, as an agency answers only the task
 * it has received — no Kafka at all.
 */
async function bareInMemory(ctx: Context): Promise<string> {
  const workflowId = `bare-${randomUUID()}`;
  ctx.bareTasks.open(workflowId);
  try {
    const handle = await ctx.bareClient.workflow.start(bareProcess, {
      workflowId,
      taskQueue: BARE_QUEUE,
      args: [{ steps: MLA_STEPS }],
    });
    for (const [i, step] of MLA_STEPS.entries()) {
      if (step.task) await ctx.bareTasks.next(workflowId);
      if (i < MLA_STEPS.length - 1) await handle.executeUpdate(bareStepUpdate);
    }
    await handle.result();
    return workflowId;
  } finally {
    ctx.bareTasks.close(workflowId);
  }
}

/** Starts a fair baseline process: its Kafka round trip (bare/fair-round-trip.ts) drives it to its end. */
function startFair(ctx: Context) {
  return ctx.bareClient.workflow.start(bareProcess, {
    workflowId: `fair-${randomUUID()}`,
    taskQueue: FAIR_QUEUE,
    args: [{ steps: MLA_STEPS }],
  });
}

async function fair(ctx: Context): Promise<string> {
  const handle = await startFair(ctx);
  await handle.result();
  return handle.workflowId;
}

type System = 'comity' | 'fair' | 'bare';
/** The order of the first repetition; each next one starts one further along, so none is always first. */
const SYSTEMS: readonly System[] = ['comity', 'fair', 'bare'];
const rotated = (rep: number) => SYSTEMS.map((_, i) => SYSTEMS[(i + rep) % SYSTEMS.length] as System);

/** One process of a system, start to end. */
const oneOf = (ctx: Context, system: System, n: () => number) =>
  ({ comity: () => comityProcess(ctx, n()), fair: () => fair(ctx), bare: () => bareInMemory(ctx) })[system];

/**
 * The processes whose CPU a system's figure counts: all of Comity's for Comity; for the baselines
 * only what they run on (Comity's services idle meanwhile, and are not theirs).
 */
const COUNTED: Record<System, readonly string[] | 'all'> = {
  comity: 'all',
  fair: ['temporal', 'kafka', BENCH_PROCESS],
  bare: ['temporal', BENCH_PROCESS],
};

/** CPU time each process spent per completed process (core-milliseconds), from its share of a core and the rate. */
function cpuPerProcess(cpu: Record<string, number>, perSecond: number): Record<string, number> {
  const costs = Object.entries(cpu).map(([name, share]) => [name, Math.round((share * 10) / perSecond)] as const);
  return Object.fromEntries([...costs, ['total', costs.reduce((sum, [, ms]) => sum + ms, 0)]]);
}

/**
 * One steady-state window of a system at a concurrency, with each counted process's share of a core
 * over the window less its share when idle, and what the rest of the machine used meanwhile.
 */
async function measure(ctx: Context, system: System, concurrency: number) {
  const sampler = cpuSampler(() => ctx.pids());
  const machine = machineBusy();
  let n = 0;
  const run = await steadyLoop(
    concurrency,
    WARMUP_MS,
    STEP_MS,
    oneOf(ctx, system, () => n++),
    {
      start: () => {
        sampler.start();
        machine();
      },
      stop: () => ({ shares: sampler.stop(), machineBusy: machine() }),
    },
  );
  const { shares, machineBusy: busy } = run.during;
  const counted = COUNTED[system];
  const cpu = Object.fromEntries(
    Object.entries(shares)
      .filter(([name]) => counted === 'all' || counted.includes(name))
      .map(([name, share]) => [name, Math.max(0, share - (ctx.idleCpu[name] ?? 0))]),
  );
  const known = Object.values(shares).reduce((sum, share) => sum + share, 0);
  return {
    perSecond: round(run.perSecond, 2),
    completed: run.completed,
    failed: run.failed,
    cpu,
    cpuMsPerProcess: cpuPerProcess(cpu, run.perSecond),
    /** Busy cores (in %) of the whole machine over the window, and the part not used by the benchmark's processes. */
    machineBusy: busy,
    otherBusy: Math.max(0, busy - known),
  };
}
type Measured = Awaited<ReturnType<typeof measure>>;

/** Repetitions of one system at one concurrency: the rate's median and spread, the median CPU per process. */
function summarise(runs: readonly Measured[]) {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.cpuMsPerProcess)))];
  return {
    perSecond: spread(runs.map((r) => r.perSecond)),
    cpuMsPerProcess: Object.fromEntries(
      names.map((k) => [k, spread(runs.map((r) => r.cpuMsPerProcess[k] ?? 0)).median]),
    ),
    otherBusy: spread(runs.map((r) => r.otherBusy)),
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    runs,
  };
}

async function throughput(ctx: Context) {
  const steps: {
    concurrency: number;
    comity: ReturnType<typeof summarise>;
    fair: ReturnType<typeof summarise>;
    bare: ReturnType<typeof summarise>;
    ratioToFair: number;
    ratioToBare: number;
  }[] = [];
  for (const concurrency of CONCURRENCY_STEPS) {
    const runs: Record<System, Measured[]> = { comity: [], fair: [], bare: [] };
    for (let rep = 0; rep < REPETITIONS; rep++) {
      for (const system of rotated(rep)) runs[system].push(await measure(ctx, system, concurrency));
    }
    const [comity, fairRuns, bare] = [summarise(runs.comity), summarise(runs.fair), summarise(runs.bare)];
    const step = {
      concurrency,
      comity,
      fair: fairRuns,
      bare,
      ratioToFair: round(comity.perSecond.median / fairRuns.perSecond.median, 2),
      ratioToBare: round(comity.perSecond.median / bare.perSecond.median, 2),
    };
    steps.push(step);
    const rates = (system: System) => runs[system].map((r) => r.perSecond).join(', ');
    say(
      `throughput at ${concurrency} in flight (${REPETITIONS} runs each): Comity ${rates('comity')}/s, ` +
        `fair ${rates('fair')}/s, bare ${rates('bare')}/s; ratio to fair ${step.ratioToFair}`,
    );
    const previous = steps[steps.length - 2];
    // Stop once neither Comity nor the fair baseline rises by 10 % any more.
    const rose = (system: 'comity' | 'fair') =>
      !previous || step[system].perSecond.median >= previous[system].perSecond.median * 1.1;
    if (!rose('comity') && !rose('fair')) break;
  }
  const peak = (system: System) => Math.max(...steps.map((s) => s[system].perSecond.median));
  const best = steps.find((s) => s.comity.perSecond.median === peak('comity')) ?? steps[0];
  return {
    steps,
    peakComity: peak('comity'),
    peakFair: peak('fair'),
    peakBare: peak('bare'),
    ratioToFair: round(peak('comity') / peak('fair'), 2),
    lowestRatioToFair: Math.min(...steps.map((s) => s.ratioToFair)),
    bestConcurrency: best?.concurrency ?? 8,
  };
}

/**
 * What the Temporal server does for one process of each system, counted by the server itself (its
 * Prometheus counters): a batch of processes in a window of fixed length, less the same window with
 * nothing running (the services' polling), per process; and the history of every process of the
 * batch, as medians.
 */
async function temporalWork(ctx: Context) {
  const url = `http://127.0.0.1:${PORTS.temporalMetrics}/metrics`;
  const names = ['service_requests', 'persistence_requests', 'visibility_persistence_requests'];
  const batch = 40;
  const window = async (load: () => Promise<string[]>) => {
    const before = await prometheusCounters(url, names);
    const started = Date.now();
    const ids = await load();
    const tookMs = Date.now() - started;
    if (tookMs > TEMPORAL_WINDOW_MS) throw new Error(`a batch took ${tookMs} ms, longer than the counting window`);
    await sleep(TEMPORAL_WINDOW_MS - tookMs);
    const after = await prometheusCounters(url, names);
    return { ids, delta: new Map([...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const)) };
  };
  const idle = await window(async () => []);
  const perProcess = async (system: System) => {
    let n = 2_000_000;
    const one = oneOf(ctx, system, () => n++);
    const { ids, delta } = await window(() => inParallel(batch, 8, () => one()));
    const net = [...delta].map(([k, v]) => [k, (v - (idle.delta.get(k) ?? 0)) / batch] as const);
    const total = (name: string) =>
      round(net.filter(([k]) => k.startsWith(`${name} `)).reduce((sum, [, v]) => sum + v, 0));
    const histories = await Promise.all(
      ids.map(async (workflowId) => {
        const { history } = await ctx.client.workflowService.getWorkflowExecutionHistory({
          namespace: ctx.namespace,
          execution: { workflowId },
        });
        const events = history?.events ?? [];
        return {
          events: events.length,
          kib: temporal.api.history.v1.History.encode({ events }).finish().length / 1024,
        };
      }),
    );
    const events = spread(histories.map((h) => h.events));
    const kib = spread(histories.map((h) => h.kib));
    return {
      serverRequests: total('service_requests'),
      persistenceOperations: total('persistence_requests'),
      visibilityWrites: total('visibility_persistence_requests'),
      historyEvents: events.median,
      historyEventsRange: [events.min, events.max],
      historyKiB: round(kib.median),
      historyKiBRange: [round(kib.min), round(kib.max)],
      byOperation: Object.fromEntries(
        net
          .filter(([, v]) => v >= 0.1)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, round(v)]),
      ),
    };
  };
  return {
    windowSeconds: TEMPORAL_WINDOW_MS / 1000,
    processes: batch,
    comity: await perProcess('comity'),
    fair: await perProcess('fair'),
    bare: await perProcess('bare'),
  };
}

/**
 * Transition committed in the workflow (the task's `assignedAt`, the workflow's clock) to the task
 * received by a consumer group of its own, every task of processes started at a steady rate: for
 * Comity on the agencies' task topics, for the fair baseline on its task topic.
 */
async function latencyOf(ctx: Context, system: 'comity' | 'fair', perSecond: number) {
  const kafka = testKafka('bench-latency', ctx.services.brokers);
  const started = new Set<string>();
  const ms: number[] = [];
  const consumer = kafka.consumer({ groupId: `bench-latency-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({
    topics: [
      system === 'comity' ? new RegExp(`^${DefaultTopics.agencyTasksPrefix.replace(/\./g, '\\.')}`) : FAIR_TOPICS.tasks,
    ],
    fromBeginning: false,
  });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  const assigned = (value: string): { processId: string; at: number } | undefined => {
    if (system === 'fair') {
      const task = JSON.parse(value) as FairTask;
      return { processId: task.processId, at: task.assignedAt };
    }
    const task = agencyTask.safeParse(JSON.parse(contentOf(value)));
    return task.success
      ? { processId: task.data.data.processId, at: Date.parse(task.data.data.assignedAt) }
      : undefined;
  };
  await consumer.run({
    eachMessage: async ({ message }) => {
      const received = Date.now();
      const task = assigned(message.value?.toString() ?? 'null');
      if (task && started.has(task.processId)) ms.push(received - task.at);
    },
  });
  await joined;
  const pending: Promise<void>[] = [];
  const until = Date.now() + STEP_MS;
  for (let i = 0; Date.now() < until; i++) {
    const start =
      system === 'comity'
        ? post(ctx, '/api/v1/processes', startBody(i)).then((res) => res.json.id)
        : startFair(ctx).then((handle) => handle.workflowId);
    pending.push(start.then((id) => void (id && started.add(id))));
    await sleep(1000 / perSecond);
  }
  await Promise.all(pending);
  // Every process opens its tasks within seconds; wait for all of them, at most half a minute.
  const expected = started.size * MLA_STEPS.filter((s) => s.task).length;
  for (const giveUp = Date.now() + 30_000; ms.length < expected && Date.now() < giveUp;) await sleep(200);
  await consumer.disconnect();
  return { ...percentiles(ms), expected };
}

/**
 * Latency for Comity and the fair baseline side by side, at a rate below Comity's peak and at the
 * highest rate the fair baseline sustains (0.8 of its closed-loop peak: at the peak itself an open
 * loop only queues).
 */
async function latency(ctx: Context, comityPeak: number, fairPeak: number) {
  const rates = [...new Set([Math.max(1, Math.floor(comityPeak * 0.6)), Math.max(1, Math.floor(fairPeak * 0.8))])];
  const points = [];
  for (const perSecond of rates) {
    say(`latency at ${perSecond} processes/s`);
    points.push({
      processesPerSecond: perSecond,
      comity: await latencyOf(ctx, 'comity', perSecond),
      fair: await latencyOf(ctx, 'fair', perSecond),
    });
  }
  return points;
}

/** API latency under autocannon: starting processes, and actions applied as Temporal updates. */
async function api(ctx: Context) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` };
  const connections = 10;
  // Actions first: the start run leaves hundreds of new processes' first steps queued in Temporal.
  // Each connection moves a process of its own back and forth between draft and review, so every
  // request is a real transition (one update, an event and a task).
  const ids: string[] = [];
  for (let i = 0; i < connections; i++) {
    const res = await post(ctx, '/api/v1/processes', startBody(i, ['xx-idle-requesting', 'xx-idle-requested']));
    if (res.json.id) ids.push(res.json.id);
  }
  await sleep(3000);
  let next = 0;
  const transition = (id: string, action: string, payload: object): autocannon.Request => ({
    method: 'POST',
    path: `/api/v1/processes/${id}/actions`,
    headers,
    body: JSON.stringify({ action, payload }),
  });
  const actionRun = await autocannon({
    url: ctx.base,
    connections,
    duration: STEP_MS / 1000,
    setupClient: (client) => {
      const id = ids[next++ % ids.length] as string;
      client.setRequests([
        transition(id, 'submit-for-review', {}),
        transition(id, 'return-to-draft', { reasons: 'benchmark round trip' }),
      ]);
    },
  });
  const startRun = await autocannon({
    url: `${ctx.base}/api/v1/processes`,
    method: 'POST',
    headers,
    // Processes no simulated agency plays, so they stay open and add no answers to the load.
    body: JSON.stringify(startBody(0, ['xx-idle-requesting', 'xx-idle-requested'])),
    connections,
    duration: STEP_MS / 1000,
  });
  const summary = (r: autocannon.Result) => ({
    requestsPerSecond: round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  });
  return { connections, start: summary(startRun), action: summary(actionRun) };
}

/** Worker and API memory before and after opening many processes that wait for agencies. */
async function memory(ctx: Context) {
  const rss = () => ({ worker: rssMiB(ctx.pids().get('worker') ?? 0), api: rssMiB(ctx.pids().get('api') ?? 0) });
  const before = rss();
  const started = Date.now();
  await inParallel(OPEN_PROCESSES, 20, (i) =>
    post(ctx, '/api/v1/processes', startBody(i, ['xx-idle-requesting', 'xx-idle-requested'])),
  );
  const startSeconds = (Date.now() - started) / 1000;
  await sleep(10_000);
  return {
    openProcesses: OPEN_PROCESSES,
    startedPerSecond: round(OPEN_PROCESSES / startSeconds),
    before,
    after: rss(),
  };
}

async function secondWorker(ctx: Context, concurrency: number) {
  await ctx.apps.startExtra('worker');
  const runs: Measured[] = [];
  for (let rep = 0; rep < REPETITIONS; rep++) runs.push(await measure(ctx, 'comity', concurrency));
  return { concurrency, ...summarise(runs) };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} x ${cpus.length}`,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
}

async function main(): Promise<void> {
  const at = new Date().toISOString();
  const host = machine();
  say(`starting private Temporal and Kafka on ${JSON.stringify(PORTS)}`);
  const services = await startPrivateServices(PORTS);
  const secret = randomUUID() + randomUUID();
  const env: Record<string, string> = {
    ...services.appEnv,
    COMITY_DB_TYPE: 'sqlite',
    COMITY_SQLITE_PATH: path.join(services.runtime, 'read-model.sqlite'),
    COMITY_AUTH_SECRET: secret,
    COMITY_CODEC_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    COMITY_ACTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    COMITY_CODEC_ACTIVE_KEY: 'bench',
    COMITY_API_PORT: String(PORTS.api),
    COMITY_API_RATE_LIMIT: '100000000',
  };
  const apps = new AppGroup(env, { 'agency-simulator': [scenarioFile()] });
  const config = loadConfig({ ...process.env, ...env }).temporal;
  const connection = await Connection.connect({ address: config.address });
  const client = new Client({ connection, namespace: config.namespace, dataConverter: comityDataConverter(config) });
  const bareClient = new Client({ connection, namespace: config.namespace });
  const workerConnection = await NativeConnection.connect({ address: config.address });
  const bareTasks = new TaskInbox();
  const workers: Worker[] = [];
  const running: Promise<void>[] = [];
  let fairRoundTrip: Awaited<ReturnType<typeof startFairRoundTrip>> | undefined;
  try {
    for (const name of ['worker', 'projector', 'bridge', 'api', 'agency-simulator'] as const) await apps.start(name);
    fairRoundTrip = await startFairRoundTrip(testKafka('bench-fair', services.brokers), bareClient, MLA_STEPS);
    const { code } = await bundleWorkflowCode({
      workflowsPath: path.join(__dirname, 'bare/bare.workflow.ts'),
      logger: {
        log: () => undefined,
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: console.error,
      },
    });
    const inMemory: BareActivities = {
      step: async (step) => {
        const execution = ActivityContext.current().info.workflowExecution;
        if (!execution) throw new Error('the step activity runs only inside a workflow');
        if (step.task) bareTasks.deliver(execution.workflowId);
      },
    };
    for (const [taskQueue, activities] of [
      [BARE_QUEUE, inMemory],
      [FAIR_QUEUE, fairRoundTrip.activities],
    ] as const) {
      const worker = await Worker.create({
        connection: workerConnection,
        namespace: config.namespace,
        taskQueue,
        workflowBundle: { code },
        activities,
      });
      workers.push(worker);
      running.push(worker.run());
    }
    const servicePid = (file: string) => Number(readFileSync(path.join(services.runtime, file), 'utf8').trim());
    const ctx: Context = {
      services,
      apps,
      client,
      bareClient,
      bareTasks,
      idleCpu: {},
      namespace: config.namespace,
      token: await issueLocalToken(secret, coordinator),
      base: `http://127.0.0.1:${PORTS.api}`,
      pids: () =>
        new Map([
          ...apps.pids(),
          ['temporal', servicePid('temporal/temporal.pid')],
          ['kafka', servicePid('kafka/kafka.pid')],
          [BENCH_PROCESS, process.pid],
        ]),
    };

    say('idle CPU');
    const idle = cpuSampler(() => ctx.pids());
    const idleMachine = machineBusy();
    idle.start();
    await sleep(STEP_MS);
    ctx.idleCpu = idle.stop();
    const idleMachineBusy = idleMachine();
    say(`idle: ${JSON.stringify(ctx.idleCpu)}, machine ${idleMachineBusy} %`);
    say('throughput');
    const tp = await throughput(ctx);
    say("Temporal's work per process");
    const work = await temporalWork(ctx);
    const lat = await latency(ctx, tp.peakComity, tp.peakFair);
    say('a second worker');
    const second = await secondWorker(ctx, tp.bestConcurrency);
    await apps.stopExtras();
    say('API under autocannon');
    const apiRun = await api(ctx);
    say(`memory with ${OPEN_PROCESSES} open processes`);
    const mem = await memory(ctx);

    const report = {
      at,
      command: 'npm run bench',
      machine: { ...host, loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)) },
      method: {
        warmupSeconds: WARMUP_MS / 1000,
        windowSeconds: STEP_MS / 1000,
        repetitions: REPETITIONS,
        order: 'rotated each repetition: ' + SYSTEMS.map((_, rep) => rotated(rep).join(' > ')).join(' | '),
      },
      idle: { cpu: ctx.idleCpu, machineBusy: idleMachineBusy },
      throughput: tp,
      temporalWork: work,
      latency: lat,
      api: apiRun,
      memory: mem,
      scaleOut: { oneWorker: tp.steps.find((s) => s.concurrency === tp.bestConcurrency)?.comity, twoWorkers: second },
    };
    const file = path.join(root, 'test/reports/bench.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(table(report));
    console.log(`\nwritten to ${path.relative(root, file)}`);
  } finally {
    for (const worker of workers) worker.shutdown();
    await Promise.all(running.map((r) => r.catch(() => undefined)));
    await fairRoundTrip?.stop();
    await workerConnection.close();
    await connection.close();
    await apps.stopAll();
    await services.dispose();
  }
}

type Report = {
  machine: ReturnType<typeof machine> & { loadAverageAtEnd: number[] };
  method: { warmupSeconds: number; windowSeconds: number; repetitions: number };
  idle: { cpu: Record<string, number>; machineBusy: number };
  throughput: Awaited<ReturnType<typeof throughput>>;
  temporalWork: Awaited<ReturnType<typeof temporalWork>>;
  latency: Awaited<ReturnType<typeof latency>>;
  api: Awaited<ReturnType<typeof api>>;
  memory: Awaited<ReturnType<typeof memory>>;
  scaleOut: {
    oneWorker: ReturnType<typeof summarise> | undefined;
    twoWorkers: Awaited<ReturnType<typeof secondWorker>>;
  };
};

/** A median with its spread: `5.98 (5.7–6.1)`. */
const withSpread = (s: { median: number; min: number; max: number }) =>
  `${round(s.median, 2)} (${round(s.min, 2)}–${round(s.max, 2)})`;

function table(r: Report): string {
  const rows: [string, string, string, string][] = [
    ['measure', 'Comity', 'fair baseline / in-memory floor', 'ratio to fair / note'],
  ];
  for (const s of r.throughput.steps) {
    rows.push([
      `throughput, ${s.concurrency} in flight (processes/s, median (spread))`,
      withSpread(s.comity.perSecond),
      `${withSpread(s.fair.perSecond)} / ${withSpread(s.bare.perSecond)}`,
      String(s.ratioToFair),
    ]);
  }
  rows.push([
    'throughput, peak (processes/s)',
    String(r.throughput.peakComity),
    `${r.throughput.peakFair} / ${r.throughput.peakBare}`,
    `${r.throughput.ratioToFair}; lowest ${r.throughput.lowestRatioToFair} (target >= 0.8 at every concurrency)`,
  ]);
  const work = (w: Report['temporalWork']['comity']) =>
    `${w.serverRequests} / ${w.persistenceOperations} / ${w.visibilityWrites} / ${w.historyEvents} / ${w.historyKiB}`;
  const tw = r.temporalWork;
  rows.push([
    'Temporal per process: requests / persistence ops / visibility writes / history events / KiB',
    work(tw.comity),
    `${work(tw.fair)} // ${work(tw.bare)}`,
    `persistence ${round(tw.comity.persistenceOperations / tw.fair.persistenceOperations, 2)}x (target <= 1.1x); ` +
      'history <= 90 events, 25 KiB',
  ]);
  for (const l of r.latency) {
    const p = (x: { p50: number; p95: number; p99: number; n: number; expected: number }) =>
      `${x.p50}/${x.p95}/${x.p99} (n=${x.n} of ${x.expected})`;
    rows.push([
      `transition -> task consumed at ${l.processesPerSecond} processes/s (ms p50/p95/p99)`,
      p(l.comity),
      p(l.fair),
      `p99 ${round(l.comity.p99 - l.fair.p99, 0)} ms over fair (target <= 20)`,
    ]);
  }
  rows.push([
    `API start, ${r.api.connections} connections (ms p50/p99)`,
    `${r.api.start.p50}/${r.api.start.p99}`,
    '',
    `${r.api.start.requestsPerSecond} req/s, non-2xx ${r.api.start.non2xx}`,
  ]);
  rows.push([
    `API action, ${r.api.connections} connections (ms p50/p99)`,
    `${r.api.action.p50}/${r.api.action.p99}`,
    '',
    `${r.api.action.requestsPerSecond} req/s, non-2xx ${r.api.action.non2xx}`,
  ]);
  rows.push([
    `RSS with ${r.memory.openProcesses} open processes (MiB)`,
    `worker ${r.memory.after.worker}, api ${r.memory.after.api}`,
    `before: worker ${r.memory.before.worker}, api ${r.memory.before.api}`,
    `started at ${r.memory.startedPerSecond}/s`,
  ]);
  const one = r.scaleOut.oneWorker?.perSecond.median ?? NaN;
  rows.push([
    `second worker, ${r.scaleOut.twoWorkers.concurrency} in flight (processes/s)`,
    withSpread(r.scaleOut.twoWorkers.perSecond),
    `one worker ${one}`,
    round(r.scaleOut.twoWorkers.perSecond.median / one, 2) + 'x',
  ]);
  const list = (c: Record<string, number>) =>
    Object.entries(c)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  const peak = r.throughput.steps.find((s) => s.concurrency === r.throughput.bestConcurrency) ?? r.throughput.steps[0];
  if (!peak) throw new Error('no throughput step was measured');
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const other = (s: ReturnType<typeof summarise>) => withSpread(s.otherBusy);
  return [
    `machine: ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, ${r.machine.os}, Node ${r.machine.node}; ` +
      `load average ${r.machine.loadAverage.join(' ')} at start, ${r.machine.loadAverageAtEnd.join(' ')} at end`,
    `method: ${r.method.warmupSeconds} s warm-up, ${r.method.windowSeconds} s window, ${r.method.repetitions} ` +
      `repetitions per point in rotated order; idle machine ${r.idle.machineBusy} % busy`,
    line(rows[0] as string[]),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
    '',
    `cpu per process at Comity's peak (${peak.concurrency} in flight, core-ms, idle subtracted):`,
    `  Comity: ${list(peak.comity.cpuMsPerProcess)}`,
    `  fair:   ${list(peak.fair.cpuMsPerProcess)}`,
    `  bare:   ${list(peak.bare.cpuMsPerProcess)}`,
    `cpu used by other processes meanwhile (% of a core, median (spread)): Comity ${other(peak.comity)}, ` +
      `fair ${other(peak.fair)}, bare ${other(peak.bare)}`,
    `cpu per process with two workers (core-ms): ${list(r.scaleOut.twoWorkers.cpuMsPerProcess)}`,
  ].join('\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
