import fc from 'fast-check';
import { AssetFigures, Outcomes, type Outcome } from '../model/process-definition';
import { DecimalSum } from './decimal';
import { UNSPECIFIED_GROUND, type AssetMovement, type StatisticsFacts } from './statistics-facts';
import { median, percentile, type Figures } from './statistics-figures';
import {
  periodBounds,
  perspective,
  statisticsReport,
  StatisticsGroupings,
  type StatisticsRequest,
} from './statistics-report';

const facts = (overrides: Partial<StatisticsFacts>): StatisticsFacts => ({
  processId: 'p',
  type: 'mla',
  caseId: null,
  legalBasis: 'UNTOC',
  offence: null,
  requestingState: 'GR',
  requestedState: 'TR',
  openedAt: '2026-03-01T00:00:00.000Z',
  receivedAt: null,
  acknowledgedAt: null,
  decidedAt: null,
  finishedAt: null,
  outcome: null,
  refusalGround: null,
  withinDeadline: null,
  counts: {},
  assets: [],
  lastSequence: 0,
  lastGround: null,
  ...overrides,
});

describe('median and percentile', () => {
  it('take the middle (mean of the two middle values) and the nearest rank', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([], 0.9)).toBeNull();
    expect(percentile([5], 0.9)).toBe(5);
    // ceil(0.9 * 10) = 9th of 10; ceil(0.9 * 11) = 10th of 11.
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });
});

describe('DecimalSum', () => {
  it('adds decimal strings exactly, keeping the finest scale given', () => {
    const sum = new DecimalSum();
    expect(sum.toString()).toBe('0.00');
    for (const amount of ['0.1', '0.2', '1000000000000.05', '7']) sum.add(amount);
    expect(sum.toString()).toBe('1000000000007.35');
    sum.add('0.001');
    expect(sum.toString()).toBe('1000000000007.351');
  });
});

describe('statisticsReport', () => {
  const request = {
    period: { from: '2026-03-01', to: '2026-03-31' },
    filter: {},
    groupBy: 'direction' as const,
    ownState: 'GR',
    countNames: ['releases'],
    now: Date.parse('2026-12-01T00:00:00.000Z'),
  };

  it("counts the days to acknowledge and decide from receipt, not from the requesting side's draft", () => {
    const drafted = facts({
      requestingState: 'TR',
      requestedState: 'GR',
      openedAt: '2026-03-01T00:00:00.000Z',
      receivedAt: '2026-03-11T00:00:00.000Z',
      acknowledgedAt: '2026-03-12T00:00:00.000Z',
      decidedAt: '2026-03-15T00:00:00.000Z',
    });
    const legacy = facts({
      processId: 'q',
      openedAt: '2026-03-01T00:00:00.000Z',
      acknowledgedAt: '2026-03-03T00:00:00.000Z',
    });
    const report = statisticsReport([drafted], { ...request, groupBy: 'type' });
    expect(report.total.daysToAcknowledge).toMatchObject({ count: 1, median: 1 });
    expect(report.total.daysToDecide).toMatchObject({ count: 1, median: 4 });
    // A row folded before receipt was recorded counts from its opening.
    expect(statisticsReport([legacy], request).total.daysToAcknowledge).toMatchObject({ median: 2 });
  });

  it('filters by case', () => {
    const inCase = facts({ processId: 'a', caseId: 'case-1' });
    const other = facts({ processId: 'b', caseId: 'case-2' });
    const outside = facts({ processId: 'c' });
    const report = statisticsReport([inCase, other, outside], { ...request, filter: { caseId: 'case-1' } });
    expect(report.total.opened).toBe(1);
  });

  it('spans whole UTC days, both ends included', () => {
    expect(periodBounds(request.period)).toEqual({
      start: '2026-03-01T00:00:00.000Z',
      end: '2026-04-01T00:00:00.000Z',
    });
  });

  it('sees a process from the side of the own state', () => {
    expect(perspective({ requestingState: 'GR', requestedState: 'TR' }, 'GR')).toEqual({
      direction: 'sent',
      counterpartState: 'TR',
    });
    expect(perspective({ requestingState: 'TR', requestedState: 'GR' }, 'GR')).toEqual({
      direction: 'received',
      counterpartState: 'TR',
    });
  });

  it('takes the cohort opened in the period and what happened to it by the period end', () => {
    const report = statisticsReport(
      [
        facts({ processId: 'before', openedAt: '2026-02-28T23:59:59.999Z' }),
        facts({ processId: 'after', openedAt: '2026-04-01T00:00:00.000Z' }),
        facts({
          processId: 'finished-later',
          openedAt: '2026-03-31T12:00:00.000Z',
          requestingState: 'TR',
          requestedState: 'GR',
          acknowledgedAt: '2026-04-02T00:00:00.000Z',
          finishedAt: '2026-04-03T00:00:00.000Z',
          outcome: 'executed',
          withinDeadline: true,
          counts: { releases: '2026-04-01T00:00:00.000Z' },
        }),
        facts({
          processId: 'executed',
          finishedAt: '2026-03-11T00:00:00.000Z',
          outcome: 'executed',
          withinDeadline: true,
          counts: { releases: '2026-03-02T00:00:00.000Z' },
        }),
      ],
      request,
    );
    expect(report.total).toMatchObject({
      opened: 2,
      sent: 1,
      received: 1,
      outcomes: { executed: 1 },
      pending: { count: 1, medianAgeDays: 0.5, maxAgeDays: 0.5 },
      daysToAcknowledge: { count: 0, median: null, p90: null },
      daysToExecute: { count: 1, median: 10, p90: 10 },
      withinDeadline: { completed: 1, withinDeadline: 1, share: 1 },
      counts: { releases: 1 },
      assets: {},
    });
    expect(report.groups.map((g) => [g.key, g.figures.opened])).toEqual([
      ['received', 1],
      ['sent', 1],
    ]);
  });

  it('takes a period not yet over as of now, and lists every month of it when grouping by month', () => {
    const report = statisticsReport([facts({ openedAt: '2026-03-01T00:00:00.000Z' })], {
      ...request,
      period: { from: '2026-02-15', to: '2026-12-31' },
      groupBy: 'month',
      now: Date.parse('2026-03-11T00:00:00.000Z'),
    });
    expect(report.total.pending).toEqual({ count: 1, medianAgeDays: 10, maxAgeDays: 10 });
    expect(report.groups.map((g) => g.key)).toEqual([
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });
});

/**
 * The figures as docs/statistics.md defines them, written the plain way (each cohort on its own,
 * every instant parsed where it is used): the one-pass report must give exactly these.
 */
function definedFigures(cohort: readonly StatisticsFacts[], asOf: number, request: StatisticsRequest): Figures {
  const asOfInstant = new Date(asOf).toISOString();
  const before = (instant: string | null): instant is string => instant !== null && instant < asOfInstant;
  const round = (value: number | null, places: number) =>
    value === null ? null : Math.round(value * 10 ** places) / 10 ** places;
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const middle = (values: number[]) => {
    const s = sorted(values);
    const m = Math.floor(s.length / 2);
    return !s.length ? null : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const nearestRank = (values: number[], p: number) => sorted(values)[Math.ceil(p * values.length) - 1] ?? null;
  const timing = (values: number[]) => ({
    count: values.length,
    median: round(middle(values), 1),
    p90: round(nearestRank(values, 0.9), 1),
  });
  const outcomes = Object.fromEntries(Outcomes.map((o) => [o, 0])) as Record<Outcome, number>;
  const counts = Object.fromEntries(request.countNames.map((name) => [name, 0]));
  const refusedByGround: Record<string, number> = {};
  const [ages, toAcknowledge, toDecide, toExecute] = [[], [], [], []] as number[][] as [
    number[],
    number[],
    number[],
    number[],
  ];
  const sums = new Map<string, Record<string, DecimalSum>>();
  let completed = 0;
  let within = 0;
  for (const f of cohort) {
    const days = (instant: string) => (Date.parse(instant) - Date.parse(f.receivedAt ?? f.openedAt)) / 86_400_000;
    if (before(f.finishedAt)) {
      const outcome = f.outcome ?? 'closed';
      outcomes[outcome] += 1;
      if (outcome === 'refused') {
        const ground = f.refusalGround ?? UNSPECIFIED_GROUND;
        refusedByGround[ground] = (refusedByGround[ground] ?? 0) + 1;
      }
      if (outcome !== 'withdrawn') {
        completed += 1;
        if (f.withinDeadline === true) within += 1;
      }
      if (outcome === 'executed' || outcome === 'partly-executed') toExecute.push(days(f.finishedAt));
    } else ages.push((asOf - Date.parse(f.openedAt)) / 86_400_000);
    if (before(f.acknowledgedAt)) toAcknowledge.push(days(f.acknowledgedAt));
    if (before(f.decidedAt)) toDecide.push(days(f.decidedAt));
    for (const name of request.countNames) if (before(f.counts[name] ?? null)) counts[name] = (counts[name] ?? 0) + 1;
    for (const m of f.assets.filter((movement) => before(movement.at))) {
      const currency = sums.get(m.currency) ?? Object.fromEntries(AssetFigures.map((a) => [a, new DecimalSum()]));
      sums.set(m.currency, currency);
      currency[m.figure]?.add(m.amount);
    }
  }
  const sent = cohort.filter((f) => f.requestingState === request.ownState).length;
  return {
    opened: cohort.length,
    sent,
    received: cohort.length - sent,
    outcomes,
    refusedByGround: Object.fromEntries(Object.entries(refusedByGround).sort(([a], [b]) => a.localeCompare(b))),
    pending: {
      count: ages.length,
      medianAgeDays: round(middle(ages), 1),
      maxAgeDays: round(sorted(ages).at(-1) ?? null, 1),
    },
    daysToAcknowledge: timing(toAcknowledge),
    daysToDecide: timing(toDecide),
    daysToExecute: timing(toExecute),
    withinDeadline: { completed, withinDeadline: within, share: completed ? round(within / completed, 3) : null },
    counts,
    assets: Object.fromEntries(
      [...sums.keys()]
        .sort()
        .map((code) => [code, Object.fromEntries(AssetFigures.map((a) => [a, String(sums.get(code)?.[a])]))]),
    ) as Figures['assets'],
  };
}

describe('statisticsReport in one pass', () => {
  const instant = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00.000Z'), max: Date.parse('2027-06-30T23:59:59.999Z') })
    .chain((ms) =>
      fc.constantFrom(new Date(ms).toISOString(), new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z')),
    );
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
  const state = fc.constantFrom('GR', 'TR', 'IT', null);
  const movement: fc.Arbitrary<AssetMovement> = fc.record({
    at: instant,
    figure: fc.constantFrom(...AssetFigures),
    currency: fc.constantFrom('EUR', 'USD'),
    amount: fc.integer({ min: 0, max: 1_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  });
  const row: fc.Arbitrary<StatisticsFacts> = fc.record({
    processId: fc.uuid(),
    type: fc.constantFrom('mla', 'extradition', 'jit'),
    caseId: maybe(fc.constantFrom('case-1', 'case-2')),
    legalBasis: fc.constantFrom('UNTOC', 'bilateral'),
    offence: maybe(fc.constantFrom('migrant-smuggling', 'money-laundering')),
    requestingState: state,
    requestedState: state,
    openedAt: instant,
    receivedAt: maybe(instant),
    acknowledgedAt: maybe(instant),
    decidedAt: maybe(instant),
    finishedAt: maybe(instant),
    outcome: maybe(fc.constantFrom(...Outcomes)),
    refusalGround: maybe(fc.constantFrom('dual-criminality', 'sovereignty')),
    withinDeadline: maybe(fc.boolean()),
    counts: fc.dictionary(fc.constantFrom('releases', 'arrests', 'undeclared'), instant),
    assets: fc.array(movement, { maxLength: 3 }),
    lastSequence: fc.nat(),
    lastGround: fc.constant(null),
  });
  const request: fc.Arbitrary<StatisticsRequest> = fc.record({
    period: fc.constantFrom(
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2026-03-15', to: '2026-05-31' },
      { from: '2027-01-01', to: '2027-12-31' },
    ),
    filter: fc.record(
      { type: fc.constantFrom('mla', 'jit'), direction: fc.constantFrom('sent' as const, 'received' as const) },
      { requiredKeys: [] },
    ),
    groupBy: fc.constantFrom(...StatisticsGroupings),
    ownState: fc.constant('GR'),
    countNames: fc.subarray(['releases', 'arrests', 'undeclared']),
    now: fc.integer({ min: Date.parse('2026-02-01T00:00:00.000Z'), max: Date.parse('2028-01-01T00:00:00.000Z') }),
  });

  it('gives every figure of the total and of each group exactly as the definition does', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), request, (rows, r) => {
        const report = statisticsReport(rows, r);
        const { start, end } = periodBounds(r.period);
        const asOf = Math.min(Date.parse(end), r.now);
        const cohort = rows.filter(
          (f) =>
            f.openedAt >= start &&
            f.openedAt < end &&
            (r.filter.type === undefined || f.type === r.filter.type) &&
            (r.filter.direction === undefined || perspective(f, r.ownState).direction === r.filter.direction),
        );
        // Compared as JSON too: the order of the keys is the answer's (and the CSV's columns').
        const same = (figures: unknown, members: readonly StatisticsFacts[]) => {
          const defined = definedFigures(members, asOf, r);
          expect(figures).toEqual(defined);
          expect(JSON.stringify(figures)).toBe(JSON.stringify(defined));
        };
        same(report.total, cohort);
        const keys = new Set(cohort.map((f) => keyIn(r.groupBy, f, r.ownState)));
        const listed = report.groups.map((g) => g.key);
        expect(listed).toEqual([...listed].sort());
        if (r.groupBy === 'month') expect(listed).toEqual(expect.arrayContaining([...keys]));
        else expect(listed).toEqual([...keys].sort());
        for (const group of report.groups) {
          same(
            group.figures,
            cohort.filter((f) => keyIn(r.groupBy, f, r.ownState) === group.key),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

function keyIn(groupBy: StatisticsRequest['groupBy'], f: StatisticsFacts, ownState: string): string {
  const seen = perspective(f, ownState);
  const keys = {
    type: f.type,
    direction: seen.direction,
    counterpartState: seen.counterpartState ?? 'unspecified',
    offence: f.offence ?? 'unspecified',
    legalBasis: f.legalBasis,
    month: f.openedAt.slice(0, 7),
  };
  return keys[groupBy];
}
