import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Actor } from '@comity/domain';
import { TRACEPARENT_PATTERN, agencyTask } from '@comity/events';
import { agencyAnswer, observeDeadLetters, registerTestAgency } from '../support/agency-channel';
import { root, waitFor, type RunningApp } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * Observability on the real stack, with Jaeger (infra/jaeger, a real OTLP receiver) collecting
 * every app's spans: one trace leads from the officer's request through Temporal, the task on
 * Kafka, the agency's system and its answer to the bridge's update in the workflow and the
 * projector; and every service answers Prometheus with its own and the Temporal SDK's metrics.
 */
const JAEGER_OTLP = process.env['COMITY_TEST_OTLP_ENDPOINT'] ?? 'http://127.0.0.1:4318';
const JAEGER_QUERY = process.env['COMITY_TEST_JAEGER_QUERY'] ?? 'http://127.0.0.1:16686';
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const run = promisify(execFile);

interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  processID: string;
  references: { refType: string; traceID: string; spanID: string }[];
  tags: { key: string; value: unknown }[];
}
interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

let stack: Stack;
let processId: string;

async function jaeger<T>(query: string): Promise<T> {
  const res = await fetch(`${JAEGER_QUERY}${query}`);
  if (!res.ok) throw new Error(`jaeger ${query}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: T }).data;
}

/** Where an app serves /health and /metrics (COMITY_HEALTH_PORT=0 lets each take a free port; it logs which). */
function metricsUrl(app: RunningApp): string {
  const line = app
    .output()
    .split('\n')
    .find((l) => l.includes('"msg":"serving /health and /metrics"'));
  if (!line) throw new Error(`${app.name} logged no health address:\n${app.output().slice(-2000)}`);
  return `${(JSON.parse(line) as { url: string }).url}/metrics`;
}

beforeAll(async () => {
  // Harmless when it already runs (test-all starts it); builds it once on a machine without it.
  await run('bash', [path.join(root, 'infra/services.sh'), 'start', 'jaeger'], { cwd: root, timeout: 1_500_000 });
  // The apps inherit these: spans to Jaeger, sent within a fraction of a second; /metrics on a free port each.
  Object.assign(process.env, {
    OTEL_EXPORTER_OTLP_ENDPOINT: JAEGER_OTLP,
    OTEL_BSP_SCHEDULE_DELAY: '200',
    COMITY_HEALTH_PORT: '0',
  });
  stack = await startStack('sqlite', 3260);
  const scenario = path.join(mkdtempSync(path.join(tmpdir(), 'comity-scenario-')), 'scenario.json');
  writeFileSync(
    scenario,
    JSON.stringify({
      agencies: [
        { agencyId: 'at-ministry-of-justice', delayMs: 0, behaviour: { translationLanguage: 'en' } },
        { agencyId: 'rs-ministry-of-justice', delayMs: 0, behaviour: {} },
      ],
    }),
  );
  await stack.startExtra('agency-simulator', [scenario]);
}, 1_700_000);

afterAll(async () => {
  for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_BSP_SCHEDULE_DELAY', 'COMITY_HEALTH_PORT']) {
    delete process.env[name];
  }
  await stack?.stop();
}, 60_000);

it("follows one trace from the officer's request to the agency's answer applied", async () => {
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
    type: 'mla',
    legalBasis: 'UNTOC',
    parties: {
      requesting: { agencyId: 'at-ministry-of-justice', state: 'AT' },
      requested: { agencyId: 'rs-ministry-of-justice', state: 'RS' },
    },
  });
  expect(res.status).toBe(201);
  processId = res.body.id;
  // The requesting agency's first answer (to its task in draft) is applied by the bridge.
  await stack.observer.untilAction(processId, 'submit-for-review', 60_000);

  // Hop by hop, each span is the child of the one before: the officer's request, its Temporal
  // start, the activity that publishes the task, the agency's system, its answer, the bridge and
  // its update, and what the update made the workflow publish, down to the projector.
  const chain = [
    ['comity-api', 'POST /api/v1/processes'],
    ['comity-api', 'StartWorkflow:processWorkflow'],
    ['comity-worker', 'RunActivity:publishStep'],
    ['comity-worker', 'publish comity.agency-task.assigned.v1'],
    ['comity-agency-simulator', 'process comity.agency-task.assigned.v1'],
    ['comity-agency-simulator', 'publish comity.agency-response.submitted.v1'],
    ['comity-bridge', 'process comity.agency-response.submitted.v1'],
    ['comity-bridge', 'StartWorkflowUpdate:takeAction'],
    ['comity-worker', 'RunActivity:publishStep'],
    ['comity-worker', 'publish comity.mla.ca-review.v1'],
    ['comity-projector', 'process comity.process-event'],
  ] as const;
  const spansOf = (trace: JaegerTrace, [service, name]: readonly [string, string]) =>
    trace.spans.filter((s) => trace.processes[s.processID]?.serviceName === service && s.operationName === name);
  const parentOf = (span: JaegerSpan) => span.references.find((r) => r.refType === 'CHILD_OF')?.spanID;
  /** The hops of the chain not (yet) in the trace as the child of the hop before. */
  const unlinked = (trace: JaegerTrace) =>
    chain.filter((hop, i) => {
      const parents = new Set(i === 0 ? [undefined] : spansOf(trace, chain[i - 1]!).map((s) => s.spanID));
      return !spansOf(trace, hop).some((s) => parents.has(i === 0 ? undefined : parentOf(s)));
    });
  // The API's client span of the start names the process; its trace is the one to read.
  const tags = encodeURIComponent(JSON.stringify({ temporalWorkflowId: processId }));
  const trace = await waitFor(
    'one trace in Jaeger linking every hop from the request to the answer applied',
    async () => {
      const [found] = await jaeger<JaegerTrace[]>(
        `/api/traces?service=comity-api&operation=${encodeURIComponent('StartWorkflow:processWorkflow')}&tags=${tags}&lookback=1h&limit=5`,
      );
      if (!found) return undefined;
      const [whole] = await jaeger<JaegerTrace[]>(`/api/traces/${found.traceID}`);
      const missing = whole ? unlinked(whole) : chain;
      if (missing.length) throw new Error(`not linked so far: ${missing.map((m) => m.join(' ')).join(', ')}`);
      return whole;
    },
    90_000,
  );
  expect(unlinked(trace)).toEqual([]);
  expect(new Set(trace.spans.map((s) => s.traceID))).toEqual(new Set([trace.traceID]));
  const byName = (hop: readonly [string, string]) => spansOf(trace, hop);
  const [request] = byName(['comity-api', 'POST /api/v1/processes']);
  expect(request?.tags).toEqual(
    expect.arrayContaining([
      { key: 'http.route', type: 'string', value: '/api/v1/processes' },
      { key: 'http.response.status_code', type: 'int64', value: 201 },
    ]),
  );
}, 120_000);

it("takes an agency's trace context as outside input: a malformed one is refused, a foreign one decides nothing", async () => {
  const police = await registerTestAgency(stack.environment, stack.base, 'at-police');
  const deadLetters = await observeDeadLetters(stack.environment);
  try {
    const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
      type: 'mla',
      legalBasis: 'UNTOC',
      parties: {
        requesting: { agencyId: 'at-police', state: 'AT' },
        requested: { agencyId: 'rs-police', state: 'RS' },
      },
    });
    expect(res.status).toBe(201);
    const id = res.body.id;
    // The task carries the installation's trace context, inside its signature.
    const message = await police.tasks.until(`the task of ${id}`, (m) => m.content.includes(id));
    const task = agencyTask.parse(JSON.parse(message.content));
    expect(task.traceparent).toMatch(TRACEPARENT_PATTERN);

    const answer = (idempotencyKey: string, traceparent: string) => ({
      ...agencyAnswer({ taskId: task.data.taskId, processId: id, action: 'submit-for-review', idempotencyKey }),
      traceparent,
    });
    const send = async (event: object) =>
      police.send(id, await police.encrypt(await police.sign(JSON.stringify(event))));
    // Uppercase hex is not a W3C traceparent: the answer fails its schema, naming the attribute.
    await send(answer(`${id}-malformed`, task.traceparent!.toUpperCase()));
    const refused = await deadLetters.until(`the malformed traceparent of ${id}`, (m) =>
      m.content.includes(`${id}-malformed`),
    );
    expect(refused.headers).toMatchObject({ 'comity-dead-letter-check': 'schema' });
    expect(refused.headers['comity-dead-letter-reason']).toMatch(/^traceparent: a W3C traceparent/);

    // A well-formed context of another trace places the bridge's span there, and changes nothing else.
    const foreignTrace = 'abcdef0123456789abcdef0123456789';
    await send(answer(`${id}-foreign`, `00-${foreignTrace}-0123456789abcdef-01`));
    await stack.observer.untilAction(id, 'submit-for-review', 60_000);
    const placed = await waitFor('the bridge span in the foreign trace', async () => {
      const [found] = await jaeger<JaegerTrace[]>(`/api/traces/${foreignTrace}`).catch(() => []);
      return found?.spans.find((s) => s.operationName === 'process comity.agency-response.submitted.v1');
    });
    expect(placed.references).toEqual([expect.objectContaining({ refType: 'CHILD_OF', spanID: '0123456789abcdef' })]);
  } finally {
    await Promise.all([police.close(), deadLetters.stop()]);
  }
}, 120_000);

it("logs one JSON object per line, under the app's name (kafkajs's and the Temporal SDK's records too)", () => {
  for (const app of stack.apps()) {
    const lines = app.output().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect({ line, record: JSON.parse(line) as unknown }).toMatchObject({
        record: { time: expect.any(String), level: expect.any(String), service: app.name, msg: expect.any(String) },
      });
    }
  }
});

it("serves Prometheus on every service's health port: its own counters, and the worker the Temporal SDK's", async () => {
  const scrape = async (name: string) => {
    const app = stack.apps().find((a) => a.name === name);
    if (!app) throw new Error(`${name} is not running`);
    const res = await fetch(metricsUrl(app));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };
  const worker = await scrape('worker');
  expect(worker).toMatch(/^comity_events_published_total\{kind="agency-task"\} [1-9]/m);
  expect(worker).toMatch(/^comity_events_published_total\{kind="process-event"\} [1-9]/m);
  expect(worker).toMatch(/^comity_worker_process_cpu_seconds_total /m);
  // The Temporal SDK runtime's own metrics (from its Prometheus exporter).
  expect(worker).toMatch(
    /^temporal_workflow_completed_total|^temporal_workflow_task_execution_latency_seconds_bucket/m,
  );
  expect(worker).toMatch(/^temporal_activity_execution_latency_seconds_count\{.*\} [1-9]/m);
  expect(await scrape('bridge')).toMatch(/^comity_bridge_answers_applied_total [1-9]/m);
  const projector = await scrape('projector');
  expect(projector).toMatch(/^comity_projector_events_applied_total [1-9]/m);
  expect(projector).toMatch(/^comity_projector_lag_seconds_count [1-9]/m);
  expect(await scrape('agency-simulator')).toMatch(
    /^comity_simulator_answers_sent_total\{agency="at-ministry-of-justice"\} [1-9]/m,
  );
});
