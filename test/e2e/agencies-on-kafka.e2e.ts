import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { JWK } from 'jose';
import { TASK_JWS_TYPE, verifySigned } from '@comity/auth';
import type { Actor } from '@comity/domain';
import { agencyTask, type AgencyTask } from '@comity/events';
import { observeDeadLetters, registerTestAgency, type TestAgency } from '../support/agency-channel';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';
import { readWholeTopic } from '../support/topic-reader';
import type { TopicObserver } from '../support/topic-observer';

/**
 * Agencies take part through Kafka alone, each registered in the agency registry: tasks out on its
 * own task topic, signed by the installation; answers in on its own answer topic, signed by it,
 * through the bridge; and everything that fails a check on the dead-letter topic.
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
let stack: Stack;
let police: TestAgency;
let deadLetters: TopicObserver;
let caseId: string;

beforeAll(async () => {
  stack = await startStack('sqlite', 3104);
  caseId = await stack.openCase('balkan-route');
  police = await registerTestAgency(stack.environment, stack.base, 'at-police');
  deadLetters = await observeDeadLetters(stack.environment);
}, 180_000);

afterAll(async () => {
  await Promise.all([police?.close(), deadLetters?.stop()]);
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

const taskFor = async (agency: TestAgency, processId: string, stage: string): Promise<AgencyTask> => {
  const message = await agency.tasks.until(`a task for ${processId} in ${stage}`, (m) => {
    const data = JSON.parse(m.content).data;
    return data.processId === processId && data.stage === stage;
  });
  return agencyTask.parse(JSON.parse(message.content));
};

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

  // Each agency's tasks came on its own topic only, signed by the installation.
  const tasksOn = async (agencyId: string) => {
    const messages = await readWholeTopic(
      stack.environment.brokers,
      `${stack.environment.topics.agencyTasksPrefix}${agencyId}`,
    );
    return messages
      .map((m) => ({ jws: m.value, task: agencyTask.parse(JSON.parse(m.content)) }))
      .filter((t) => t.task.subject === id);
  };
  const requesting = await tasksOn('at-ministry-of-justice');
  const requested = await tasksOn('rs-ministry-of-justice');
  expect(requesting.map((t) => [t.task.data.agencyId, t.task.data.stage])).toEqual([
    ['at-ministry-of-justice', 'draft'],
    ['at-ministry-of-justice', 'ca-review'],
    ['at-ministry-of-justice', 'further-info-requested'],
  ]);
  expect(requested.map((t) => [t.task.data.agencyId, t.task.data.stage])).toEqual([
    ['rs-ministry-of-justice', 'transmitted'],
    ['rs-ministry-of-justice', 'acknowledged'],
    ['rs-ministry-of-justice', 'acknowledged'],
    ['rs-ministry-of-justice', 'in-execution'],
  ]);
  const installation = (await stack.api.as(undefined).get<{ keys: JWK[] }>('/api/v1/installation/keys')).body.keys;
  const trusted = installation.map((jwk) => ({ kid: String(jwk.kid), algorithm: 'EdDSA', publicJwk: jwk }));
  for (const { jws, task } of [...requesting, ...requested]) {
    expect(!('payload' in task.data) && task.handlingcode === 'H1').toBe(true);
    await expect(verifySigned(jws, TASK_JWS_TYPE, trusted)).resolves.toMatchObject({ ok: true });
  }
  // Every answer's signed original is kept on the timeline, and verifies with the agency's key.
  const timeline = await stack.api
    .as(coordinator)
    .get<{ items: { actor: { agencyId?: string }; evidence?: { kid: string; jws: string } }[] }>(
      `/api/v1/processes/${id}/timeline`,
    );
  const answered = timeline.body.items.filter((item) => item.actor.agencyId !== undefined);
  expect(answered).toHaveLength(10);
  expect(answered.every((item) => item.evidence?.jws.split('.').length === 3)).toBe(true);
  const audit = await stack.api.as(coordinator).get(`/api/v1/processes/${id}/audit`);
  expect(audit.body).toMatchObject({ valid: true, anchored: true });
}, 90_000);

it('dead-letters every answer that fails a check or reuses a key, changes nothing, and applies a duplicate once', async () => {
  const id = await startMla('at-police', 'rs-police');
  const task = await taskFor(police, id, 'draft');
  const valid = { taskId: task.id, processId: id, payload: {}, idempotencyKey: `${id}-submit` };
  const checkOf = async (marker: string) =>
    (await deadLetters.until(`dead letter ${marker}`, (m) => m.content.includes(marker))).headers;

  await police.send(id, await police.encrypt(`not signed ${id}`));
  await police.answer({ hello: `wrong schema ${id}` });
  await police.answer({ ...valid, action: 'submit-for-review', agencyId: 'de-bka', idempotencyKey: `${id}-forged` });
  await police.answer({
    ...valid,
    action: 'submit-for-review',
    processId: `mla-${randomUUID()}`,
    idempotencyKey: `${id}-unknown`,
  });
  await police.answer({
    ...valid,
    action: 'submit-for-review',
    taskId: `${id}:99:task`,
    idempotencyKey: `${id}-no-task`,
  });
  await police.answer({ ...valid, action: 'acknowledge', idempotencyKey: `${id}-too-early` });
  // A claim check written by the agency itself: only the API fills one in, from a document it checked.
  await police.answer({
    ...valid,
    action: 'attach-document',
    payload: {
      documentId: 'doc-00000000-0000-4000-8000-000000000001',
      kind: 'decision',
      name: 'decision.pdf',
      mediaType: 'application/pdf',
      size: 1,
      sha256: 'a'.repeat(64),
      seal: 'eyJhbGciOiJFZERTQSJ9..Zm9yZ2Vk',
    },
    idempotencyKey: `${id}-claim-forged`,
  });
  await police.answer({ ...valid, action: 'submit-for-review' });
  await police.answer({ ...valid, action: 'submit-for-review' });

  expect(await checkOf(`not signed ${id}`)).toMatchObject({
    'comity-dead-letter-check': 'signature',
    'comity-dead-letter-code': 'ANSWER_NOT_SIGNED',
  });
  expect(await checkOf(`wrong schema ${id}`)).toMatchObject({ 'comity-dead-letter-check': 'schema' });
  expect(await checkOf(`${id}-forged`)).toMatchObject({
    'comity-dead-letter-check': 'agency',
    'comity-dead-letter-code': 'AGENCY_MISMATCH',
  });
  expect(await checkOf(`${id}-unknown`)).toMatchObject({ 'comity-dead-letter-check': 'process' });
  expect(await checkOf(`${id}-no-task`)).toMatchObject({
    'comity-dead-letter-check': 'task',
    'comity-dead-letter-code': 'TASK_NOT_OPEN',
  });
  expect(await checkOf(`${id}-too-early`)).toMatchObject({
    'comity-dead-letter-check': 'action',
    'comity-dead-letter-code': 'ACTION_NOT_ALLOWED_IN_STATE',
    'comity-original-topic': police.answersTopic,
  });
  expect(await checkOf(`${id}-claim-forged`)).toMatchObject({
    'comity-dead-letter-check': 'action',
    'comity-dead-letter-code': 'ACTION_NOT_ANSWERABLE',
  });

  const events = await stack.observer.untilAction(id, 'submit-for-review');
  // The same idempotency key with another payload is not a retry: dead-lettered, and nothing changes.
  // Sent after the duplicate on the same key, so its dead letter also shows the duplicate consumed.
  await police.answer({ ...valid, action: 'submit-for-review', payload: { note: `changed ${id}` } });
  expect(await checkOf(`changed ${id}`)).toMatchObject({
    'comity-dead-letter-check': 'idempotency',
    'comity-dead-letter-code': 'IDEMPOTENCY_KEY_REUSED',
  });
  expect(stack.observer.of(id).map((e) => e.data.action)).toEqual(['start', 'submit-for-review']);
  expect(events[1]?.data.actor).toMatchObject({ role: 'agency', agencyId: 'at-police' });
  const unchanged = deadLetters.messages.filter((m) => m.content.includes(`${id}-submit`));
  expect(unchanged.filter((m) => !m.content.includes(`changed ${id}`))).toEqual([]);
  const state = await stack.api.as(coordinator).get(`/api/v1/processes/${id}`);
  expect(state.body).toMatchObject({ stage: 'ca-review', sequence: 2 });

  // The projector records each dead letter (never its bytes) for the incidents view, once.
  type DeadLetter = { agencyId: string | null; messageKey: string | null; check: string; code: string | null };
  const listed = await waitFor('the dead letters of this process in the read model', async () => {
    const page = await stack.api.as(coordinator).get<{ items: DeadLetter[] }>('/api/v1/dead-letters?limit=200');
    const mine = page.body.items.filter((d) => d.messageKey === id);
    return mine.length >= 6 ? mine : undefined;
  });
  expect(listed.map((d) => [d.agencyId, d.check, d.code]).sort()).toEqual(
    [
      ['at-police', 'action', 'ACTION_NOT_ALLOWED_IN_STATE'],
      ['at-police', 'action', 'ACTION_NOT_ANSWERABLE'],
      ['at-police', 'agency', 'AGENCY_MISMATCH'],
      ['at-police', 'idempotency', 'IDEMPOTENCY_KEY_REUSED'],
      ['at-police', 'signature', 'ANSWER_NOT_SIGNED'],
      ['at-police', 'task', 'TASK_NOT_OPEN'],
    ].sort(),
  );
  const counts = await stack.api.as(coordinator).get<{ deadLetters: number }>('/api/v1/incidents');
  expect(counts.body.deadLetters).toBeGreaterThanOrEqual(listed.length);
  // Dead letters are not filtered by handling code: an auditor is not told of them, not even their number.
  const audited = await stack.api
    .as({ userId: 'auditor-1', role: 'auditor' })
    .get<{ deadLetters: number | null; overdue: number }>('/api/v1/incidents');
  expect(audited.body).toMatchObject({ deadLetters: null, overdue: expect.any(Number) });
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
  expect(deadLetters.messages.filter((m) => ids.some((id) => m.content.includes(id)))).toEqual([]);
}, 180_000);
