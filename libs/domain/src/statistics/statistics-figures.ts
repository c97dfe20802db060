import { AssetFigures, Outcomes, type AssetFigure, type Outcome } from '../model/process-definition';
import { DecimalSum } from './decimal';
import { UNSPECIFIED_GROUND, type AssetMovement, type StatisticsFacts } from './statistics-facts';

export interface Timing {
  readonly count: number;
  readonly median: number | null;
  readonly p90: number | null;
}

export interface Figures {
  readonly opened: number;
  readonly sent: number;
  readonly received: number;
  readonly outcomes: Readonly<Record<Outcome, number>>;
  readonly refusedByGround: Readonly<Record<string, number>>;
  readonly pending: {
    readonly count: number;
    readonly medianAgeDays: number | null;
    readonly maxAgeDays: number | null;
  };
  readonly daysToAcknowledge: Timing;
  readonly daysToDecide: Timing;
  readonly daysToExecute: Timing;
  readonly withinDeadline: {
    readonly completed: number;
    readonly withinDeadline: number;
    readonly share: number | null;
  };
  readonly counts: Readonly<Record<string, number>>;
  readonly assets: Readonly<Record<string, Readonly<Record<AssetFigure, string>>>>;
}

const DAY_MS = 86_400_000;
const GRANTED: readonly Outcome[] = ['executed', 'partly-executed'];

/**
 * The figures of a cohort as of `asOf` (ms), in one pass (docs/statistics.md defines each).
 * Instants are compared as canonical ISO text (see foldStatistics).
 */
export function cohortFigures(
  cohort: readonly StatisticsFacts[],
  asOf: number,
  ownState: string,
  countNames: readonly string[],
): Figures {
  const asOfInstant = new Date(asOf).toISOString();
  const before = (instant: string | null): instant is string => instant !== null && instant < asOfInstant;
  const outcomes = Object.fromEntries(Outcomes.map((o) => [o, 0])) as Record<Outcome, number>;
  const counts = Object.fromEntries(countNames.map((name) => [name, 0])) as Record<string, number>;
  const refusedByGround: Record<string, number> = {};
  const ages: number[] = [];
  const toAcknowledge: number[] = [];
  const toDecide: number[] = [];
  const toExecute: number[] = [];
  const movements: AssetMovement[] = [];
  let sent = 0;
  let completed = 0;
  let within = 0;
  for (const f of cohort) {
    if (f.requestingState === ownState) sent += 1;
    const opened = instantMs(f.openedAt);
    // Timeliness is the requested side's: counted from receipt, not from the requesting side's drafting.
    const received = instantMs(f.receivedAt ?? f.openedAt);
    const days = (instant: string) => (instantMs(instant) - received) / DAY_MS;
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
      if (GRANTED.includes(outcome)) toExecute.push(days(f.finishedAt));
    } else {
      ages.push((asOf - opened) / DAY_MS);
    }
    if (before(f.acknowledgedAt)) toAcknowledge.push(days(f.acknowledgedAt));
    if (before(f.decidedAt)) toDecide.push(days(f.decidedAt));
    for (const name of countNames) if (before(f.counts[name] ?? null)) counts[name] = (counts[name] ?? 0) + 1;
    for (const movement of f.assets) if (before(movement.at)) movements.push(movement);
  }
  const timing = (values: number[]): Timing => {
    const sorted = values.sort((a, b) => a - b);
    return { count: sorted.length, median: round(median(sorted), 1), p90: round(percentile(sorted, 0.9), 1) };
  };
  const sortedAges = ages.sort((a, b) => a - b);
  return {
    opened: cohort.length,
    sent,
    received: cohort.length - sent,
    outcomes,
    refusedByGround: sortedRecord(refusedByGround),
    pending: {
      count: sortedAges.length,
      medianAgeDays: round(median(sortedAges), 1),
      maxAgeDays: round(sortedAges.at(-1) ?? null, 1),
    },
    daysToAcknowledge: timing(toAcknowledge),
    daysToDecide: timing(toDecide),
    daysToExecute: timing(toExecute),
    withinDeadline: { completed, withinDeadline: within, share: completed ? round(within / completed, 3) : null },
    counts,
    assets: assetTotals(movements),
  };
}

/**
 * Milliseconds of an ISO instant. The canonical form (`2026-03-01T10:00:00.000Z`) is read field
 * by field: Date.parse on a hundred thousand rows costs more than all the figures together.
 */
function instantMs(instant: string): number {
  if (instant.length !== 24 || instant[23] !== 'Z') return Date.parse(instant);
  const n = (from: number, to: number) => {
    let value = 0;
    for (let i = from; i < to; i++) value = value * 10 + instant.charCodeAt(i) - 48;
    return value;
  };
  return Date.UTC(n(0, 4), n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), n(17, 19), n(20, 23));
}

function assetTotals(movements: readonly AssetMovement[]): Record<string, Record<AssetFigure, string>> {
  const sums = new Map<string, Record<AssetFigure, DecimalSum>>();
  for (const movement of movements) {
    let currency = sums.get(movement.currency);
    if (!currency) {
      currency = Object.fromEntries(AssetFigures.map((figure) => [figure, new DecimalSum()])) as Record<
        AssetFigure,
        DecimalSum
      >;
      sums.set(movement.currency, currency);
    }
    currency[movement.figure].add(movement.amount);
  }
  return Object.fromEntries(
    [...sums.keys()]
      .sort()
      .map((code) => [
        code,
        Object.fromEntries(AssetFigures.map((figure) => [figure, String(sums.get(code)?.[figure])])) as Record<
          AssetFigure,
          string
        >,
      ]),
  );
}

/** The middle value; for an even count, the mean of the two middle values. Null for no values. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Nearest rank: the smallest value with at least `p` of all values at or below it. Null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
}

function round(value: number | null, places: number): number | null {
  if (value === null) return null;
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
