import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Actor } from '@comity/domain';
import { root, waitFor, type RunningApp } from '../support/apps';
import { demoCaseOf, demoFinalStages, demoProcessesWhenFinal, type DemoProcess } from '../support/demo';
import { startStack, type Stack } from '../support/stack';
import { TopicObserver } from '../support/topic-observer';

/**
 * Each further process type from its start to a final stage through the real system: an officer
 * on the API, agencies answering their tasks over Kafka (the agency simulator, through the bridge),
 * every event observed on the process-events topic and projected into the read model (PostgreSQL).
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };

const agencies = [
  // transfer of proceedings
  { agencyId: 'it-procura-roma', delayMs: 0 },
  { agencyId: 'al-prokuroria', delayMs: 0 },
  // transfer of a sentenced person
  { agencyId: 'gr-ministry-of-justice', delayMs: 0 },
  { agencyId: 'al-ministry-of-justice', delayMs: 0 },
  // controlled delivery: the Italian police declare the route, the Albanian police authorise for Albania
  { agencyId: 'it-dcsa', delayMs: 0, behaviour: { route: ['AL', 'IT'] } },
  { agencyId: 'al-state-police', delayMs: 0, behaviour: { state: 'AL' } },
  // law-enforcement exchange
  { agencyId: 'fr-ocriest', delayMs: 0, behaviour: { promoteToMla: true } },
  { agencyId: 'es-policia-nacional', delayMs: 0 },
  // domestic task force: the coordination body (its members), the FIU and a money-transfer service
  {
    agencyId: 'gr-national-coordination',
    delayMs: 0,
    behaviour: {
      members: [
        { agencyId: 'gr-hellenic-police', role: 'police' },
        { agencyId: 'gr-coast-guard', role: 'border-guard' },
      ],
    },
  },
  { agencyId: 'gr-fiu', delayMs: 0 },
  { agencyId: 'gr-mvts-hermes', delayMs: 0 },
  // document verification
  { agencyId: 'ma-dgsn', delayMs: 0, behaviour: { documentFinding: 'falsified' } },
  // return of a smuggled migrant
  { agencyId: 'it-ministry-of-interior', delayMs: 0 },
  { agencyId: 'tn-ministry-of-interior', delayMs: 0 },
  // protection referral
  { agencyId: 'gr-police-lesvos', delayMs: 0 },
  { agencyId: 'gr-ngo-safe-harbour', delayMs: 0 },
];

let stack: Stack;
let simulator: RunningApp;
let deadLetters: TopicObserver;
let caseId: string;

beforeAll(async () => {
  stack = await startStack('postgres', 3240);
  caseId = await stack.openCase('aegean-network');
  const { environment } = stack;
  deadLetters = await new TopicObserver(environment.brokers, `${environment.runId}-dlq`).start(
    environment.topics.deadLetter,
  );
  const scenario = path.join(mkdtempSync(path.join(tmpdir(), 'comity-scenario-')), 'scenario.json');
  writeFileSync(scenario, JSON.stringify({ agencies }));
  simulator = await stack.startExtra('agency-simulator', [scenario]);
}, 300_000);

afterAll(async () => {
  await deadLetters?.stop();
  await stack?.stop();
}, 60_000);

const party = (agencyId: string) => ({ agencyId, state: agencyId.slice(0, 2).toUpperCase() });

async function startProcess(
  type: string,
  parties: Record<string, string>,
  legalBasis = 'UNTOC',
  data: Record<string, unknown> = {},
): Promise<string> {
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
    type,
    caseId,
    legalBasis,
    data,
    parties: Object.fromEntries(Object.entries(parties).map(([slot, agencyId]) => [slot, party(agencyId)])),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function officer(id: string, action: string, payload?: Record<string, unknown>) {
  const res = await stack.api
    .as(coordinator)
    .post<{ stage: string }>(`/api/v1/processes/${id}/actions`, { action, payload });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The actions recorded, each with who took it (an agency id, or the role). */
async function actionsUntil(id: string, last: string): Promise<string[]> {
  const events = await stack.observer.untilAction(id, last, 60_000);
  expect(events.map((e) => e.data.sequence)).toEqual(events.map((_, i) => i));
  return events.map((e) => `${e.data.action} by ${e.data.actor.agencyId ?? e.data.actor.role}`);
}

/** The read model (the list endpoint) caught up with the final stage. */
async function projectedStage(id: string, stage: string): Promise<void> {
  await waitFor(`${id} projected in ${stage}`, async () => {
    const res = await stack.api
      .as(coordinator)
      .get<{ items: { id: string; stage: string }[] }>(`/api/v1/processes?caseId=${encodeURIComponent(caseId)}`);
    return res.status === 200 && res.body.items.find((p) => p.id === id)?.stage === stage ? true : undefined;
  });
}

it('takes over proceedings after consultation, a request and a decision', async () => {
  const id = await startProcess('transfer-of-proceedings', {
    requesting: 'it-procura-roma',
    requested: 'al-prokuroria',
  });
  expect(await actionsUntil(id, 'take-over')).toEqual([
    'start by coordinator',
    'conclude-consultation by al-prokuroria',
    'transmit-request by it-procura-roma',
    'acknowledge by al-prokuroria',
    'accept by al-prokuroria',
    'take-over by al-prokuroria',
  ]);
  await projectedStage(id, 'taken-over');
}, 90_000);

it('transfers a sentenced person once every condition is met and both states agree', async () => {
  const id = await startProcess('transfer-of-sentenced-person', {
    sentencing: 'gr-ministry-of-justice',
    administering: 'al-ministry-of-justice',
  });
  const actions = await actionsUntil(id, 'confirm-handover');
  expect(actions.filter((a) => a.startsWith('record-condition'))).toHaveLength(5);
  expect(actions.filter((a) => !a.startsWith('record-condition'))).toEqual([
    'start by coordinator',
    'transmit by gr-ministry-of-justice',
    'acknowledge by al-ministry-of-justice',
    'agree-administering by al-ministry-of-justice',
    'agree-sentencing by gr-ministry-of-justice',
    'schedule-handover by gr-ministry-of-justice',
    'confirm-handover by al-ministry-of-justice',
  ]);
  await projectedStage(id, 'transferred');
}, 90_000);

it('starts a controlled delivery only when every route state authorised it, and concludes it', async () => {
  const id = await startProcess('special-investigative-technique', {
    requesting: 'it-dcsa',
    requested: 'al-state-police',
  });
  // The Albanian police authorise for Albania; Italy's authorisation is the officer's to record.
  await stack.observer.untilAction(id, 'acknowledge', 60_000);
  const early = await stack.api.as(coordinator).post(`/api/v1/processes/${id}/actions`, { action: 'start-delivery' });
  expect(early.status).toBe(409);
  expect(early.body).toMatchObject({ code: 'PRECONDITION_UNMET' });
  expect(JSON.stringify(early.body)).toContain('IT');

  await officer(id, 'record-authorisation', { state: 'IT', authority: 'DDA Bari', reference: 'IT-2026-77' });
  expect(await officer(id, 'start-delivery')).toMatchObject({ stage: 'active' });
  expect(await actionsUntil(id, 'conclude')).toEqual([
    'start by coordinator',
    'declare-route by it-dcsa',
    'request-authorisation by it-dcsa',
    'record-authorisation by al-state-police',
    'acknowledge by al-state-police',
    'record-authorisation by coordinator',
    'start-delivery by coordinator',
    'conclude by it-dcsa',
  ]);
  await projectedStage(id, 'concluded');
}, 90_000);

it('promotes an answered police exchange to a formal MLA, carrying its reference', async () => {
  const parties = { requesting: 'fr-ocriest', requested: 'es-policia-nacional' };
  // Dir. 2023/977 art. 5(1): the request declares whether the information is directly accessible.
  const undeclared = await stack.api.as(coordinator).post<{ code: string; details: string[] }>('/api/v1/processes', {
    type: 'law-enforcement-exchange',
    legalBasis: 'EU-2023-977',
    priority: 'urgent',
    parties: { requesting: party(parties.requesting), requested: party(parties.requested) },
  });
  expect(undeclared.status).toBe(400);
  expect(undeclared.body).toMatchObject({
    code: 'PAYLOAD_INVALID',
    details: [
      expect.stringMatching(/^data\.accessibility: expected one of "directly-accessible", "indirectly-accessible"/),
    ],
  });
  const id = await startProcess('law-enforcement-exchange', parties, 'EU-2023-977', {
    accessibility: 'indirectly-accessible',
  });
  expect(await actionsUntil(id, 'promote-to-mla')).toEqual([
    'start by coordinator',
    'acknowledge by es-policia-nacional',
    'answer by es-policia-nacional',
    'promote-to-mla by fr-ocriest',
  ]);
  const last = stack.observer.of(id).at(-1);
  expect(last).toMatchObject({
    type: 'comity.law-enforcement-exchange.promoted-to-mla.v1',
    data: { caseId, payload: { reference: `mla-${id}` } },
  });
  await projectedStage(id, 'promoted-to-mla');
}, 90_000);

it('runs a domestic task force: members, a money trace through the FIU and an MVTS, closed', async () => {
  const id = await startProcess('domestic-taskforce', {
    coordination: 'gr-national-coordination',
    fiu: 'gr-fiu',
    institution: 'gr-mvts-hermes',
  });
  expect(await actionsUntil(id, 'close')).toEqual([
    'start by coordinator',
    'add-member by gr-national-coordination',
    'add-member by gr-national-coordination',
    'activate by gr-national-coordination',
    'request-money-trace by gr-national-coordination',
    'request-institution-records by gr-fiu',
    'return-records by gr-mvts-hermes',
    'report-money-trace by gr-fiu',
    'close by gr-national-coordination',
  ]);
  await projectedStage(id, 'closed');
}, 90_000);

it('verifies a travel document with the issuing state, which finds it falsified', async () => {
  const id = await startProcess('document-verification', { requesting: 'es-policia-nacional', issuing: 'ma-dgsn' });
  expect(await actionsUntil(id, 'report-not-genuine')).toEqual([
    'start by coordinator',
    'acknowledge by ma-dgsn',
    'report-not-genuine by ma-dgsn',
  ]);
  await projectedStage(id, 'not-verified');
}, 90_000);

it('returns a smuggled migrant: status verified, travel documents issued, arrival confirmed', async () => {
  const id = await startProcess('migrant-return', {
    requesting: 'it-ministry-of-interior',
    origin: 'tn-ministry-of-interior',
  });
  expect(await actionsUntil(id, 'confirm-arrival')).toEqual([
    'start by coordinator',
    'confirm-status by tn-ministry-of-interior',
    'issue-travel-documents by tn-ministry-of-interior',
    'schedule-return by it-ministry-of-interior',
    'confirm-arrival by tn-ministry-of-interior',
  ]);
  await projectedStage(id, 'returned');
}, 90_000);

it('refers a migrant to an NGO and tracks the referral to its outcome', async () => {
  const id = await startProcess('protection-referral', {
    referring: 'gr-police-lesvos',
    provider: 'gr-ngo-safe-harbour',
  });
  expect(await actionsUntil(id, 'record-outcome')).toEqual([
    'start by coordinator',
    'refer by gr-police-lesvos',
    'accept by gr-ngo-safe-harbour',
    'report-progress by gr-ngo-safe-harbour',
    'record-outcome by gr-ngo-safe-harbour',
  ]);
  await projectedStage(id, 'closed');
}, 90_000);

it('dead-lettered none of the agencies’ answers', () => {
  expect(deadLetters.messages.map((m) => m.value)).toEqual([]);
});

it('runs the demo: every process the demo case opens reaches a final stage with the demo agencies alone', async () => {
  // The demo's agencies overlap with the ones above: only the demo's simulator may answer now.
  expect(await simulator.stop()).toBe(0);
  await stack.startExtra('agency-simulator'); // scenarios/demo.json
  const seed = await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/agency-simulator/src/seed-demo.ts'],
    { cwd: root, env: { ...process.env, ...stack.environment.env } },
  );
  const demoCase = demoCaseOf(seed.stdout + seed.stderr);
  const items = await demoProcessesWhenFinal(demoCase, async () => {
    const res = await stack.api
      .as(coordinator)
      .get<{ items: DemoProcess[] }>(`/api/v1/processes?caseId=${encodeURIComponent(demoCase)}`);
    return res.body.items;
  });
  expect(items.filter((p) => p.stage !== demoFinalStages[p.type])).toEqual([]);
  expect(items.filter((p) => p.type === 'mla')).toHaveLength(2);
  expect(deadLetters.messages.map((m) => m.value)).toEqual([]);
}, 300_000);
