/**
 * Comity's benchmarks, side by side with their baselines, in one run on one Temporal dev server and
 * one Kafka broker of its own (started by infra/services.sh on ports 3271-3274, so the shared
 * services are never loaded): `npm run bench`. Prints a table and writes test/reports/bench.json.
 *   COMITY_BENCH_SECONDS        length of each throughput step (default 15)
 *   COMITY_BENCH_OPEN_PROCESSES processes held open for the memory figure (default 10000)
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
import { connectProducer } from '@comity/kafka';
import { comityDataConverter } from '@comity/temporal';
import { AppGroup } from '../support/app-group';
import { root } from '../support/apps';
import { startPrivateServices, type PrivateServices } from '../support/private-services';
import { bareProcess, bareStepUpdate } from './bare/bare.workflow';
import { closedLoop, cpuSampler, inParallel, percentiles, prometheusCounters, rssMiB } from './measure';
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
const OPEN_PROCESSES = Number(process.env['COMITY_BENCH_OPEN_PROCESSES'] ?? 10000);
const LATENCY_TARGET_PER_SECOND = 20;
const CONCURRENCY_STEPS = [2, 4, 8, 16, 32, 64];
const BARE_QUEUE = 'bench-bare';
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
  /** Without the payload codec: the baseline's worker has none. */
  readonly bareClient: Client;
  readonly bareTasks: TaskInbox;
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
 * The bare workflows' tasks as they "arrive", by workflow id: a driver waiting for one (as an agency
 * waits for its task before answering) takes it from here.
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

  /** Called by the bare worker's task activity; tasks of workflows nobody waits for are ignored. */
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
 * The baseline: a bare workflow with the same steps, driven directly by a client. Answering (the
 * baseline the target is set against): the client sends a step's update once the task the step
 * before opened has run, as an agency answers only the task it has received. Pipelined (the
 * baseline of earlier runs, kept for comparison): the client sends the 7 updates back to back, so
 * updates overlap the activities an agency would have to wait for.
 */
async function bare(ctx: Context, mode: 'answering' | 'pipelined'): Promise<string> {
  const workflowId = `bare-${mode}-${randomUUID()}`;
  if (mode === 'answering') ctx.bareTasks.open(workflowId);
  try {
    const handle = await ctx.bareClient.workflow.start(bareProcess, {
      workflowId,
      taskQueue: BARE_QUEUE,
      args: [{ steps: MLA_STEPS }],
    });
    for (const [i, step] of MLA_STEPS.entries()) {
      if (mode === 'answering' && step.task) await ctx.bareTasks.next(workflowId);
      if (i < MLA_STEPS.length - 1) await handle.executeUpdate(bareStepUpdate);
    }
    await handle.result();
    return workflowId;
  } finally {
    ctx.bareTasks.close(workflowId);
  }
}

/** CPU time each process spent per completed process (core-milliseconds), from its share of a core and the rate. */
function cpuPerProcess(cpu: Record<string, number>, perSecond: number): Record<string, number> {
  const costs = Object.entries(cpu).map(([name, share]) => [name, Math.round((share * 10) / perSecond)] as const);
  return Object.fromEntries([...costs, ['total', costs.reduce((sum, [, ms]) => sum + ms, 0)]]);
}

/** A closed loop of one step's length, with each process's share of a core over it. */
async function measuredLoop(ctx: Context, concurrency: number, one: () => Promise<unknown>) {
  const sampler = cpuSampler(() => ctx.pids());
  sampler.start();
  const run = await closedLoop(concurrency, STEP_MS, one);
  return { perSecond: run.perSecond, cpu: sampler.stop() };
}

async function throughput(ctx: Context) {
  const steps: {
    concurrency: number;
    comity: number;
    bare: number;
    barePipelined: number;
    ratio: number;
    cpu: { comity: Record<string, number>; bare: Record<string, number> };
    cpuMsPerProcess: { comity: Record<string, number>; bare: Record<string, number> };
  }[] = [];
  let n = 0;
  for (const concurrency of CONCURRENCY_STEPS) {
    const comity = await measuredLoop(ctx, concurrency, () => comityProcess(ctx, n++));
    const baseline = await measuredLoop(ctx, concurrency, () => bare(ctx, 'answering'));
    const pipelined = await closedLoop(concurrency, STEP_MS, () => bare(ctx, 'pipelined'));
    const step = {
      concurrency,
      comity: round(comity.perSecond, 2),
      bare: round(baseline.perSecond, 2),
      barePipelined: round(pipelined.perSecond, 2),
      ratio: round(comity.perSecond / baseline.perSecond, 2),
      cpu: { comity: comity.cpu, bare: baseline.cpu },
      cpuMsPerProcess: {
        comity: cpuPerProcess(comity.cpu, comity.perSecond),
        bare: cpuPerProcess(baseline.cpu, baseline.perSecond),
      },
    };
    steps.push(step);
    say(
      `throughput at ${concurrency} in flight: Comity ${step.comity}/s, bare ${step.bare}/s ` +
        `(pipelined ${step.barePipelined}/s); cpu ${JSON.stringify(step.cpu)}`,
    );
    const previous = steps[steps.length - 2];
    // Stop once neither rises by 10 % any more.
    if (previous && step.comity < previous.comity * 1.1 && step.bare < previous.bare * 1.1) break;
  }
  const peakComity = Math.max(...steps.map((s) => s.comity));
  const peakBare = Math.max(...steps.map((s) => s.bare));
  const best = steps.find((s) => s.comity === peakComity) ?? steps[0];
  return {
    steps,
    peakComity,
    peakBare,
    peakBarePipelined: Math.max(...steps.map((s) => s.barePipelined)),
    ratio: round(peakComity / peakBare, 2),
    bestConcurrency: best?.concurrency ?? 8,
  };
}

/**
 * What the Temporal server does for one process, Comity's and the bare one's, counted by the
 * server itself (its Prometheus counters over a batch of processes) and read from a history:
 * requests served, persistence operations, visibility writes, history events and bytes.
 */
async function temporalWork(ctx: Context) {
  const url = `http://127.0.0.1:${PORTS.temporalMetrics}/metrics`;
  const names = ['service_requests', 'persistence_requests', 'visibility_persistence_requests'];
  const batch = 40;
  const perProcess = async (one: () => Promise<string>) => {
    const before = await prometheusCounters(url, names);
    const ids = await inParallel(batch, 8, one);
    await sleep(2000);
    const after = await prometheusCounters(url, names);
    const delta = [...after].map(([k, v]) => [k, (v - (before.get(k) ?? 0)) / batch] as const);
    const total = (name: string) =>
      round(delta.filter(([k]) => k.startsWith(`${name} `)).reduce((sum, [, v]) => sum + v, 0));
    const { history } = await ctx.client.workflowService.getWorkflowExecutionHistory({
      namespace: ctx.namespace,
      execution: { workflowId: ids[0] },
    });
    const events = history?.events ?? [];
    return {
      serverRequests: total('service_requests'),
      persistenceOperations: total('persistence_requests'),
      visibilityWrites: total('visibility_persistence_requests'),
      historyEvents: events.length,
      historyKiB: round(temporal.api.history.v1.History.encode({ events }).finish().length / 1024),
      byOperation: Object.fromEntries(
        delta
          .filter(([, v]) => v >= 0.1)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, round(v)]),
      ),
    };
  };
  let n = 2_000_000;
  return {
    comity: await perProcess(() => comityProcess(ctx, n++)),
    bare: await perProcess(() => bare(ctx, 'answering')),
  };
}

/**
 * Transition committed in the workflow (the task's assignedAt, the workflow's clock) to the task
 * received by an agency's consumer, with processes started at a steady rate; baseline: a bare
 * kafkajs produce -> consume of as many messages a second on the same broker.
 */
async function latency(ctx: Context, perSecond: number) {
  const kafka = testKafka('bench-agency', ctx.services.brokers);
  const started = new Set<string>();
  const comityMs: number[] = [];
  const consumer = kafka.consumer({ groupId: `bench-agency-${randomUUID()}` });
  await consumer.connect();
  // Every agency's task topic (the simulator registered its agencies, so they exist by now).
  await consumer.subscribe({
    topics: [new RegExp(`^${DefaultTopics.agencyTasksPrefix.replace(/\./g, '\\.')}`)],
    fromBeginning: false,
  });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const received = Date.now();
      const task = agencyTask.safeParse(JSON.parse(contentOf(message.value?.toString() ?? 'null')));
      if (task.success && started.has(task.data.data.processId)) {
        comityMs.push(received - Date.parse(task.data.data.assignedAt));
      }
    },
  });
  await sleep(3000);
  const pending: Promise<void>[] = [];
  const until = Date.now() + STEP_MS;
  for (let i = 0; Date.now() < until; i++) {
    pending.push(
      post(ctx, '/api/v1/processes', startBody(i)).then((res) => {
        if (res.json.id) started.add(res.json.id);
      }),
    );
    await sleep(1000 / perSecond);
  }
  await Promise.all(pending);
  await sleep(10_000);
  await consumer.disconnect();

  const topic = DefaultTopics.deadLetter;
  const bareMs: number[] = [];
  const bareConsumer = kafka.consumer({ groupId: `bench-bare-${randomUUID()}` });
  await bareConsumer.connect();
  await bareConsumer.subscribe({ topic, fromBeginning: false });
  await bareConsumer.run({
    eachMessage: async ({ message }) => {
      if (message.headers?.['bench'] !== undefined) bareMs.push(Date.now() - Number(message.value?.toString()));
    },
  });
  await sleep(3000);
  const producer = await connectProducer(testKafka('bench', ctx.services.brokers));
  const messagesPerSecond = Math.max(1, Math.round(comityMs.length / (STEP_MS / 1000)));
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < messagesPerSecond * (STEP_MS / 1000); i++) {
    sends.push(
      producer.send({
        topic,
        acks: -1,
        messages: [{ key: `k${i % 16}`, value: String(Date.now()), headers: { bench: '1' } }],
      }),
    );
    await sleep(1000 / messagesPerSecond);
  }
  await Promise.all(sends);
  await sleep(3000);
  await Promise.all([producer.disconnect(), bareConsumer.disconnect()]);
  return {
    processesPerSecond: perSecond,
    comity: percentiles(comityMs),
    bareKafka: { ...percentiles(bareMs), messagesPerSecond },
  };
}

/** API latency under autocannon: starting processes, and actions applied as Temporal updates. */
async function api(ctx: Context) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` };
  const connections = 10;
  // Actions first: the start run leaves hundreds of new processes' first steps queued in Temporal.
  // Each connection moves a process of its own back and forth between draft and review, so every
  // request is a real transition (a query, an update, an event and a task).
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
  let n = 1_000_000;
  const run = await measuredLoop(ctx, concurrency, () => comityProcess(ctx, n++));
  return { concurrency, perSecond: round(run.perSecond, 2), cpu: run.cpu };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} x ${cpus.length}`,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
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
  const bareConnection = await NativeConnection.connect({ address: config.address });
  const bareTasks = new TaskInbox();
  let bareWorker: Worker | undefined;
  let bareRun: Promise<void> | undefined;
  try {
    for (const name of ['worker', 'projector', 'bridge', 'api', 'agency-simulator'] as const) await apps.start(name);
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
    bareWorker = await Worker.create({
      connection: bareConnection,
      namespace: config.namespace,
      taskQueue: BARE_QUEUE,
      workflowBundle: { code },
      activities: {
        task: async () => {
          const execution = ActivityContext.current().info.workflowExecution;
          if (!execution) throw new Error('the bare task activity runs only inside a workflow');
          bareTasks.deliver(execution.workflowId);
        },
        event: async () => undefined,
      },
    });
    bareRun = bareWorker.run();
    const servicePid = (file: string) => Number(readFileSync(path.join(services.runtime, file), 'utf8').trim());
    const ctx: Context = {
      services,
      apps,
      client,
      bareClient: new Client({ connection, namespace: config.namespace }),
      bareTasks,
      namespace: config.namespace,
      token: await issueLocalToken(secret, coordinator),
      base: `http://127.0.0.1:${PORTS.api}`,
      pids: () =>
        new Map([
          ...apps.pids(),
          ['temporal', servicePid('temporal/temporal.pid')],
          ['kafka', servicePid('kafka/kafka.pid')],
          ['bench (drivers, bare worker)', process.pid],
        ]),
    };

    say('throughput');
    const tp = await throughput(ctx);
    say("Temporal's work per process");
    const work = await temporalWork(ctx);
    say('a second worker');
    const second = await secondWorker(ctx, tp.bestConcurrency);
    await apps.stopExtras();
    const oneWorkerCpu = tp.steps.find((s) => s.concurrency === tp.bestConcurrency)?.cpu.comity ?? {};
    const latencyLoad = Math.min(LATENCY_TARGET_PER_SECOND, Math.max(1, Math.floor(tp.peakComity * 0.6)));
    say(`latency at ${latencyLoad} processes/s`);
    const lat = await latency(ctx, latencyLoad);
    say('API under autocannon');
    const apiRun = await api(ctx);
    say(`memory with ${OPEN_PROCESSES} open processes`);
    const mem = await memory(ctx);

    const report = {
      at,
      command: 'npm run bench',
      machine: host,
      stepSeconds: STEP_MS / 1000,
      throughput: tp,
      temporalWork: work,
      latency: lat,
      api: apiRun,
      memory: mem,
      scaleOut: { oneWorker: { perSecond: tp.peakComity, cpu: oneWorkerCpu }, twoWorkers: second },
    };
    const file = path.join(root, 'test/reports/bench.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(table(report));
    console.log(`\nwritten to ${path.relative(root, file)}`);
  } finally {
    bareWorker?.shutdown();
    await bareRun?.catch(() => undefined);
    await bareConnection.close();
    await connection.close();
    await apps.stopAll();
    await services.dispose();
  }
}

type Report = {
  machine: ReturnType<typeof machine>;
  throughput: Awaited<ReturnType<typeof throughput>>;
  temporalWork: Awaited<ReturnType<typeof temporalWork>>;
  latency: Awaited<ReturnType<typeof latency>>;
  api: Awaited<ReturnType<typeof api>>;
  memory: Awaited<ReturnType<typeof memory>>;
  scaleOut: {
    oneWorker: { perSecond: number; cpu: Record<string, number> };
    twoWorkers: Awaited<ReturnType<typeof secondWorker>>;
  };
};

function table(r: Report): string {
  const rows: [string, string, string, string][] = [['measure', 'Comity', 'baseline', 'ratio / note']];
  for (const s of r.throughput.steps) {
    rows.push([
      `throughput, ${s.concurrency} in flight (processes/s)`,
      String(s.comity),
      `${s.bare} (pipelined ${s.barePipelined})`,
      String(s.ratio),
    ]);
  }
  rows.push([
    'throughput, peak (processes/s)',
    String(r.throughput.peakComity),
    `${r.throughput.peakBare} (pipelined ${r.throughput.peakBarePipelined})`,
    `${r.throughput.ratio} (target >= 0.8)`,
  ]);
  const work = (w: Report['temporalWork']['comity']) =>
    `${w.serverRequests} / ${w.persistenceOperations} / ${w.visibilityWrites} / ${w.historyEvents} / ${w.historyKiB}`;
  rows.push([
    'Temporal per process: requests / persistence ops / visibility writes / history events / KiB',
    work(r.temporalWork.comity),
    work(r.temporalWork.bare),
    'counted by the server',
  ]);
  const l = r.latency;
  rows.push([
    `transition -> task consumed at ${l.processesPerSecond} processes/s (ms p50/p95/p99)`,
    `${l.comity.p50}/${l.comity.p95}/${l.comity.p99} (n=${l.comity.n})`,
    `${l.bareKafka.p50}/${l.bareKafka.p95}/${l.bareKafka.p99} (kafkajs, ${l.bareKafka.messagesPerSecond} msg/s)`,
    'target p99 < 100 ms at 20/s',
  ]);
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
  rows.push([
    `second worker, ${r.scaleOut.twoWorkers.concurrency} in flight (processes/s)`,
    String(r.scaleOut.twoWorkers.perSecond),
    `one worker ${r.scaleOut.oneWorker.perSecond}`,
    round(r.scaleOut.twoWorkers.perSecond / r.scaleOut.oneWorker.perSecond, 2) + 'x',
  ]);
  const cpu = (c: Record<string, number>, unit = '%') =>
    Object.entries(c)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}${unit}`)
      .join(', ');
  const peak = r.throughput.steps.find((s) => s.concurrency === r.throughput.bestConcurrency) ?? r.throughput.steps[0];
  if (!peak) throw new Error('no throughput step was measured');
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    `machine: ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, ${r.machine.os}, Node ${r.machine.node}`,
    line(rows[0] as string[]),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
    '',
    `cpu (share of one core) at peak, one worker:  ${cpu(r.scaleOut.oneWorker.cpu)}`,
    `cpu per process at peak (core-ms), Comity:    ${cpu(peak.cpuMsPerProcess.comity, '')}`,
    `cpu per process at peak (core-ms), bare:      ${cpu(peak.cpuMsPerProcess.bare, '')}`,
    `cpu (share of one core), two workers:         ${cpu(r.scaleOut.twoWorkers.cpu)}`,
  ].join('\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
