import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Actor } from '@comity/domain';
import { agencyTask, type AgencyTask } from '@comity/events';
import { agencyAnswer, openAgencyChannel, type AgencyChannel } from '../support/agency-channel';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * Agencies take part through Kafka alone: tasks out on agency-tasks, answers in on
 * agency-responses through the bridge, and everything that fails a check on the dead-letter topic.
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
let stack: Stack;
let channel: AgencyChannel;
let caseId: string;

beforeAll(async () => {
  stack = await startStack('sqlite', 3104);
  caseId = await stack.openCase('balkan-route');
  const { environment } = stack;
  channel = await openAgencyChannel(environment, 'e2e-agency');
}, 180_000);

afterAll(async () => {
  await channel?.close();
  await stack?.stop();
}, 60_000);

async function startMla(requesting: string, requested: string): Promise<string> {
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
    type: 'mla',
    legalBasis: 'UNTOC',
    caseId,
    parties: { requesting: { agencyId: requesting, state: 'AT' }, requested: { agencyId: requested, state: 'RS' } },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const taskFor = async (processId: string, stage: string): Promise<AgencyTask> => {
  const message = await channel.tasks.until(`a task for ${processId} in ${stage}`, (m) => {
    const data = JSON.parse(m.value).data;
    return data.processId === processId && data.stage === stage;
  });
  return agencyTask.parse(JSON.parse(message.value));
};

async function answer(key: string, value: string | object): Promise<void> {
  await channel.producer.send({
    topic: stack.environment.topics.agencyResponses,
    messages: [{ key, value: typeof value === 'string' ? value : JSON.stringify(value) }],
  });
}

const response = agencyAnswer;

function scenario(agencies: object[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'comity-scenario-')), 'scenario.json');
  writeFileSync(file, JSON.stringify({ agencies }));
  return file;
}

it('drives an MLA to executed with agency answers over Kafka only', async () => {
  await stack.startExtra('agency-simulator', [
    scenario([
      { agencyId: 'at-ministry-of-justice', delayMs: 0, behaviour: { translationLanguage: 'en' } },
      { agencyId: 'rs-ministry-of-justice', delayMs: 0, behaviour: { partialReturns: 2, askFurtherInfo: true } },
    ]),
  ]);
  const id = await startMla('at-ministry-of-justice', 'rs-ministry-of-justice');
  const events = await stack.observer.untilAction(id, 'complete-execution', 60_000);
  expect(events.map((e) => e.data.action)).toEqual([
    'start',
    'submit-for-review',
    'record-translation',
    'transmit',
    'acknowledge',
    'request-further-info',
    'provide-further-info',
    'start-execution',
    'return-partial',
    'return-partial',
    'complete-execution',
  ]);
  expect(events.slice(1).every((e) => e.data.actor.role === 'agency')).toBe(true);

  const sent = channel.tasks.messages.map((m) => agencyTask.parse(JSON.parse(m.value))).filter((t) => t.subject === id);
  expect(sent.map((t) => [t.data.agencyId, t.data.stage])).toEqual([
    ['at-ministry-of-justice', 'draft'],
    ['at-ministry-of-justice', 'ca-review'],
    ['rs-ministry-of-justice', 'transmitted'],
    ['rs-ministry-of-justice', 'acknowledged'],
    ['at-ministry-of-justice', 'further-info-requested'],
    ['rs-ministry-of-justice', 'acknowledged'],
    ['rs-ministry-of-justice', 'in-execution'],
  ]);
  expect(sent.every((t) => !('payload' in t.data) && t.handlingcode === 'H1')).toBe(true);
}, 90_000);

it('dead-letters every answer that fails a check, changes nothing, and applies a duplicate once', async () => {
  const id = await startMla('at-police', 'rs-police');
  const task = await taskFor(id, 'draft');
  const valid = { taskId: task.id, processId: id, agencyId: 'at-police', payload: {}, idempotencyKey: `${id}-submit` };
  const checkOf = async (marker: string) =>
    (await channel.deadLetters.until(`dead letter ${marker}`, (m) => m.value.includes(marker))).headers;

  await answer(id, `not json ${id}`);
  await answer(id, { hello: `wrong schema ${id}` });
  await answer(
    id,
    response({ ...valid, action: 'submit-for-review', agencyId: 'de-bka', idempotencyKey: `${id}-forged` }),
  );
  await answer(
    id,
    response({
      ...valid,
      action: 'submit-for-review',
      processId: `mla-${randomUUID()}`,
      idempotencyKey: `${id}-unknown`,
    }),
  );
  await answer(
    id,
    response({ ...valid, action: 'submit-for-review', taskId: `${id}:99:task`, idempotencyKey: `${id}-no-task` }),
  );
  await answer(id, response({ ...valid, action: 'acknowledge', idempotencyKey: `${id}-too-early` }));
  await answer(id, response({ ...valid, action: 'submit-for-review' }));
  await answer(id, response({ ...valid, action: 'submit-for-review' }));

  expect(await checkOf(`not json ${id}`)).toMatchObject({ 'comity-dead-letter-check': 'parse' });
  expect(await checkOf(`wrong schema ${id}`)).toMatchObject({ 'comity-dead-letter-check': 'schema' });
  expect(await checkOf(`${id}-forged`)).toMatchObject({ 'comity-dead-letter-check': 'agency' });
  expect(await checkOf(`${id}-unknown`)).toMatchObject({ 'comity-dead-letter-check': 'process' });
  expect(await checkOf(`${id}-no-task`)).toMatchObject({
    'comity-dead-letter-check': 'task',
    'comity-dead-letter-code': 'TASK_NOT_OPEN',
  });
  expect(await checkOf(`${id}-too-early`)).toMatchObject({
    'comity-dead-letter-check': 'action',
    'comity-dead-letter-code': 'ACTION_NOT_ALLOWED_IN_STATE',
    'comity-original-topic': stack.environment.topics.agencyResponses,
  });

  const events = await stack.observer.untilAction(id, 'submit-for-review');
  // The duplicate has been consumed once an answer sent after it, on the same key, is dead-lettered.
  await answer(id, { hello: `after the duplicate ${id}` });
  await checkOf(`after the duplicate ${id}`);
  expect(stack.observer.of(id).map((e) => e.data.action)).toEqual(['start', 'submit-for-review']);
  expect(events[1]?.data.actor).toMatchObject({ role: 'agency', agencyId: 'at-police' });
  expect(channel.deadLetters.messages.filter((m) => m.value.includes(`${id}-submit`))).toEqual([]);
  const state = await stack.api.as(coordinator).get(`/api/v1/processes/${id}`);
  expect(state.body).toMatchObject({ stage: 'ca-review', sequence: 2 });
}, 60_000);

it('applies every answer exactly once when the bridge is killed mid-stream', async () => {
  await stack.startExtra('agency-simulator', [
    scenario([
      { agencyId: 'at-prosecutor', delayMs: 50, behaviour: { translationLanguage: 'en' } },
      { agencyId: 'rs-prosecutor', delayMs: 50, behaviour: { partialReturns: 3 } },
    ]),
  ]);
  const ids = await Promise.all(Array.from({ length: 12 }, () => startMla('at-prosecutor', 'rs-prosecutor')));
  await waitFor('answers in flight', async () =>
    stack.observer.events.filter((e) => ids.includes(e.subject) && e.data.action === 'acknowledge').length >= 3
      ? true
      : undefined,
  );
  await stack.crashAndRestart('bridge', 2000);

  for (const id of ids) {
    const events = await stack.observer.untilAction(id, 'complete-execution', 90_000);
    expect(events.map((e) => e.data.sequence)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.data.action === 'return-partial')).toHaveLength(3);
    expect(events.map((e) => e.data.action).filter((a) => a !== 'return-partial')).toEqual([
      'start',
      'submit-for-review',
      'record-translation',
      'transmit',
      'acknowledge',
      'start-execution',
      'complete-execution',
    ]);
  }
  expect(channel.deadLetters.messages.filter((m) => ids.some((id) => m.value.includes(id)))).toEqual([]);
}, 180_000);
