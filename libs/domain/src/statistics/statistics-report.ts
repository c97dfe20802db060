import { CohortFigures, contributionBasis, contributionOf, type Figures } from './statistics-figures';
import type { ReportFacts } from './statistics-facts';

export const Directions = ['sent', 'received'] as const;
export type Direction = (typeof Directions)[number];

export const StatisticsGroupings = ['type', 'direction', 'counterpartState', 'offence', 'legalBasis', 'month'] as const;
export type StatisticsGrouping = (typeof StatisticsGroupings)[number];

/** Calendar days, UTC, both inclusive (YYYY-MM-DD). */
export interface StatisticsPeriod {
  readonly from: string;
  readonly to: string;
}

export interface StatisticsFilter {
  readonly caseId?: string;
  readonly type?: string;
  readonly direction?: Direction;
  readonly counterpartState?: string;
  readonly offence?: string;
  readonly legalBasis?: string;
}

export interface StatisticsRequest {
  readonly period: StatisticsPeriod;
  readonly filter: StatisticsFilter;
  readonly groupBy: StatisticsGrouping;
  /** ISO alpha-2 code of the state this installation serves: decides sent / received. */
  readonly ownState: string;
  /** Every named count any process type declares, each once, so each appears (as 0 when none occurred). */
  readonly countNames: readonly string[];
  /** The current time (ms); figures of a period not yet over are taken as of now. */
  readonly now: number;
}

export interface StatisticsReport {
  readonly period: StatisticsPeriod;
  readonly ownState: string;
  readonly groupBy: StatisticsGrouping;
  readonly total: Figures;
  readonly groups: readonly { readonly key: string; readonly figures: Figures }[];
}

/** Key of processes without an offence (or a counterpart) when grouping by it. */
export const UNSPECIFIED_KEY = 'unspecified';

const DAY_MS = 86_400_000;

/** The instants a period spans: [start of `from`, start of the day after `to`), UTC. */
export function periodBounds(period: StatisticsPeriod): { readonly start: string; readonly end: string } {
  const end = new Date(Date.parse(`${period.to}T00:00:00.000Z`) + DAY_MS);
  return { start: `${period.from}T00:00:00.000Z`, end: end.toISOString() };
}

/** Sent when the requesting side is our state; the counterpart is the other side. */
export function perspective(
  facts: Pick<ReportFacts, 'requestingState' | 'requestedState'>,
  ownState: string,
): { readonly direction: Direction; readonly counterpartState: string | null } {
  return facts.requestingState === ownState
    ? { direction: 'sent', counterpartState: facts.requestedState }
    : { direction: 'received', counterpartState: facts.requestingState };
}

/**
 * The report for a period: the cohort is every process opened in it (and matching the filter);
 * what happened to each is taken as of the period's end (or now, for a period not yet over), so
 * the figures of a past period do not change as its processes move on. See docs/statistics.md.
 */
export function statisticsReport(rows: readonly ReportFacts[], request: StatisticsRequest): StatisticsReport {
  const { start, end } = periodBounds(request.period);
  const asOf = Math.min(Date.parse(end), request.now);
  const { countNames, ownState } = request;
  const basis = contributionBasis(asOf, ownState, countNames);
  const keyOf = groupKey(request.groupBy, ownState);
  const total = new CohortFigures(countNames);
  const byKey = new Map<string, CohortFigures>(
    request.groupBy === 'month' ? monthsOf(request.period).map((m) => [m, new CohortFigures(countNames)]) : [],
  );
  // One pass: each process's contribution is worked out once and added to the total and its group.
  for (const facts of rows) {
    if (!(facts.openedAt >= start && facts.openedAt < end && matches(facts, request.filter, ownState))) continue;
    const contribution = contributionOf(facts, basis);
    total.add(contribution);
    const key = keyOf(facts);
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = new CohortFigures(countNames)));
    group.add(contribution);
  }
  return {
    period: request.period,
    ownState,
    groupBy: request.groupBy,
    total: total.figures(),
    groups: [...byKey.keys()].sort().map((key) => ({ key, figures: (byKey.get(key) as CohortFigures).figures() })),
  };
}

function matches(facts: ReportFacts, filter: StatisticsFilter, ownState: string): boolean {
  const seen = perspective(facts, ownState);
  return (
    (filter.caseId === undefined || facts.caseId === filter.caseId) &&
    (filter.type === undefined || facts.type === filter.type) &&
    (filter.direction === undefined || seen.direction === filter.direction) &&
    (filter.counterpartState === undefined || seen.counterpartState === filter.counterpartState) &&
    (filter.offence === undefined || facts.offence === filter.offence) &&
    (filter.legalBasis === undefined || facts.legalBasis === filter.legalBasis)
  );
}

function groupKey(groupBy: StatisticsGrouping, ownState: string): (facts: ReportFacts) => string {
  switch (groupBy) {
    case 'type':
      return (f) => f.type;
    case 'direction':
      return (f) => perspective(f, ownState).direction;
    case 'counterpartState':
      return (f) => perspective(f, ownState).counterpartState ?? UNSPECIFIED_KEY;
    case 'offence':
      return (f) => f.offence ?? UNSPECIFIED_KEY;
    case 'legalBasis':
      return (f) => f.legalBasis;
    case 'month':
      return (f) => f.openedAt.slice(0, 7);
  }
}

/** Every month the period touches, "YYYY-MM", so a chart by month has no gaps. */
function monthsOf(period: StatisticsPeriod): string[] {
  const months: string[] = [];
  let [year, month] = period.from.split('-').map(Number) as [number, number];
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}
