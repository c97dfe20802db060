import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Actor } from '@comity/domain';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * One case about one network — an informal police exchange that the requesting police promote to a
 * formal mutual legal assistance request (which the workflow then starts in the case), an
 * extradition and a confiscation with a freezing order — driven to completion by the agency
 * simulator over Kafka (the coordinator only starts the exchange, the extradition and the
 * confiscation, and asks for the freezing); the case view lists every process in its final stage,
 * the case timeline shows all their events in order, and the statistics count each.
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const agencies = {
  policeRequesting: 'gr-hellenic-police',
  policeRequested: 'tr-national-police',
  extraditionRequesting: 'gr-prosecutor',
  extraditionRequested: 'al-ministry-of-justice',
  confiscationRequesting: 'gr-asset-office',
  confiscationRequested: 'tr-financial-prosecutor',
};

let stack: Stack;
let caseId: string;

beforeAll(async () => {
  stack = await startStack('sqlite', 3251);
  caseId = await stack.openCase('aegean-network');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'comity-case-')), 'scenario.json');
  writeFileSync(
    file,
    JSON.stringify({
      agencies: Object.values(agencies).map((agencyId) => ({
        agencyId,
        delayMs: 0,
        // The Greek police promote the exchange once answered; the MLA it seeds has the same parties.
        behaviour: { partialReturns: 1, promoteToMla: agencyId === agencies.policeRequesting },
      })),
    }),
  );
  await stack.startExtra('agency-simulator', [file]);
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

async function start(type: string, legalBasis: string, requesting: string, requested: string): Promise<string> {
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
    type,
    legalBasis,
    caseId,
    parties: { requesting: { agencyId: requesting, state: 'GR' }, requested: { agencyId: requested, state: 'TR' } },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

it('drives an exchange promoted to MLA, an extradition and a confiscation of one case to completion', async () => {
  const exchange = await start(
    'law-enforcement-exchange',
    'UNTOC',
    agencies.policeRequesting,
    agencies.policeRequested,
  );
  const extradition = await start(
    'extradition',
    'UNTOC',
    agencies.extraditionRequesting,
    agencies.extraditionRequested,
  );
  const confiscation = await start(
    'asset-confiscation',
    'UNTOC',
    agencies.confiscationRequesting,
    agencies.confiscationRequested,
  );
  // The requested state reports the assets it traced; then the coordinator asks for an urgent freezing.
  // The simulator's consumer group may take a while to join the first time.
  await stack.observer.untilAction(confiscation, 'report-assets', 180_000);
  const freezing = await stack.api.as(coordinator).post(`/api/v1/processes/${confiscation}/actions`, {
    action: 'request-freezing',
    payload: { description: 'accounts of the network', synchronisedWithArrest: true },
  });
  expect(freezing.status).toBe(200);

  const promotion = await stack.observer.untilAction(exchange, 'promote-to-mla', 90_000);
  const mla = `${exchange}.promote-to-mla.${promotion.at(-1)?.data.sequence}`;
  const mlaStart = await stack.observer.untilAction(mla, 'start', 60_000);
  expect(mlaStart[0]?.data).toMatchObject({
    caseId,
    processType: 'mla',
    payload: { spawnedFrom: { processId: exchange } },
  });
  await stack.observer.untilAction(mla, 'complete-execution', 90_000);
  await stack.observer.untilAction(extradition, 'confirm-surrender', 90_000);
  const disposal = await stack.observer.untilAction(confiscation, 'close-disposal', 90_000);
  expect(disposal.at(-1)?.data.stage).toBe('disposed');

  const view = await waitFor('every process of the case final in the read model', async () => {
    const res = await stack.api
      .as(coordinator)
      .get<{ processes: { id: string; type: string; stage: string }[] }>(`/api/v1/cases/${caseId}`);
    const stages = Object.fromEntries(res.body.processes.map((p) => [p.id, p.stage]));
    const final =
      stages[exchange] === 'promoted-to-mla' &&
      stages[mla] === 'executed' &&
      stages[extradition] === 'surrendered' &&
      stages[confiscation] === 'disposed';
    return final ? res.body.processes : undefined;
  });
  expect(view.map((p) => p.type).sort()).toEqual([
    'asset-confiscation',
    'extradition',
    'law-enforcement-exchange',
    'mla',
  ]);

  // The case timeline holds every event of the four processes, in the order they occurred.
  const expected = (
    await Promise.all([exchange, mla, extradition, confiscation].map((id) => stack.observer.untilAction(id, 'start')))
  )
    .flat()
    .map((e) => e.data.processId);
  expect(new Set(expected)).toEqual(new Set([exchange, mla, extradition, confiscation]));
  const timeline = await waitFor('the whole case timeline', async () => {
    const res = await stack.api.as(coordinator).get<{
      items: { processId: string; processType: string; action: string; sequence: number; occurredAt: string }[];
    }>(`/api/v1/cases/${caseId}/timeline`);
    return res.body.items.some((i) => i.action === 'close-disposal') &&
      res.body.items.some((i) => i.action === 'confirm-surrender') &&
      res.body.items.some((i) => i.action === 'complete-execution')
      ? res.body.items
      : undefined;
  });
  for (const id of [exchange, mla, extradition, confiscation]) {
    const published = await stack.observer.untilAction(id, 'start');
    const own = timeline.filter((i) => i.processId === id);
    expect(own.map((i) => i.sequence)).toEqual(own.map((_, i) => i));
    expect(own.length).toBeGreaterThanOrEqual(published.length);
  }
  expect(timeline.map((i) => i.occurredAt)).toEqual([...timeline.map((i) => i.occurredAt)].sort());
  const index = (id: string, action: string) => timeline.findIndex((i) => i.processId === id && i.action === action);
  expect(index(confiscation, 'request-freezing')).toBeLessThan(index(confiscation, 'execute-freezing'));
  expect(index(confiscation, 'return-to-victims')).toBeLessThan(index(confiscation, 'share'));
  expect(index(extradition, 'arrest-provisionally')).toBeLessThan(index(extradition, 'confirm-surrender'));
  expect(index(exchange, 'promote-to-mla')).toBeLessThan(index(mla, 'start'));

  // The statistics count each process of the case once, by type, with its outcome and the amounts.
  type Figures = { opened: number; outcomes: Record<string, number>; assets: Record<string, Record<string, string>> };
  const statistics = await waitFor('the statistics of the finished case', async () => {
    const res = await stack.api
      .as({ userId: 'assessor', role: 'auditor' })
      .get<{ groups: { key: string; figures: Figures }[] }>('/api/v1/statistics?groupBy=type');
    const byType = Object.fromEntries(res.body.groups.map((g) => [g.key, g.figures]));
    return byType['mla']?.outcomes['executed'] === 1 && byType['asset-confiscation']?.outcomes['executed'] === 1
      ? byType
      : undefined;
  });
  for (const type of ['law-enforcement-exchange', 'mla', 'extradition', 'asset-confiscation']) {
    expect(statistics[type]?.opened).toBe(1);
  }
  expect(statistics['extradition']?.outcomes['executed']).toBe(1);
  const frozen = Object.values(statistics['asset-confiscation']?.assets ?? {}).map((a) => Number(a['frozen']));
  expect(frozen.some((amount) => amount > 0)).toBe(true);
}, 480_000);
