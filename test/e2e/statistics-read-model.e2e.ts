import type { DataSource } from 'typeorm';
import { loadConfig } from '@comity/config';
import {
  statisticsFactsOf,
  statisticsReport,
  type Figures,
  type StatisticsFacts,
  type StatisticsRequest,
} from '@comity/domain';
import type { ProcessEvent } from '@comity/events';
import { openReadModel, ProcessProjection, StatisticsQueries, TimelineEntryRecord } from '@comity/persistence';
import { createTestDatabase, type DatabaseKind } from '../support/environment';
import { fixtureDefinitionOf, fixtureEvents, NOW, OWN_STATE, PERIOD } from '../support/statistics-fixture';
import { keysOf } from '../support/sealing';

/**
 * The FATF statistics against figures worked out by hand from the fixed event set in
 * test/support/statistics-fixture.ts (period 2026-01-01..2026-06-30, own state GR, taken as of
 * 2026-07-01T00:00Z): first straight from the events, then through the projector into a real
 * SQLite and a real PostgreSQL read model and back out through the query path.
 *
 * The cohort is the 14 processes opened in the period (p14 opened in December 2025 and is not in
 * it). Sent (requesting side GR): p01 p04 p05 p07 p10 p13; received: the other 8. As of the end:
 * executed p01 p03 p07 p12; refused p02 p06 (essential-interests), p09 (nationality, a national
 * prosecuted instead), p10 (political-offence); withdrawn p04 p08; pending p05 p11 p13 p15.
 */
const countNames = ['nationals-prosecuted-instead', 'provisional-arrests-released'];
const request = (overrides: Partial<StatisticsRequest> = {}): StatisticsRequest => ({
  period: PERIOD,
  filter: {},
  groupBy: 'type',
  ownState: OWN_STATE,
  countNames,
  now: NOW,
  ...overrides,
});

const noCounts = { 'nationals-prosecuted-instead': 0, 'provisional-arrests-released': 0 };
const zeroOutcomes = { executed: 0, 'partly-executed': 0, refused: 0, withdrawn: 0, closed: 0 };
// p12 froze 1250.50 EUR, confiscated 1000.25 EUR and 99.99 USD, returned 600.00, shared 200.125;
// p13 froze 500 EUR (its share of 100.00 comes after the period's end).
const fixtureAssets = {
  EUR: {
    frozen: '1750.50',
    released: '0.00',
    confiscated: '1000.25',
    'management-costs': '0.00',
    'returned-to-victims': '600.00',
    shared: '200.125',
  },
  USD: {
    frozen: '0.00',
    released: '0.00',
    confiscated: '99.99',
    'management-costs': '0.00',
    'returned-to-victims': '0.00',
    shared: '0.00',
  },
};

const expectedTotal: Figures = {
  opened: 14,
  sent: 6,
  received: 8,
  outcomes: { executed: 4, 'partly-executed': 0, refused: 4, withdrawn: 2, closed: 0 },
  refusedByGround: { 'essential-interests': 2, nationality: 1, 'political-offence': 1 },
  // Ages at 2026-07-01: p15 10.5, p13 21, p11 30, p05 122 -> median (21 + 30) / 2.
  pending: { count: 4, medianAgeDays: 25.5, maxAgeDays: 122 },
  // Timeliness counts from receipt: an MLA from its transmission (p01 day 2, p03 day 1, p05 day 2;
  // p02 p06 p15 day 0), not from the requesting side's draft.
  // 1 1 2 2 3 [3] 4.5 7 10 (15) 20: p13 p06 p02 p12 p03 p01 p15 p05 p09 p10 p07; p90 is the 10th of 11.
  daysToAcknowledge: { count: 11, median: 3, p90: 15 },
  // 1 2 4 5 [6] 12 30 40 (45): p13 p12 p06 p03 p01 p02 p09 p10 p07; p90 is the 9th of 9.
  daysToDecide: { count: 9, median: 6, p90: 45 },
  // 28 49 50 60: p01 p03 p12 p07 -> (49 + 50) / 2.
  daysToExecute: { count: 4, median: 49.5, p90: 60 },
  // Completed = executed or refused (8); p03 missed its execution deadline.
  withinDeadline: { completed: 8, withinDeadline: 7, share: 0.875 },
  counts: { 'nationals-prosecuted-instead': 1, 'provisional-arrests-released': 1 },
  assets: fixtureAssets,
};

const expectedByType: Record<string, Figures> = {
  extradition: {
    opened: 5,
    sent: 2,
    received: 3,
    outcomes: { ...zeroOutcomes, executed: 1, refused: 2, withdrawn: 1 },
    refusedByGround: { nationality: 1, 'political-offence': 1 },
    pending: { count: 1, medianAgeDays: 30, maxAgeDays: 30 },
    daysToAcknowledge: { count: 3, median: 15, p90: 20 },
    daysToDecide: { count: 3, median: 40, p90: 45 },
    daysToExecute: { count: 1, median: 60, p90: 60 },
    withinDeadline: { completed: 3, withinDeadline: 3, share: 1 },
    counts: { 'nationals-prosecuted-instead': 1, 'provisional-arrests-released': 1 },
    assets: {},
  },
  mla: {
    opened: 7,
    sent: 3,
    received: 4,
    outcomes: { ...zeroOutcomes, executed: 2, refused: 2, withdrawn: 1 },
    refusedByGround: { 'essential-interests': 2 },
    // p15 10.5 and p05 122 -> 66.25, shown as 66.3.
    pending: { count: 2, medianAgeDays: 66.3, maxAgeDays: 122 },
    // From receipt: 1 2 3 3 4.5 7 (p06 p02 p03 p01 p15 p05) -> (3 + 3) / 2; p90 the 6th.
    daysToAcknowledge: { count: 6, median: 3, p90: 7 },
    // 4 5 6 12 (p06 p03 p01 p02).
    daysToDecide: { count: 4, median: 5.5, p90: 12 },
    // 28 49 (p01 p03).
    daysToExecute: { count: 2, median: 38.5, p90: 49 },
    withinDeadline: { completed: 4, withinDeadline: 3, share: 0.75 },
    counts: noCounts,
    assets: {},
  },
  'test-confiscation': {
    opened: 2,
    sent: 1,
    received: 1,
    outcomes: { ...zeroOutcomes, executed: 1 },
    refusedByGround: {},
    pending: { count: 1, medianAgeDays: 21, maxAgeDays: 21 },
    daysToAcknowledge: { count: 2, median: 1.5, p90: 2 },
    daysToDecide: { count: 2, median: 1.5, p90: 2 },
    daysToExecute: { count: 1, median: 50, p90: 50 },
    withinDeadline: { completed: 1, withinDeadline: 1, share: 1 },
    counts: noCounts,
    assets: fixtureAssets,
  },
};

function factsFromEvents(events: readonly ProcessEvent[]): StatisticsFacts[] {
  const byProcess = new Map<string, ProcessEvent[]>();
  for (const event of events) byProcess.set(event.subject, [...(byProcess.get(event.subject) ?? []), event]);
  return [...byProcess.values()].flatMap((list) => {
    const [first] = list;
    const facts =
      first &&
      statisticsFactsOf(
        fixtureDefinitionOf(first.data.processType),
        list.map((e) => e.data),
      );
    return facts ? [facts] : [];
  });
}

const expectedReport = {
  period: PERIOD,
  ownState: OWN_STATE,
  groupBy: 'type',
  total: expectedTotal,
  groups: Object.entries(expectedByType).map(([key, figures]) => ({ key, figures })),
};

describe('statistics computed from the events', () => {
  const facts = factsFromEvents(fixtureEvents);

  it('match the hand-computed figures, in total and per process type', () => {
    expect(statisticsReport(facts, request())).toEqual(expectedReport);
  });

  it('break the sent requests down by counterpart state', () => {
    const report = statisticsReport(facts, request({ filter: { direction: 'sent' }, groupBy: 'counterpartState' }));
    // AL: p04 withdrawn, p07 surrendered; IT: p10 barred; TR: p01 executed, p05 and p13 pending.
    expect(report.groups.map((g) => [g.key, g.figures.opened, g.figures.outcomes, g.figures.pending.count])).toEqual([
      ['AL', 2, { ...zeroOutcomes, executed: 1, withdrawn: 1 }, 0],
      ['IT', 1, { ...zeroOutcomes, refused: 1 }, 0],
      ['TR', 3, { ...zeroOutcomes, executed: 1 }, 2],
    ]);
    expect(report.total.received).toBe(0);
  });

  it('group by month over every month of the period, and by offence', () => {
    const byMonth = statisticsReport(facts, request({ groupBy: 'month' }));
    expect(byMonth.groups.map((g) => [g.key, g.figures.opened])).toEqual([
      ['2026-01', 3],
      ['2026-02', 3],
      ['2026-03', 2],
      ['2026-04', 2],
      ['2026-05', 1],
      ['2026-06', 3],
    ]);
    const byOffence = statisticsReport(facts, request({ groupBy: 'offence' }));
    expect(byOffence.groups.map((g) => [g.key, g.figures.opened])).toEqual([
      ['document-fraud', 1],
      ['migrant-smuggling', 6],
      ['money-laundering', 3],
      ['participation-in-organized-criminal-group', 1],
      ['trafficking-in-persons', 1],
      ['unspecified', 2],
    ]);
  });
});

describe.each<DatabaseKind>(['sqlite', 'postgres'])('statistics through the %s read model', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openReadModel(loadConfig({ ...process.env, ...database.env }).database, keysOf(database.env));
    const projection = new ProcessProjection(dataSource, fixtureDefinitionOf);
    for (const event of fixtureEvents) await projection.apply(event);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.dispose();
  });

  it('answers the hand-computed figures from the projected rows', async () => {
    expect(await new StatisticsQueries(dataSource).report(request())).toEqual(expectedReport);
  });

  it('filters in SQL as the events say: case, direction, counterpart, offence, legal basis, type', async () => {
    const queries = new StatisticsQueries(dataSource);
    const facts = factsFromEvents(fixtureEvents);
    const cases: Partial<StatisticsRequest>[] = [
      { filter: { direction: 'sent' }, groupBy: 'counterpartState' },
      { filter: { direction: 'received', counterpartState: 'TR' }, groupBy: 'type' },
      { filter: { offence: 'migrant-smuggling', legalBasis: 'ECE' }, groupBy: 'direction' },
      { filter: { type: 'mla' }, groupBy: 'month' },
      { filter: { caseId: 'case-aegean-route' }, groupBy: 'type' },
    ];
    for (const overrides of cases) {
      expect(await queries.report(request(overrides))).toEqual(statisticsReport(facts, request(overrides)));
    }
    const receivedFromTurkey = await queries.report(request(cases[1]));
    // p02 (refused), p15 (pending), p08 (released, withdrawn), p12 (confiscation).
    expect(receivedFromTurkey.total.opened).toBe(4);
    // p01 (an MLA) and p07 (an extradition) are the case's.
    const aegean = await queries.report(request(cases[4]));
    expect(aegean.total).toMatchObject({ opened: 2, outcomes: { executed: 2 } });
  });

  it('is unchanged when every event is delivered again', async () => {
    const projection = new ProcessProjection(dataSource, fixtureDefinitionOf);
    const outcomes = [];
    for (const event of fixtureEvents) outcomes.push(await projection.apply(event));
    expect(new Set(outcomes)).toEqual(new Set(['duplicate']));
    expect(await new StatisticsQueries(dataSource).report(request())).toEqual(expectedReport);
  });

  it('migrates down and up again (reversible migrations)', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      // The sealed timeline: down opens its rows in place, up seals them again.
      const sealedRows = async () => {
        const rows = (await runner.query('SELECT payload, actor_user FROM timeline')) as Record<string, string>[];
        return rows.filter((r) => Object.values(r).every((v) => v.startsWith('{"enc":"comity-aes256gcm-v1"'))).length;
      };
      const timelineRows = await dataSource.getRepository(TimelineEntryRecord).find({ order: { eventId: 'ASC' } });
      expect(await sealedRows()).toBe(timelineRows.length);
      // The gateway's inbox, its heads, and its outbox.
      const gatewayTables = ['federation_inbox', 'federation_inbox_heads', 'federation_outbox'];
      expect(await Promise.all(gatewayTables.map((t) => runner.hasTable(t)))).toEqual([true, true, true]);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await Promise.all(gatewayTables.map((t) => runner.hasTable(t)))).toEqual([false, false, false]);
      // The timeline's record of steps taken outside Comity.
      expect(await runner.hasColumn('timeline', 'off_channel')).toBe(true);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasColumn('timeline', 'off_channel')).toBe(false);
      // The directory's versions, then the documents and their chain of custody.
      for (const tables of [['directory_versions'], ['documents', 'document_custody']]) {
        expect(await Promise.all(tables.map((t) => runner.hasTable(t)))).toEqual(tables.map(() => true));
        await dataSource.undoLastMigration({ transaction: 'each' });
        expect(await Promise.all(tables.map((t) => runner.hasTable(t)))).toEqual(tables.map(() => false));
      }
      // The party rows' state index (a state's board).
      const stateIndex = async () =>
        (await runner.getTable('process_parties'))?.indices.some((i) => i.name === 'idx_process_parties_state');
      expect(await stateIndex()).toBe(true);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await stateIndex()).toBe(false);
      // The dead letters (the incidents view).
      expect(await runner.hasTable('dead_letters')).toBe(true);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('dead_letters')).toBe(false);
      // Statistics by case and from receipt.
      expect(await runner.hasColumn('process_statistics', 'received_at')).toBe(true);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasColumn('process_statistics', 'received_at')).toBe(false);
      expect(await runner.hasColumn('process_statistics', 'case_id')).toBe(false);
      // The agency registry, and the timeline's evidence column.
      expect(await runner.hasTable('agencies')).toBe(true);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('agencies')).toBe(false);
      expect(await runner.hasColumn('timeline', 'evidence')).toBe(false);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await sealedRows()).toBe(0);
      expect(await runner.query("SELECT actor_user FROM timeline WHERE actor_user = 'fixture'")).toHaveLength(
        timelineRows.length,
      );
      // Pipeline by handling code, tasks and cases, pipeline index, statistics table, offence column.
      expect(await runner.hasColumn('pipeline_counts', 'handling_code')).toBe(true);
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasColumn('pipeline_counts', 'handling_code')).toBe(false);
      for (let i = 0; i < 4; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('process_statistics')).toBe(false);
      expect(await runner.hasColumn('processes', 'offence')).toBe(false);
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await runner.hasTable('process_statistics')).toBe(true);
      expect(await runner.hasColumn('processes', 'offence')).toBe(true);
      expect(await runner.hasColumn('pipeline_counts', 'handling_code')).toBe(true);
      expect(await sealedRows()).toBe(timelineRows.length);
      expect(await runner.hasTable('agency_keys')).toBe(true);
      expect(await runner.hasTable('dead_letters')).toBe(true);
      expect(await stateIndex()).toBe(true);
      expect(await runner.hasTable('documents')).toBe(true);
      expect(await runner.hasTable('directory_versions')).toBe(true);
      expect(await runner.hasColumn('timeline', 'off_channel')).toBe(true);
      expect(await runner.hasTable('federation_inbox')).toBe(true);
      expect(await dataSource.getRepository(TimelineEntryRecord).find({ order: { eventId: 'ASC' } })).toEqual(
        timelineRows,
      );
    } finally {
      await runner.release();
    }
  });
});
