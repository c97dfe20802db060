import type { Actor } from '@comity/domain';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * A joint investigation team and the asset confiscation it refers, in one case, through the API
 * (actions are Temporal updates) with every event observed on Kafka and read back from the read
 * model: members joining, the exchange log, a spawned process, the ledger, the case's timeline and
 * the prosecute-instead obligation an extradition refusal opens.
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const auditor: Actor = { userId: 'auditor-1', role: 'auditor' };
const nl: Actor = { userId: 'nl-clerk', role: 'agency', agencyId: 'nl-om' };
const it_: Actor = { userId: 'it-clerk', role: 'agency', agencyId: 'it-dda' };
const gr: Actor = { userId: 'gr-clerk', role: 'agency', agencyId: 'gr-police' };
const de: Actor = { userId: 'de-clerk', role: 'agency', agencyId: 'de-bka' };

let stack: Stack;
let caseId: string;

beforeAll(async () => {
  stack = await startStack('sqlite', 3250);
  caseId = await stack.openCase('aegean-route', 'H2');
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

async function startProcess(body: Record<string, unknown>): Promise<string> {
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', { caseId, ...body });
  expect(res.status).toBe(201);
  return res.body.id;
}

interface View {
  stage: string;
  sequence: number;
  parties: Record<string, { agencyId: string }>;
  ledger?: Record<string, Record<string, string>>;
}

async function act(id: string, actor: Actor, action: string, payload?: Record<string, unknown>): Promise<View> {
  const res = await stack.api.as(actor).post<View>(`/api/v1/processes/${id}/actions`, { action, payload });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const eur = (amount: string) => ({ amount, currency: 'EUR' });

it('runs a team whose members join and exchange evidence, and confiscates what it refers', async () => {
  const team = await startProcess({
    type: 'joint-investigation',
    legalBasis: 'EU-JIT',
    parties: { lead: { agencyId: 'nl-om', state: 'NL' }, member: { agencyId: 'it-dda', state: 'IT' } },
  });
  await act(team, nl, 'propose-agreement', { summary: 'smugglers operating from Izmir' });
  const joined = await act(team, coordinator, 'join', { agencyId: 'gr-police', state: 'GR' });
  expect(joined.parties['member:gr-police']).toEqual({ agencyId: 'gr-police', state: 'GR' });
  for (const [actor, signatory] of [
    [nl, 'nl-om'],
    [it_, 'it-dda'],
    [gr, 'gr-police'],
  ] as const) {
    await act(team, actor, 'sign-agreement', { signatory });
  }
  await act(team, nl, 'conclude-agreement');
  expect((await act(team, nl, 'adopt-action-plan', { summary: 'joint action days' })).stage).toBe('active');

  // The joined member acts as a member; someone outside the team does not.
  await act(team, gr, 'share-evidence', { recipients: ['nl-om', 'it-dda'], item: 'boat registry', handlingCode: 'H2' });
  await act(team, it_, 'share-evidence', { recipients: ['gr-police'], item: 'intercepts', handlingCode: 'H3' });
  const outsider = await stack.api.as(de).post(`/api/v1/processes/${team}/actions`, {
    action: 'share-evidence',
    payload: { recipients: ['nl-om'], item: 'x', handlingCode: 'H1' },
  });
  expect(outsider.status).toBe(403);
  const badRecipients = await stack.api.as(gr).post<{
    details: string[];
  }>(`/api/v1/processes/${team}/actions`, { action: 'share-evidence', payload: { recipients: [], item: 'x', handlingCode: 'H9' } });
  expect(badRecipients.status).toBe(400);
  expect(badRecipients.body.details.join(' ')).toMatch(/payload\.recipients.*payload\.handlingCode/);

  // The joined member finds the team in its own list (the read model recorded it as a party).
  await waitFor('the team in gr-police’s list', async () => {
    const list = await stack.api.as(gr).get<{ items: { id: string }[] }>('/api/v1/processes?agency=gr-police');
    return list.body.items.some((p) => p.id === team) || undefined;
  });

  const referred = await act(team, nl, 'refer-for-confiscation', { description: 'yachts in Piraeus' });
  const confiscation = `${team}.refer-for-confiscation.${referred.sequence - 1}`;
  const exchanges = await stack.observer.untilAction(team, 'refer-for-confiscation');
  expect(
    exchanges.filter((e) => e.data.action === 'share-evidence').map((e) => [e.data.actor.agencyId, e.data.payload]),
  ).toEqual([
    ['gr-police', { recipients: ['nl-om', 'it-dda'], item: 'boat registry', handlingCode: 'H2' }],
    ['it-dda', { recipients: ['gr-police'], item: 'intercepts', handlingCode: 'H3' }],
  ]);

  // The spawned confiscation runs in the same case, between the team's lead and its first member.
  const started = await stack.observer.untilAction(confiscation, 'start');
  expect(started[0].data).toMatchObject({ processType: 'asset-confiscation', caseId, stage: 'tracing' });
  await act(confiscation, nl, 'request-freezing', { description: 'yachts', synchronisedWithArrest: true });
  await act(confiscation, it_, 'recognise-freezing');
  await act(confiscation, it_, 'execute-freezing', eur('3000000.00'));
  await act(confiscation, nl, 'transmit-confiscation-order', { mode: 'obtain', reference: 'Rotterdam-2026-11' });
  const tooMuch = await stack.api.as(it_).post<{
    code: string;
  }>(`/api/v1/processes/${confiscation}/actions`, { action: 'obtain-confiscation-order', payload: eur('3000000.01') });
  expect([tooMuch.status, tooMuch.body.code]).toEqual([409, 'PRECONDITION_UNMET']);
  const floaty = await stack.api.as(it_).post<{
    details: string[];
  }>(`/api/v1/processes/${confiscation}/actions`, { action: 'obtain-confiscation-order', payload: { amount: 2.5, currency: 'euro' } });
  expect(floaty.status).toBe(400);
  expect(floaty.body.details.join(' ')).toMatch(/payload\.amount.*payload\.currency/);
  await act(confiscation, it_, 'obtain-confiscation-order', eur('2500000'));
  await act(confiscation, it_, 'begin-disposal');
  const early = await stack.api.as(it_).post<{
    code: string;
  }>(`/api/v1/processes/${confiscation}/actions`, { action: 'share', payload: { ...eur('1'), withState: 'NL' } });
  expect([early.status, early.body.code]).toEqual([409, 'PRECONDITION_UNMET']);
  await act(confiscation, it_, 'return-to-victims', { ...eur('1500000'), claim: 'families of the victims' });
  await act(confiscation, it_, 'settle-victim-claims');
  await act(confiscation, it_, 'share', { ...eur('500000'), withState: 'NL' });
  const disposed = await act(confiscation, it_, 'close-disposal');
  expect(disposed.stage).toBe('disposed');
  expect(disposed.ledger).toEqual({
    EUR: { frozen: '3000000.00', confiscated: '2500000.00', 'returned-to-victims': '1500000.00', shared: '500000.00' },
  });
  const amounts = (await stack.observer.untilAction(confiscation, 'close-disposal'))
    .filter((e) => 'amount' in ((e.data.payload ?? {}) as object))
    .map((e) => [e.data.action, (e.data.payload as { amount: string }).amount]);
  expect(amounts).toEqual([
    ['execute-freezing', '3000000.00'],
    ['obtain-confiscation-order', '2500000'],
    ['return-to-victims', '1500000'],
    ['share', '500000'],
  ]);

  // The case lists both, and its timeline merges their events in the order they happened.
  const view = await waitFor('the case with both processes', async () => {
    const res = await stack.api
      .as(coordinator)
      .get<{ processes: { id: string; stage: string }[] }>(`/api/v1/cases/${caseId}`);
    const stages = Object.fromEntries(res.body.processes.map((p) => [p.id, p.stage]));
    return stages[team] === 'active' && stages[confiscation] === 'disposed' ? res.body : undefined;
  });
  expect(view.processes).toHaveLength(2);
  const timeline = await waitFor('the case timeline up to the disposal', async () => {
    const res = await stack.api.as(coordinator).get<{
      items: { processId: string; action: string; occurredAt: string; sequence: number }[];
    }>(`/api/v1/cases/${caseId}/timeline`);
    return res.body.items.some((i) => i.action === 'close-disposal') ? res.body.items : undefined;
  });
  const at = (processId: string, action: string) =>
    timeline.findIndex((i) => i.processId === processId && i.action === action);
  expect(at(team, 'refer-for-confiscation')).toBeLessThan(at(confiscation, 'start'));
  expect(at(confiscation, 'start')).toBeLessThan(at(confiscation, 'close-disposal'));
  expect(timeline.map((i) => i.occurredAt)).toEqual([...timeline.map((i) => i.occurredAt)].sort());
  for (const id of [team, confiscation]) {
    const own = timeline.filter((i) => i.processId === id).map((i) => i.sequence);
    expect(own).toEqual(own.map((_, i) => i));
  }
  // An auditor sees the H2 case's timeline with what the events carried withheld.
  const audited = await stack.api
    .as(auditor)
    .get<{ items: { payload: unknown; payloadWithheld?: true }[] }>(`/api/v1/cases/${caseId}/timeline`);
  expect(audited.body.items.every((i) => i.payload === null && i.payloadWithheld === true)).toBe(true);
}, 180_000);

it('opens the prosecute-instead obligation in the case when a national is not extradited', async () => {
  const extradition = await startProcess({
    type: 'extradition',
    legalBasis: 'ECE',
    parties: { requesting: { agencyId: 'nl-om', state: 'NL' }, requested: { agencyId: 'gr-police', state: 'GR' } },
  });
  await act(extradition, nl, 'receive-formal-request');
  await act(extradition, gr, 'open-hearing');
  await act(extradition, gr, 'refuse-national', { reasons: 'a Greek national, whom Greece does not extradite' });
  const obligation = (status: string) =>
    waitFor(`the obligation ${status}`, async () => {
      const res = await stack.api
        .as(coordinator)
        .get<{ obligations: { id: string; processId: string; status: string }[] }>(`/api/v1/cases/${caseId}`);
      return res.body.obligations.find((o) => o.processId === extradition && o.status === status);
    });
  expect(await obligation('open')).toMatchObject({ id: 'prosecute-instead' });
  await act(extradition, gr, 'submit-for-prosecution', { reference: 'Athens-2026-5' });
  expect(await obligation('discharged')).toMatchObject({ id: 'prosecute-instead' });
}, 120_000);

it('holds an arrest back, through the API, until the synchronised freezing is executed', async () => {
  const parties = {
    requesting: { agencyId: 'nl-om', state: 'NL' },
    requested: { agencyId: 'gr-police', state: 'GR' },
  };
  const extradition = await startProcess({ type: 'extradition', legalBasis: 'UNTOC', parties });
  const freezing = await startProcess({ type: 'asset-confiscation', legalBasis: 'UNTOC', priority: 'urgent', parties });
  await act(freezing, nl, 'request-freezing', { description: 'accounts in Athens', synchronisedWith: extradition });
  const arrest = () =>
    stack.api.as(gr).post<{
      code: string;
      message: string;
    }>(`/api/v1/processes/${extradition}/actions`, { action: 'arrest-provisionally' });
  // The hold reaches the extradition by signal, a moment after the freezing request is answered.
  await waitFor('the hold on the extradition', async () => {
    const res = await stack.api.as(gr).get<{ holds?: unknown[] }>(`/api/v1/processes/${extradition}`);
    return res.body.holds?.length ? res.body.holds : undefined;
  });
  const held = (await arrest()).body;
  expect(held).toMatchObject({
    code: 'PRECONDITION_UNMET',
    message: expect.stringContaining(`held back by ${freezing}`),
  });
  await act(freezing, gr, 'recognise-freezing');
  await act(freezing, gr, 'execute-freezing', eur('40000'));
  const arrested = await waitFor('the arrest once the assets are frozen', async () => {
    const res = await arrest();
    return res.status === 200 ? res.body : undefined;
  });
  expect(arrested).toMatchObject({ stage: 'provisionally-arrested' });
}, 120_000);
