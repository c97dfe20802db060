import Database from 'better-sqlite3';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import { comityDataConverter } from '@comity/temporal';
import { SearchAttributes } from '@comity/workflows';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * Whole processes through the API (actions are Temporal updates), with every event observed on
 * Kafka, in order, with the expected CloudEvent types.
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const italy: Actor = { userId: 'it-clerk', role: 'agency', agencyId: 'it-ministry-of-justice' };
const libya: Actor = { userId: 'ly-clerk', role: 'agency', agencyId: 'ly-attorney-general' };
const stranger: Actor = { userId: 'x', role: 'agency', agencyId: 'de-bka' };
const parties = {
  requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
  requested: { agencyId: 'ly-attorney-general', state: 'LY' },
};

let stack: Stack;
let caseId: string;

/** Every string and byte array in an object graph (bytes as latin1), to search for plaintext. */
function everyByteAndString(value: unknown, seen = new Set<unknown>()): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
  if (typeof value !== 'object' || value === null || seen.has(value)) return '';
  seen.add(value);
  return Object.values(value)
    .map((v) => everyByteAndString(v, seen))
    .join('\n');
}

beforeAll(async () => {
  stack = await startStack('sqlite', 3103);
  caseId = await stack.openCase('central-med');
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

async function startProcess(body: Record<string, unknown>): Promise<string> {
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', body);
  expect(res.status).toBe(201);
  return res.body.id;
}

async function act(
  id: string,
  actor: Actor,
  action: string,
  payload?: Record<string, unknown>,
  idempotencyKey?: string,
) {
  const res = await stack.api
    .as(actor)
    .post<{ stage: string; code?: string }>(`/api/v1/processes/${id}/actions`, { action, payload, idempotencyKey });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

it('runs an MLA from draft to executed with two partial returns', async () => {
  const id = await startProcess({ type: 'mla', caseId, legalBasis: 'UNTOC', parties });
  await act(id, italy, 'submit-for-review');
  await act(id, coordinator, 'record-translation', { language: 'ar' });
  await act(id, coordinator, 'transmit');
  await act(id, libya, 'acknowledge');
  await act(id, libya, 'start-execution');
  await act(id, libya, 'return-partial', { description: 'phone subscriber records' });
  await act(id, libya, 'return-partial', { description: 'money transfer records' });
  expect(await act(id, libya, 'complete-execution')).toMatchObject({ stage: 'executed', terminal: true });

  const events = await stack.observer.untilAction(id, 'complete-execution');
  expect(events.map((e) => e.data.sequence)).toEqual(events.map((_, i) => i));
  expect(events.map((e) => e.type)).toEqual([
    'comity.mla.started.v1',
    'comity.mla.ca-review.v1',
    'comity.mla.record-translation.v1',
    'comity.mla.transmitted.v1',
    'comity.mla.acknowledged.v1',
    'comity.mla.in-execution.v1',
    'comity.mla.return-partial.v1',
    'comity.mla.return-partial.v1',
    'comity.mla.executed.v1',
  ]);
  expect(events.map((e) => e.data.actor.agencyId ?? e.data.actor.role)).toEqual([
    'coordinator',
    'it-ministry-of-justice',
    'coordinator',
    'coordinator',
    'ly-attorney-general',
    'ly-attorney-general',
    'ly-attorney-general',
    'ly-attorney-general',
    'ly-attorney-general',
  ]);
  expect(events.at(-1)?.data.deadlines.find((d) => d.id === 'execution')).toMatchObject({ status: 'met' });
}, 60_000);

it('runs an extradition to surrender', async () => {
  const id = await startProcess({
    type: 'extradition',
    caseId,
    legalBasis: 'UNTOC',
    parties,
    priority: 'urgent',
  });
  await act(id, libya, 'arrest-provisionally');
  const arrested = await stack.api
    .as(libya)
    .get<{ deadlines: { id: string; status: string }[] }>(`/api/v1/processes/${id}`);
  expect(arrested.body.deadlines).toEqual([expect.objectContaining({ id: 'provisional-arrest', status: 'running' })]);
  await act(id, libya, 'receive-formal-request');
  await act(id, libya, 'open-hearing');
  await act(id, libya, 'decide-eligible');
  await act(id, libya, 'refer-to-executive');
  await act(id, libya, 'order-surrender', { date: '2027-01-15' });
  expect(await act(id, libya, 'confirm-surrender')).toMatchObject({ stage: 'surrendered' });

  const events = await stack.observer.untilAction(id, 'confirm-surrender');
  expect(events.map((e) => e.type)).toEqual([
    'comity.extradition.started.v1',
    'comity.extradition.provisionally-arrested.v1',
    'comity.extradition.formal-request-received.v1',
    'comity.extradition.judicial-hearing.v1',
    'comity.extradition.eligible.v1',
    'comity.extradition.executive-decision.v1',
    'comity.extradition.surrender-scheduled.v1',
    'comity.extradition.surrendered.v1',
  ]);
  expect(events.every((e) => e.data.priority === 'urgent' && e.data.caseId === caseId)).toBe(true);
}, 60_000);

it('answers 409 with a stable code for an action the state or the legal basis forbids, and changes nothing', async () => {
  const eu = {
    requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
    requested: { agencyId: 'mt-attorney-general', state: 'MT' },
  };
  const outside = await stack.api
    .as(coordinator)
    .post('/api/v1/processes', { type: 'mla', legalBasis: 'EU-EIO', parties });
  expect(outside.status).toBe(400);
  expect(outside.body).toMatchObject({
    code: 'PARTIES_INVALID',
    details: [expect.stringMatching(/^parties\.requested\.state: LY is not bound by EU-EIO/)],
  });
  const id = await startProcess({ type: 'mla', legalBasis: 'EU-EIO', parties: eu });
  const malta: Actor = { userId: 'mt-clerk', role: 'agency', agencyId: 'mt-attorney-general' };
  const early = await stack.api.as(malta).post(`/api/v1/processes/${id}/actions`, { action: 'acknowledge' });
  expect(early.status).toBe(409);
  expect(early.body).toMatchObject({ code: 'ACTION_NOT_ALLOWED_IN_STATE' });

  await act(id, italy, 'submit-for-review');
  const language = await stack.api
    .as(coordinator)
    .post(`/api/v1/processes/${id}/actions`, { action: 'record-translation', payload: { language: 'ar' } });
  expect(language.status).toBe(409);
  expect(language.body).toMatchObject({ code: 'NOT_PERMITTED_BY_LEGAL_BASIS' });

  const badPayload = await stack.api
    .as(coordinator)
    .post<{ details: string[] }>(`/api/v1/processes/${id}/actions`, { action: 'return-to-draft', payload: {} });
  expect(badPayload.status).toBe(400);
  expect(badPayload.body.details).toEqual([expect.stringMatching(/^payload\.reasons:/)]);

  const foreign = await stack.api.as(stranger).post(`/api/v1/processes/${id}/actions`, { action: 'withdraw' });
  expect(foreign.status).toBe(403);
  expect(foreign.body).toMatchObject({ code: 'NOT_A_PARTY' });
  expect((await stack.api.as(stranger).get(`/api/v1/processes/${id}`)).status).toBe(403);
  const notTheirs = await stack.api.as(malta).post(`/api/v1/processes/${id}/actions`, { action: 'transmit' });
  expect(notTheirs.status).toBe(403);
  expect(notTheirs.body).toMatchObject({ code: 'ACTOR_NOT_PERMITTED' });

  const state = await stack.api.as(coordinator).get<{ stage: string; sequence: number }>(`/api/v1/processes/${id}`);
  expect(state.body).toMatchObject({ stage: 'ca-review', sequence: 2 });
}, 60_000);

it("keeps the 16(10) duty on the court's path, asks for reasons with content, and shows the refusal and the consultation to the other state", async () => {
  const national = await startProcess({ type: 'extradition', legalBasis: 'ECE', parties });
  await act(national, italy, 'receive-formal-request');
  await act(national, libya, 'open-hearing');
  const barred = await stack.api
    .as(libya)
    .post<{ code: string; details: string[] }>(`/api/v1/processes/${national}/actions`, {
      action: 'decide-barred',
      payload: { ground: 'nationality', reasons: 'the person is a Libyan national by birth' },
    });
  expect(barred.status).toBe(409);
  expect(barred.body.code).toBe('PRECONDITION_UNMET');
  expect(barred.body.details).toEqual([expect.stringContaining("use 'refuse-national'")]);
  const dot = await stack.api.as(libya).post<{ details: string[] }>(`/api/v1/processes/${national}/actions`, {
    action: 'refuse-national',
    payload: { reasons: '.' },
  });
  expect(dot.status).toBe(400);
  expect(dot.body.details).toContain('payload.reasons: reasons must explain the refusal (at least 30 characters)');
  await act(national, libya, 'refuse-national', {
    reasons: 'the person is a Libyan national and may not be surrendered',
  });
  const seen = await stack.api
    .as(italy)
    .get<{ stage: string; legalRecord: Record<string, unknown> }>(`/api/v1/processes/${national}`);
  expect(seen.body).toMatchObject({
    stage: 'prosecution-instead',
    legalRecord: {
      refusal: {
        ground: 'nationality',
        article: 'ECE art. 6(1)(a), 6(2)',
        reasons: 'the person is a Libyan national and may not be surrendered',
      },
    },
  });

  const mla = await startProcess({ type: 'mla', legalBasis: 'UNTOC', parties });
  await act(mla, italy, 'submit-for-review');
  await act(mla, coordinator, 'record-translation', { language: 'en' });
  await act(mla, coordinator, 'transmit');
  await act(mla, libya, 'acknowledge');
  const reasons = 'the records belong to an investigation of the national security service';
  await act(mla, libya, 'consult', { intended: 'refusal', ground: 'essential-interests', reasons });
  const early = await stack.api.as(libya).post<{ code: string }>(`/api/v1/processes/${mla}/actions`, {
    action: 'refuse',
    payload: { ground: 'essential-interests', reasons },
  });
  expect(early.status).toBe(409);
  expect(early.body.code).toBe('PRECONDITION_UNMET');
  const task = await waitFor('the consultation in the requesting agency inbox', async () => {
    const res = await stack.api.as(italy).get<{ items: { id: string; stage: string }[] }>('/api/v1/tasks');
    return res.body.items.find((p) => p.id === mla);
  });
  expect(task).toMatchObject({ stage: 'consultation' });
  const view = await stack.api
    .as(italy)
    .get<{ allowedActions: { action: string }[]; legalRecord: object }>(`/api/v1/processes/${mla}`);
  expect(view.body.allowedActions.map((a) => a.action)).toContain('answer-consultation');
  expect(view.body.legalRecord).toEqual({
    consultation: { intended: 'refusal', ground: 'essential-interests', reasons, status: 'awaiting-answer' },
  });
  await act(mla, italy, 'answer-consultation', { answer: 'we can narrow it to two accounts' });
  expect((await act(mla, libya, 'refuse', { ground: 'essential-interests', reasons })).stage).toBe('refused');
}, 90_000);

it('applies an action once for a repeated idempotency key, and refuses the key with another payload', async () => {
  const id = await startProcess({ type: 'mla', legalBasis: 'UNTOC', parties });
  await act(id, italy, 'submit-for-review');
  await act(id, coordinator, 'record-translation', { language: 'en' });
  await act(id, coordinator, 'transmit');
  await act(id, libya, 'acknowledge');
  await act(id, libya, 'start-execution');
  const key = `${id}-partial-1`;
  const first = await act(id, libya, 'return-partial', { description: 'first batch' }, key);
  const again = await act(id, libya, 'return-partial', { description: 'first batch' }, key);
  expect(again).toEqual(first);
  const changed = await stack.api
    .as(libya)
    .post<{ code: string; details: string[] }>(`/api/v1/processes/${id}/actions`, {
      action: 'return-partial',
      payload: { description: 'second batch' },
      idempotencyKey: key,
    });
  expect(changed.status).toBe(422);
  expect(changed.body).toMatchObject({
    code: 'IDEMPOTENCY_KEY_REUSED',
    details: [expect.stringMatching(/^idempotencyKey:/)],
  });
  const state = await stack.api.as(libya).get<{ sequence: number }>(`/api/v1/processes/${id}`);
  expect(state.body.sequence).toBe(7);
}, 60_000);

it('keeps personal data out of the Temporal server: every payload in the raw history is encrypted', async () => {
  const witness = `Witness-${Date.now()}`;
  const id = await startProcess({
    type: 'mla',
    legalBasis: 'UNTOC',
    parties,
    data: { suspect: `${witness} (passport X123)` },
  });
  await act(id, italy, 'submit-for-review');
  await act(id, coordinator, 'return-to-draft', { reasons: `statement of ${witness} missing` });

  const connection = await Connection.connect({ address: loadConfig(process.env).temporal.address });
  try {
    const { history } = await connection.workflowService.getWorkflowExecutionHistory({
      namespace: loadConfig(process.env).temporal.namespace,
      execution: { workflowId: id },
    });
    const raw = everyByteAndString(history);
    expect(raw).toContain('binary/encrypted');
    expect(raw).not.toContain(witness);

    // The control: decrypted with the configured key, the same history does hold the data.
    const codec = comityDataConverter(loadConfig({ ...process.env, ...stack.environment.env }).temporal)
      .payloadCodecs?.[0];
    const payloads = (history?.events ?? []).flatMap((e) => [
      ...(e.workflowExecutionStartedEventAttributes?.input?.payloads ?? []),
      ...(e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? []),
    ]);
    const decoded = await codec!.decode(payloads);
    expect(decoded.map((p) => Buffer.from(p.data ?? []).toString()).join('\n')).toContain(witness);
  } finally {
    await connection.close();
  }
}, 60_000);

it('keeps a process findable in Temporal by what it is, with no upsert or marker in its history', async () => {
  const id = await startProcess({ type: 'mla', caseId, legalBasis: 'UNTOC', priority: 'urgent', parties });
  await act(id, italy, 'submit-for-review'); // draft -> ca-review, still awaiting the requesting side
  await act(id, coordinator, 'record-translation', { language: 'ar' }); // stays in ca-review
  await act(id, coordinator, 'transmit'); // -> transmitted, awaiting the requested side

  const config = loadConfig({ ...process.env, ...stack.environment.env }).temporal;
  const connection = await Connection.connect({ address: config.address });
  try {
    // With the codec: describe() decodes the memo too (the request digest an idempotency key stands for).
    const client = new Client({ connection, namespace: config.namespace, dataConverter: comityDataConverter(config) });
    const { typedSearchAttributes } = await client.workflow.getHandle(id).describe();
    expect(
      Object.fromEntries(Object.values(SearchAttributes).map((k) => [k.name, typedSearchAttributes.get(k)])),
    ).toEqual({
      ProcessType: 'mla',
      Stage: undefined,
      AssignedAgency: undefined,
      CaseId: caseId,
      Priority: undefined,
      LegalBasis: 'UNTOC',
      RequestedState: 'LY',
      Overdue: undefined,
    });
    const query = `CaseId = '${caseId}' AND ProcessType = 'mla' AND RequestedState = 'LY'`;
    await waitFor('the process listed by its search attributes', async () => {
      for await (const workflow of client.workflow.list({ query })) if (workflow.workflowId === id) return workflow;
      return undefined;
    });

    // The start set them; the API starts processes at the current workflow revision, which asks no
    // patch (no marker, no TemporalChangeVersion upsert) and upserts nothing on a transition.
    const { history } = await connection.workflowService.getWorkflowExecutionHistory({
      namespace: config.namespace,
      execution: { workflowId: id },
    });
    const events = history?.events ?? [];
    expect(events.filter((e) => e.workflowTaskCompletedEventAttributes).length).toBeGreaterThanOrEqual(4);
    expect(
      events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes || e.markerRecordedEventAttributes),
    ).toEqual([]);
  } finally {
    await connection.close();
  }
}, 60_000);

it("serves the timeline, each agency's task inbox and the pipeline from the read model", async () => {
  const malta: Actor = { userId: 'mt-clerk', role: 'agency', agencyId: 'mt-police' };
  const tunisia: Actor = { userId: 'tn-clerk', role: 'agency', agencyId: 'tn-police' };
  const id = await startProcess({
    type: 'mla',
    legalBasis: 'UNTOC',
    priority: 'urgent',
    parties: { requesting: { agencyId: 'mt-police', state: 'MT' }, requested: { agencyId: 'tn-police', state: 'TN' } },
  });
  await act(id, malta, 'submit-for-review');
  await act(id, malta, 'transmit');
  await stack.observer.untilAction(id, 'transmit');

  const inbox = await waitFor('the process in the requested agency inbox', async () => {
    const res = await stack.api.as(tunisia).get<{ items: { id: string; stage: string }[] }>('/api/v1/tasks');
    return res.body.items.find((p) => p.id === id);
  });
  expect(inbox).toMatchObject({ stage: 'transmitted' });
  const requestingInbox = await stack.api.as(malta).get<{ items: { id: string }[] }>('/api/v1/tasks');
  expect(requestingInbox.body.items.map((p) => p.id)).not.toContain(id);
  expect((await stack.api.as(malta).get('/api/v1/tasks?agency=tn-police')).status).toBe(403);

  const timeline = await stack.api.as(tunisia).get<{
    items: { sequence: number; action: string; actor: { agencyId?: string } }[];
  }>(`/api/v1/processes/${id}/timeline`);
  expect(timeline.body.items.map((e) => [e.sequence, e.action, e.actor.agencyId ?? null])).toEqual([
    [0, 'start', null],
    [1, 'submit-for-review', 'mt-police'],
    [2, 'transmit', 'mt-police'],
  ]);
  expect((await stack.api.as(stranger).get(`/api/v1/processes/${id}/timeline`)).status).toBe(403);

  type Pipeline = { types: { type: string; stages: { stage: string; count: number; label: string }[] }[] };
  const mine = await stack.api.as(tunisia).get<Pipeline>('/api/v1/pipeline');
  const mla = mine.body.types.find((t) => t.type === 'mla');
  expect(mla?.stages.map((s) => s.stage)).toEqual(expect.arrayContaining(['draft', 'transmitted', 'executed']));
  expect(mla?.stages.find((s) => s.stage === 'transmitted')).toMatchObject({ count: 1, label: 'Transmitted' });
  const all = await stack.api.as(coordinator).get<Pipeline>('/api/v1/pipeline');
  const total = (p: Pipeline) => p.types.flatMap((t) => t.stages).reduce((n, s) => n + s.count, 0);
  expect(total(all.body)).toBeGreaterThan(total(mine.body));
}, 60_000);

it('groups processes in a case, with its handling code as their floor', async () => {
  const sensitive = await stack.openCase('sensitive-network', 'H2');
  const mla = await startProcess({ type: 'mla', caseId: sensitive, legalBasis: 'UNTOC', parties });
  const extradition = await startProcess({
    type: 'extradition',
    caseId: sensitive,
    legalBasis: 'UNTOC',
    parties: {
      requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
      requested: { agencyId: 'tn-police', state: 'TN' },
    },
  });
  const events = await stack.observer.untilAction(mla, 'start');
  expect(events[0]).toMatchObject({ handlingcode: 'H2', data: { handlingCode: 'H2', caseId: sensitive } });

  const view = await waitFor('both processes in the case', async () => {
    const res = await stack.api
      .as(coordinator)
      .get<{ processes: { id: string; stage: string | null }[] }>(`/api/v1/cases/${sensitive}`);
    return res.body.processes.every((p) => p.stage) && res.body.processes.length === 2 ? res.body : undefined;
  });
  expect(view).toMatchObject({ caseId: sensitive, title: 'sensitive-network', handlingCode: 'H2' });
  expect(view.processes.map((p) => [p.id, p.stage]).sort()).toEqual(
    [
      [mla, 'draft'],
      [extradition, 'alert'],
    ].sort(),
  );
  const libyaView = await stack.api.as(libya).get<{ processes: { id: string }[] }>(`/api/v1/cases/${sensitive}`);
  expect(libyaView.body.processes.map((p) => p.id)).toEqual([mla]);
  expect((await stack.api.as(stranger).get(`/api/v1/cases/${sensitive}`)).status).toBe(403);

  const below = await stack.api
    .as(coordinator)
    .post('/api/v1/processes', { type: 'mla', caseId: sensitive, legalBasis: 'UNTOC', parties, handlingCode: 'H1' });
  expect(below.status).toBe(400);
  expect(below.body).toMatchObject({
    code: 'HANDLING_CODE_BELOW_CASE',
    details: ['body.handlingCode: at least H2 in this case'],
  });
  const unknown = await stack.api
    .as(coordinator)
    .post('/api/v1/processes', { type: 'mla', caseId: 'no-such-case', legalBasis: 'UNTOC', parties });
  expect(unknown.status).toBe(400);
  expect(unknown.body).toMatchObject({ code: 'CASE_NOT_FOUND' });
  expect((await stack.api.as(coordinator).get('/api/v1/cases/no-such-case')).status).toBe(404);
  expect((await stack.api.as({ userId: 'a', role: 'auditor' }).post('/api/v1/cases', { title: 'x' })).status).toBe(403);
}, 60_000);

it('puts a process started outside any case into one: counted in the case, findable by it, refusals named', async () => {
  const loose = await startProcess({ type: 'mla', legalBasis: 'UNTOC', parties });
  const link = (actor: Actor, linkTo: string, reason = 'the same smuggling network') =>
    stack.api
      .as(actor)
      .post<{ code?: string; details?: string[]; caseId?: string }>(`/api/v1/processes/${loose}/actions`, {
        action: 'link-case',
        payload: { caseId: linkTo, reason },
      });
  const unknown = await link(coordinator, 'no-such-case');
  expect([unknown.status, unknown.body.code, unknown.body.details]).toEqual([
    400,
    'CASE_NOT_FOUND',
    ["payload.caseId: no case 'no-such-case'"],
  ]);
  const guarded = await stack.openCase('guarded-route', 'H2');
  const below = await link(coordinator, guarded);
  expect([below.status, below.body.code, below.body.details]).toEqual([
    409,
    'HANDLING_CODE_BELOW_CASE',
    [`payload.caseId: the processes of case '${guarded}' are at least H2; this one is H1`],
  ]);
  // A party agency may not link, and learns nothing about the case it names (no 400 or 409 first).
  for (const named of [caseId, 'no-such-case', guarded]) {
    const refused = await link(italy, named);
    expect([refused.status, refused.body.code]).toEqual([403, 'ACTOR_NOT_PERMITTED']);
  }
  const noReason = await link(coordinator, caseId, ' ');
  expect([noReason.status, noReason.body.code]).toEqual([400, 'PAYLOAD_INVALID']);

  const linked = await link(coordinator, caseId);
  expect([linked.status, linked.body.caseId]).toEqual([200, caseId]);
  const again = await link(coordinator, guarded);
  expect([again.status, again.body.code, again.body.details]).toEqual([
    409,
    'PRECONDITION_UNMET',
    [`the process is already in case '${caseId}'`],
  ]);

  const events = await stack.observer.untilAction(loose, 'link-case');
  expect(events.map((e) => e.data.caseId ?? null)).toEqual([null, caseId]);
  const inCase = await waitFor('the process in its case', async () => {
    const res = await stack.api.as(coordinator).get<{ processes: { id: string }[] }>(`/api/v1/cases/${caseId}`);
    return res.body.processes.some((p) => p.id === loose) ? res.body : undefined;
  });
  expect(inCase.processes.map((p) => p.id)).toContain(loose);
  const listed = await stack.api
    .as(coordinator)
    .get<{ items: { id: string; caseId?: string }[] }>(`/api/v1/processes?caseId=${caseId}&limit=200`);
  expect(listed.body.items.find((p) => p.id === loose)?.caseId).toBe(caseId);

  const config = loadConfig({ ...process.env, ...stack.environment.env }).temporal;
  const connection = await Connection.connect({ address: config.address });
  try {
    const client = new Client({ connection, namespace: config.namespace, dataConverter: comityDataConverter(config) });
    const { typedSearchAttributes } = await client.workflow.getHandle(loose).describe();
    expect(typedSearchAttributes.get(SearchAttributes.caseId)).toBe(caseId);
  } finally {
    await connection.close();
  }
}, 60_000);

it("serves Temporal's remote codec protocol to coordinators and admins only", async () => {
  const plain = {
    metadata: { encoding: Buffer.from('json/plain').toString('base64') },
    data: Buffer.from('"Witness-codec"').toString('base64'),
  };
  const encoded = await stack.api
    .as({ userId: 'root', role: 'admin' })
    .post<{ payloads: { data: string }[] }>('/codec/encode', { payloads: [plain] });
  expect(encoded.status).toBe(200);
  expect(Buffer.from(encoded.body.payloads[0]!.data, 'base64').toString('latin1')).not.toContain('Witness-codec');

  const decoded = await stack.api.as(coordinator).post<{ payloads: unknown[] }>('/codec/decode', encoded.body);
  expect(decoded.status).toBe(200);
  expect(decoded.body.payloads).toEqual([plain]);

  expect((await stack.api.as(libya).post('/codec/decode', encoded.body)).status).toBe(403);
  expect((await stack.api.as(undefined).post('/codec/decode', encoded.body)).status).toBe(401);
  const tampered = {
    payloads: [{ ...encoded.body.payloads[0], data: Buffer.from('not ciphertext at all').toString('base64') }],
  };
  const refused = await stack.api.as(coordinator).post('/codec/decode', tampered);
  expect(refused.status).toBe(400);
  expect(refused.body).toMatchObject({ code: 'PAYLOAD_UNDECRYPTABLE' });
}, 60_000);

it('chains every recorded step by hash, and finds the first tampered record', async () => {
  const id = await startProcess({ type: 'mla', legalBasis: 'UNTOC', parties });
  await act(id, italy, 'submit-for-review');
  await act(id, coordinator, 'record-translation', { language: 'ar' });
  await act(id, coordinator, 'transmit');
  await stack.observer.untilAction(id, 'transmit');
  const auditor: Actor = { userId: 'assessor', role: 'auditor' };
  const verdict = () => stack.api.as(auditor).get(`/api/v1/processes/${id}/audit`);

  await waitFor('the whole chain in the read model', async () =>
    (await verdict()).body['length'] === 4 ? true : undefined,
  );
  expect((await verdict()).body).toEqual({ processId: id, valid: true, length: 4, anchored: true });
  expect((await stack.api.as(libya).get(`/api/v1/processes/${id}/audit`)).status).toBe(403);

  // Someone with database access rewrites what the translation step recorded.
  const db = new Database(stack.environment.env['COMITY_SQLITE_PATH']!);
  db.prepare('UPDATE timeline SET payload = ? WHERE process_id = ? AND sequence = 2').run('{"language":"en"}', id);
  db.close();
  expect((await verdict()).body).toMatchObject({
    valid: false,
    firstBrokenSequence: 2,
    reason: expect.stringMatching(/hash/),
  });
}, 60_000);
