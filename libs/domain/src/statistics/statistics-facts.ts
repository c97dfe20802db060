import { own } from '../model/own';
import type { AssetFigure, Outcome, PartyBinding, ProcessDefinition } from '../model/process-definition';

/**
 * What the statistics read from one process event: a structural subset of the event contract's
 * data (libs/events), declared here so the domain depends on nothing of ours.
 */
export interface StatisticsEvent {
  readonly processId: string;
  readonly processType: string;
  readonly caseId?: string;
  readonly sequence: number;
  readonly stage: string;
  readonly terminal: boolean;
  readonly action: string;
  readonly legalBasis: string;
  readonly offence?: string;
  readonly parties: Readonly<Record<string, PartyBinding>>;
  readonly deadlines: readonly { readonly status: string }[];
  readonly payload?: unknown;
  readonly occurredAt: string;
  /** Set when the step was taken outside Comity: `at` is when it was taken. */
  readonly offChannel?: { readonly at: string };
}

/** An amount an action recorded against an asset figure; `amount` is a decimal string, never a float. */
export interface AssetMovement {
  readonly at: string;
  readonly figure: AssetFigure;
  readonly currency: string;
  readonly amount: string;
}

/**
 * One process as the statistics see it: when each milestone was first reached (ISO instants, so
 * figures can be taken as of any moment) and how it ended. The read model stores one row of these
 * per process; every figure is an aggregation of such rows.
 */
export interface StatisticsFacts {
  readonly processId: string;
  readonly type: string;
  /** The case the process belongs to; null outside a case. */
  readonly caseId: string | null;
  readonly legalBasis: string;
  readonly offence: string | null;
  /** The states of the requesting and requested sides; direction and counterpart follow from the own state. */
  readonly requestingState: string | null;
  readonly requestedState: string | null;
  readonly openedAt: string;
  /** When the requested side received the request (StatisticsDefinition.receivedAt); its timeliness counts from here. */
  readonly receivedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly decidedAt: string | null;
  readonly finishedAt: string | null;
  readonly outcome: Outcome | null;
  /** For a refused process, the coded ground; null otherwise (and `unspecified` when none was given). */
  readonly refusalGround: string | null;
  /** Whether the process finished with none of its legal-basis deadlines missed; null while open. */
  readonly withinDeadline: boolean | null;
  /** Each named count the process reached, with when it first did. */
  readonly counts: Readonly<Record<string, string>>;
  readonly assets: readonly AssetMovement[];
  /** The last event folded in; an event at or below it has been seen. */
  readonly lastSequence: number;
  /** The ground the latest refusal-bearing event gave, kept until the process ends. */
  readonly lastGround: string | null;
}

/** What a report reads of a process's facts: not the projector's bookkeeping (its id, last sequence and ground). */
export type ReportFacts = Omit<StatisticsFacts, 'processId' | 'lastSequence' | 'lastGround'>;

export const UNSPECIFIED_GROUND = 'unspecified';

const decimal = /^\d{1,15}(\.\d{1,6})?$/;
const currencyCode = /^[A-Z]{3}$/;

/**
 * Folds one event into a process's facts (undefined before its first event). Pure and
 * idempotent: an event at or below the last folded sequence changes nothing, so re-delivery is
 * harmless. Events must come in sequence order, as the process-events topic keeps them.
 */
export function foldStatistics(
  definition: ProcessDefinition,
  facts: StatisticsFacts | undefined,
  event: StatisticsEvent,
): StatisticsFacts {
  if (facts && event.sequence <= facts.lastSequence) return facts;
  const stats = definition.statistics;
  // Canonical form (milliseconds, Z), so instants compare in time order as text, in SQL too.
  // A step taken outside Comity counts from when it was taken, not when it was recorded.
  const at = new Date(Date.parse(event.offChannel?.at ?? event.occurredAt)).toISOString();
  const base: StatisticsFacts = facts ?? {
    processId: event.processId,
    type: event.processType,
    caseId: event.caseId ?? null,
    legalBasis: event.legalBasis,
    offence: event.offence ?? null,
    requestingState: event.parties[stats.requestingParty]?.state ?? null,
    requestedState: event.parties[stats.requestedParty]?.state ?? null,
    openedAt: at,
    receivedAt: null,
    acknowledgedAt: null,
    decidedAt: null,
    finishedAt: null,
    outcome: null,
    refusalGround: null,
    withinDeadline: null,
    counts: {},
    assets: [],
    lastSequence: -1,
    lastGround: null,
  };
  if (base.finishedAt !== null) return { ...base, lastSequence: event.sequence };

  const reached = (stages: readonly string[] | undefined) => stages?.includes(event.stage) === true;
  const counts = { ...base.counts };
  for (const [name, stages] of Object.entries(stats.counts ?? {})) {
    if (counts[name] === undefined && reached(stages)) counts[name] = at;
  }
  const lastGround = groundOf(event.payload) ?? own(stats.groundAt ?? {}, event.stage) ?? base.lastGround;
  const figure = own(stats.amounts ?? {}, event.action);
  const movement = figure ? assetMovement(figure, event.payload, at) : undefined;
  const finished = event.terminal;
  const outcome: Outcome | null = finished ? (own(stats.outcomes, event.stage) ?? 'closed') : null;

  return {
    ...base,
    // A process put in a case after its start (link-case) counts in that case from then on.
    caseId: base.caseId ?? event.caseId ?? null,
    receivedAt:
      base.receivedAt ?? (stats.receivedAt === undefined ? base.openedAt : reached(stats.receivedAt) ? at : null),
    acknowledgedAt: base.acknowledgedAt ?? (reached(stats.acknowledgedAt) ? at : null),
    decidedAt: base.decidedAt ?? (reached(stats.decidedAt) ? at : null),
    finishedAt: finished ? at : null,
    outcome,
    refusalGround: outcome === 'refused' ? (lastGround ?? UNSPECIFIED_GROUND) : null,
    withinDeadline: finished ? !event.deadlines.some((d) => d.status === 'missed' || d.status === 'expired') : null,
    counts,
    assets: movement ? [...base.assets, movement] : base.assets,
    lastSequence: event.sequence,
    lastGround,
  };
}

/** The facts of a process from its events, in any order (they are folded in sequence order). */
export function statisticsFactsOf(
  definition: ProcessDefinition,
  events: readonly StatisticsEvent[],
): StatisticsFacts | undefined {
  return [...events]
    .sort((a, b) => a.sequence - b.sequence)
    .reduce<StatisticsFacts | undefined>((facts, event) => foldStatistics(definition, facts, event), undefined);
}

function groundOf(payload: unknown): string | undefined {
  const ground = isRecord(payload) ? payload['ground'] : undefined;
  return typeof ground === 'string' && ground.trim() ? ground.trim() : undefined;
}

/** An action's `{ amount, currency }`; anything else records no movement rather than a wrong one. */
function assetMovement(figure: AssetFigure, payload: unknown, at: string): AssetMovement | undefined {
  if (!isRecord(payload)) return undefined;
  const { amount, currency } = payload;
  if (typeof amount !== 'string' || !decimal.test(amount)) return undefined;
  if (typeof currency !== 'string' || !currencyCode.test(currency)) return undefined;
  return { at, figure, currency, amount };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
