import { AssetFigures, Outcomes, type AssetFigure, type Outcome } from '../model/process-definition';
import { DecimalSum } from './decimal';
import { UNSPECIFIED_GROUND, type AssetMovement, type ReportFacts } from './statistics-facts';

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
const GRANTED: ReadonlySet<Outcome> = new Set<Outcome>(['executed', 'partly-executed']);

/**
 * What one process adds to the figures of every cohort it belongs to, as of `asOf`: worked out
 * once per process, so a report's total and its group each take it without reading the process
 * again.
 */
export interface Contribution {
  readonly sent: boolean;
  /** The outcome when the process had finished by `asOf`, otherwise null. */
  readonly outcome: Outcome | null;
  readonly refusalGround: string | null;
  readonly withinDeadline: boolean;
  /** Days since opening, for a process still pending at `asOf`. */
  readonly ageDays: number | null;
  readonly daysToAcknowledge: number | null;
  readonly daysToDecide: number | null;
  readonly daysToExecute: number | null;
  /** The named counts (of those reported) reached by `asOf`. */
  readonly counts: readonly string[];
  readonly movements: readonly AssetMovement[];
}

/** What every contribution to one report is taken against, worked out once per report. */
export interface ContributionBasis {
  /** The instant the figures are taken as of, in ms and as canonical ISO text. */
  readonly asOf: number;
  readonly asOfInstant: string;
  readonly ownState: string;
  /** The named counts reported. */
  readonly countNames: ReadonlySet<string>;
}

export function contributionBasis(asOf: number, ownState: string, countNames: readonly string[]): ContributionBasis {
  return { asOf, asOfInstant: new Date(asOf).toISOString(), ownState, countNames: new Set(countNames) };
}

/**
 * A process's contribution as of the basis's instant. Instants are compared as canonical ISO text
 * (see foldStatistics) and turned into numbers only when a figure needs them.
 */
export function contributionOf(
  f: ReportFacts,
  { asOf, asOfInstant, ownState, countNames }: ContributionBasis,
): Contribution {
  const before = (instant: string | null): instant is string => instant !== null && instant < asOfInstant;
  // Timeliness is the requested side's: counted from receipt, not from the requesting side's drafting.
  let received: number | undefined;
  const days = (instant: string) =>
    (instantMs(instant) - (received ??= instantMs(f.receivedAt ?? f.openedAt))) / DAY_MS;
  const finished = before(f.finishedAt);
  const outcome = finished ? (f.outcome ?? 'closed') : null;
  const counts: string[] = [];
  for (const name in f.counts) if (countNames.has(name) && before(f.counts[name] ?? null)) counts.push(name);
  const movements = f.assets.length ? f.assets.filter((movement) => before(movement.at)) : f.assets;
  return {
    sent: f.requestingState === ownState,
    outcome,
    refusalGround: outcome === 'refused' ? (f.refusalGround ?? UNSPECIFIED_GROUND) : null,
    withinDeadline: f.withinDeadline === true,
    ageDays: finished ? null : (asOf - instantMs(f.openedAt)) / DAY_MS,
    daysToAcknowledge: before(f.acknowledgedAt) ? days(f.acknowledgedAt) : null,
    daysToDecide: before(f.decidedAt) ? days(f.decidedAt) : null,
    // A granted outcome means it finished by `asOf`: finishedAt is set.
    daysToExecute: outcome !== null && GRANTED.has(outcome) ? days(f.finishedAt as string) : null,
    counts,
    movements,
  };
}

/** The figures of one cohort, taken a process's contribution at a time (docs/statistics.md defines each). */
export class CohortFigures {
  private opened = 0;
  private sent = 0;
  private completed = 0;
  private within = 0;
  private readonly outcomes = Object.fromEntries(Outcomes.map((o) => [o, 0])) as Record<Outcome, number>;
  private readonly counts: Record<string, number>;
  private readonly refusedByGround: Record<string, number> = {};
  private readonly ages: number[] = [];
  private readonly toAcknowledge: number[] = [];
  private readonly toDecide: number[] = [];
  private readonly toExecute: number[] = [];
  private readonly movements: AssetMovement[] = [];

  constructor(countNames: readonly string[]) {
    this.counts = Object.fromEntries(countNames.map((name) => [name, 0]));
  }

  add(c: Contribution): void {
    this.opened += 1;
    if (c.sent) this.sent += 1;
    if (c.outcome !== null) {
      this.outcomes[c.outcome] += 1;
      if (c.refusalGround !== null)
        this.refusedByGround[c.refusalGround] = (this.refusedByGround[c.refusalGround] ?? 0) + 1;
      if (c.outcome !== 'withdrawn') {
        this.completed += 1;
        if (c.withinDeadline) this.within += 1;
      }
    }
    if (c.ageDays !== null) this.ages.push(c.ageDays);
    if (c.daysToAcknowledge !== null) this.toAcknowledge.push(c.daysToAcknowledge);
    if (c.daysToDecide !== null) this.toDecide.push(c.daysToDecide);
    if (c.daysToExecute !== null) this.toExecute.push(c.daysToExecute);
    for (const name of c.counts) this.counts[name] = (this.counts[name] ?? 0) + 1;
    for (const movement of c.movements) this.movements.push(movement);
  }

  figures(): Figures {
    const timing = (values: readonly number[]): Timing => {
      const sorted = ascending(values);
      return {
        count: sorted.length,
        median: round(medianOfSorted(sorted), 1),
        p90: round(percentileOfSorted(sorted, 0.9), 1),
      };
    };
    const ages = ascending(this.ages);
    return {
      opened: this.opened,
      sent: this.sent,
      received: this.opened - this.sent,
      outcomes: { ...this.outcomes },
      refusedByGround: sortedRecord(this.refusedByGround),
      pending: {
        count: ages.length,
        medianAgeDays: round(medianOfSorted(ages), 1),
        maxAgeDays: round(ages.length ? (ages[ages.length - 1] as number) : null, 1),
      },
      daysToAcknowledge: timing(this.toAcknowledge),
      daysToDecide: timing(this.toDecide),
      daysToExecute: timing(this.toExecute),
      withinDeadline: {
        completed: this.completed,
        withinDeadline: this.within,
        share: this.completed ? round(this.within / this.completed, 3) : null,
      },
      counts: { ...this.counts },
      assets: assetTotals(this.movements),
    };
  }
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

/** Numbers in ascending order, sorted natively (a typed array sorts numerically with no comparator). */
function ascending(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

function medianOfSorted(sorted: ArrayLike<number>): number | null {
  const { length } = sorted;
  if (!length) return null;
  const middle = Math.floor(length / 2);
  return length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  return sorted.length ? (sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number) : null;
}

/** The middle value; for an even count, the mean of the two middle values. Null for no values. */
export function median(values: readonly number[]): number | null {
  return medianOfSorted(ascending(values));
}

/** Nearest rank: the smallest value with at least `p` of all values at or below it. Null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted(ascending(values), p);
}

function round(value: number | null, places: number): number | null {
  if (value === null) return null;
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
