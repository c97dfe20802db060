import type { Actor, StatisticsReport } from '@comity/domain';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * GET /api/v1/statistics through the real stack (API, worker on Temporal, Kafka, projector,
 * PostgreSQL): processes started and driven through the API's actions, then the figures asked for
 * and compared with what those actions make them. Own state: IT.
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const auditor: Actor = { userId: 'assessor', role: 'auditor' };
const italy: Actor = { userId: 'it-clerk', role: 'agency', agencyId: 'it-ministry-of-justice' };
const libya: Actor = { userId: 'ly-clerk', role: 'agency', agencyId: 'ly-attorney-general' };
const it_ = { agencyId: 'it-ministry-of-justice', state: 'IT' };
const ly = { agencyId: 'ly-attorney-general', state: 'LY' };

let stack: Stack;

beforeAll(async () => {
  const own = process.env['COMITY_OWN_STATE'];
  process.env['COMITY_OWN_STATE'] = 'IT';
  try {
    stack = await startStack('postgres', 3200);
  } finally {
    if (own === undefined) delete process.env['COMITY_OWN_STATE'];
    else process.env['COMITY_OWN_STATE'] = own;
  }
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

async function start(body: Record<string, unknown>): Promise<string> {
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', body);
  if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function act(id: string, actor: Actor, action: string, payload?: Record<string, unknown>): Promise<void> {
  const res = await stack.api.as(actor).post(`/api/v1/processes/${id}/actions`, { action, payload });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
}

const today = () => new Date().toISOString().slice(0, 10);

it('counts what the processes driven through the API did', async () => {
  // Sent (IT requests), executed.
  const executed = await start({
    type: 'mla',
    offence: 'migrant-smuggling',
    legalBasis: 'UNTOC',
    parties: { requesting: it_, requested: ly },
  });
  await act(executed, italy, 'submit-for-review');
  await act(executed, coordinator, 'record-translation', { language: 'ar' });
  await act(executed, coordinator, 'transmit');
  await act(executed, libya, 'acknowledge');
  await act(executed, libya, 'start-execution');
  await act(executed, libya, 'complete-execution');

  // Received (LY requests of IT), refused on a coded ground after consultation.
  const refused = await start({
    type: 'mla',
    offence: 'money-laundering',
    legalBasis: 'UNTOC',
    parties: { requesting: ly, requested: it_ },
  });
  await act(refused, coordinator, 'submit-for-review');
  await act(refused, coordinator, 'record-translation', { language: 'en' });
  await act(refused, coordinator, 'transmit');
  await act(refused, italy, 'acknowledge');
  const ordrePublic = 'execution would prejudice ordre public in a pending domestic case';
  await act(refused, italy, 'consult', { intended: 'refusal', reasons: ordrePublic });
  await act(refused, libya, 'answer-consultation', { answer: 'no narrower request is possible' });
  await act(refused, italy, 'refuse', { ground: 'essential-interests', reasons: ordrePublic });

  // Received extradition of a national: prosecuted in Italy instead (16(10)).
  const prosecuted = await start({
    type: 'extradition',
    offence: 'migrant-smuggling',
    legalBasis: 'ECE',
    parties: { requesting: ly, requested: it_ },
  });
  await act(prosecuted, italy, 'arrest-provisionally');
  await act(prosecuted, italy, 'receive-formal-request');
  await act(prosecuted, italy, 'open-hearing');
  await act(prosecuted, italy, 'refuse-national', { reasons: 'an Italian national, whom Italy does not extradite' });
  await act(prosecuted, italy, 'submit-for-prosecution', { reference: 'RM-2026-113' });
  await act(prosecuted, italy, 'report-prosecution-result', { result: 'convicted', summary: 'six years' });
  await act(prosecuted, libya, 'acknowledge-prosecution-result');

  // Sent, still a draft.
  await start({ type: 'mla', legalBasis: 'UNTOC', parties: { requesting: it_, requested: ly } });

  const path = `/api/v1/statistics?from=${today()}&to=${today()}`;
  const report = await waitFor('the four processes in the statistics', async () => {
    const res = await stack.api.as(auditor).get<StatisticsReport>(path);
    const { total } = res.body;
    return res.status === 200 && total.opened === 4 && total.pending.count === 1 ? res.body : undefined;
  });

  expect(report).toMatchObject({ period: { from: today(), to: today() }, ownState: 'IT', groupBy: 'type' });
  expect(report.total).toMatchObject({
    opened: 4,
    sent: 2,
    received: 2,
    outcomes: { executed: 1, 'partly-executed': 0, refused: 2, withdrawn: 0, closed: 0 },
    refusedByGround: { 'essential-interests': 1, nationality: 1 },
    pending: { count: 1 },
    daysToAcknowledge: { count: 3, median: 0, p90: 0 },
    daysToDecide: { count: 3, median: 0, p90: 0 },
    daysToExecute: { count: 1, median: 0, p90: 0 },
    withinDeadline: { completed: 3, withinDeadline: 3, share: 1 },
    counts: { 'nationals-prosecuted-instead': 1, 'provisional-arrests-released': 0 },
    assets: {},
  });
  expect(report.groups.map((g) => [g.key, g.figures.opened])).toEqual([
    ['extradition', 1],
    ['mla', 3],
  ]);

  const received = await stack.api
    .as(coordinator)
    .get<StatisticsReport>(`${path}&direction=received&counterpartState=LY&groupBy=offence`);
  expect(received.body.groups.map((g) => [g.key, g.figures.opened, g.figures.outcomes.refused])).toEqual([
    ['migrant-smuggling', 1, 1],
    ['money-laundering', 1, 1],
  ]);

  // None of these processes is in a case: a case filter leaves them all out.
  const byCase = await stack.api.as(coordinator).get<StatisticsReport>(`${path}&caseId=case-elsewhere`);
  expect(byCase.body.total.opened).toBe(0);

  const csv = await stack.api.as(coordinator).get<string>(path, { accept: 'text/csv' });
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  const [header, total] = csv.body.split('\r\n');
  const columns = header?.split(',') ?? [];
  const cells = total?.split(',') ?? [];
  expect(cells[columns.indexOf('type')]).toBe('total');
  expect(cells[columns.indexOf('opened')]).toBe('4');
  expect(cells[columns.indexOf('refused.nationality')]).toBe('1');
}, 120_000);

it('answers 400 naming the bad field, and 403 to an agency', async () => {
  const officer = stack.api.as(coordinator);
  const bad = async (query: string) =>
    (await officer.get<{ code: string; details: string[] }>(`/api/v1/statistics?${query}`)).body;
  expect(await bad('from=2026-13-01')).toMatchObject({
    code: 'VALIDATION_FAILED',
    details: [expect.stringMatching(/^query\.from: /)],
  });
  expect((await bad('groupBy=agency')).details).toEqual([expect.stringMatching(/^query\.groupBy: /)]);
  expect((await bad('from=2026-03-02&to=2026-03-01')).details).toEqual([
    'query.from: must not be after to (2026-03-01)',
  ]);
  expect((await officer.get('/api/v1/statistics?counterpartState=ly')).status).toBe(400);
  expect((await bad('caseId=a%2Fb')).details).toEqual([expect.stringMatching(/^query\.caseId: /)]);
  const agency = await stack.api.as(italy).get<{ code: string }>('/api/v1/statistics');
  expect({ status: agency.status, code: agency.body.code }).toEqual({ status: 403, code: 'ROLE_FORBIDDEN' });
});
