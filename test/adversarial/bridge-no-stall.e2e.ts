import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import { agencyTask } from '@comity/events';
import { connectTemporalClient } from '@comity/temporal';
import { agencyAnswer, observeDeadLetters, registerTestAgency, type TestAgency } from '../support/agency-channel';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';
import type { TopicObserver } from '../support/topic-observer';

/**
 * No answer on Kafka holds up another (finding 3 of issue 13): an answer nested 10,000 deep, and
 * an answer to a process whose workflow task keeps failing, are each settled — dead-lettered with
 * a reason, the second after bounded retries — while the answers behind them on the same partition
 * flow. Port 3171. The bridge's retry settings are shortened so the bound is reached quickly.
 */
Object.assign(process.env, {
  COMITY_BRIDGE_UPDATE_TIMEOUT_MS: '2000',
  COMITY_BRIDGE_RETRY_ATTEMPTS: '2',
  COMITY_BRIDGE_RETRY_BACKOFF_MS: '500',
});

const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
let stack: Stack;
let police: TestAgency;
let deadLetters: TopicObserver;

beforeAll(async () => {
  stack = await startStack('sqlite', 3171);
  police = await registerTestAgency(stack.environment, stack.base, 'at-police');
  deadLetters = await observeDeadLetters(stack.environment);
}, 180_000);

afterAll(async () => {
  await Promise.all([police?.close(), deadLetters?.stop()]);
  await stack?.stop();
}, 60_000);

/** Every answer of a test goes to partition 0, so each one is behind the one before. */
const send = async (key: string, text: string) => police.send(key, await police.encrypt(await police.sign(text)), 0);

const response = (data: Record<string, unknown>) => JSON.stringify(agencyAnswer(data));

/** A healthy MLA and the answer its requesting agency would give to its draft task. */
async function healthyAnswer(): Promise<{ id: string; value: string }> {
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
  const message = await police.tasks.until(
    `the draft task of ${id}`,
    (m) => JSON.parse(m.content).data.processId === id,
  );
  const task = agencyTask.parse(JSON.parse(message.content));
  const value = response({
    taskId: task.id,
    processId: id,
    action: 'submit-for-review',
    payload: {},
    idempotencyKey: `${id}-submit`,
  });
  return { id, value };
}

const deadLetterOf = (marker: string, timeoutMs = 30_000) =>
  deadLetters.until(`the dead letter of ${marker}`, (m) => m.content.includes(marker), timeoutMs);

it('dead-letters an answer nested 10,000 deep at once, and the answers behind it flow', async () => {
  const marker = `deep-${randomUUID()}`;
  const deep = `{"marker":"${marker}","data":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
  const healthy = await healthyAnswer();
  await send(marker, deep);
  await send(`${marker}-next`, `{"hello":"${marker}-next"}`);
  await send(healthy.id, healthy.value);

  expect((await deadLetterOf(marker)).headers).toMatchObject({
    'comity-dead-letter-check': 'limits',
    'comity-dead-letter-code': 'ANSWER_TOO_DEEP',
  });
  expect((await deadLetterOf(`${marker}-next`)).headers).toMatchObject({ 'comity-dead-letter-check': 'schema' });
  await stack.observer.untilAction(healthy.id, 'submit-for-review');
}, 90_000);

it('parks an answer to a process whose workflow task keeps failing, applies the next, and dead-letters the first after its retries', async () => {
  // A process the worker cannot read (started with a key it does not hold): its workflow task fails for good.
  const { environment } = stack;
  const rogueConfig = loadConfig({
    ...process.env,
    ...environment.env,
    COMITY_CODEC_KEYS: `rogue:${randomBytes(32).toString('base64')}`,
    COMITY_CODEC_ACTIVE_KEY: 'rogue',
  });
  const rogue = await connectTemporalClient(rogueConfig.temporal);
  const stuckId = `mla-stuck-${environment.runId}`;
  try {
    await rogue.client.workflow.start('processWorkflow', {
      workflowId: stuckId,
      taskQueue: rogueConfig.temporal.taskQueue,
      args: [{ type: 'mla', processId: stuckId }],
    });
  } finally {
    await rogue.connection.close();
  }
  const stuckAnswer = response({
    taskId: `${stuckId}:0:task`,
    processId: stuckId,
    action: 'submit-for-review',
    payload: {},
    idempotencyKey: `${stuckId}-submit`,
  });
  const healthy = await healthyAnswer();
  await send(stuckId, stuckAnswer);
  await send(healthy.id, healthy.value);

  await stack.observer.untilAction(healthy.id, 'submit-for-review', 30_000);
  // Bounded: two attempts of 2 s each with a pause of 1 s between; the wait's limit is generous.
  const settled = await deadLetterOf(`${stuckId}-submit`, 60_000);
  expect(settled.headers).toMatchObject({
    'comity-dead-letter-check': 'retry',
    'comity-dead-letter-code': 'RETRIES_EXHAUSTED',
    'comity-original-topic': police.answersTopic,
    'comity-original-partition': '0',
  });
  // And the stalled process is visible: listed, counted in /health and in the metrics.
  const stalled = await waitFor(
    'the stuck process to be reported',
    async () => {
      const res = await stack.api
        .as(coordinator)
        .get<{ items: { id: string; problems: string[] }[] }>('/api/v1/stalled');
      return res.body.items.find((p) => p.id === stuckId);
    },
    60_000,
  );
  expect(stalled.problems).toContain('category=WorkflowTaskFailed');
  // An auditor is not named a workflow the read model cannot vouch for (it may be H3): Temporal
  // lists it (above), the auditor's list leaves it out.
  const audited = await stack.api
    .as({ userId: 'auditor-1', role: 'auditor' })
    .get<{ items: { id: string }[] }>('/api/v1/stalled');
  expect(audited.status).toBe(200);
  expect(audited.body.items.map((p) => p.id)).not.toContain(stuckId);
  const health = (await stack.api.as(undefined).get<{ stalledProcesses: number }>('/health')).body;
  expect(health.stalledProcesses).toBeGreaterThanOrEqual(1);
  const metrics = await (await fetch(`${stack.base}/metrics`)).text();
  expect(Number(/^comity_processes_stalled (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
  expect(settled.headers['comity-dead-letter-reason']).toMatch(
    /not applied after 2 attempts: .*did not accept the update within 2000 ms/,
  );
}, 120_000);
