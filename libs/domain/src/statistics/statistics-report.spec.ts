import { DecimalSum } from './decimal';
import type { StatisticsFacts } from './statistics-facts';
import { median, percentile } from './statistics-figures';
import { periodBounds, perspective, statisticsReport } from './statistics-report';

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
