import type { ZodType } from 'zod';
import type { LegalBasis } from '../legal-basis/legal-basis';
import type { ProcessSnapshot } from './process-state';

/**
 * A party slot names a participant of a process (e.g. the requesting and the requested
 * authority of an MLA). The process instance binds each slot to an agency.
 */
export interface PartyBinding {
  readonly agencyId: string;
  /** ISO 3166-1 alpha-2 code of the agency's state. */
  readonly state: string;
}

/**
 * Who may take an action: an agency bound to one of the process's party slots, or a
 * platform role (a coordination officer acts for the national central authority).
 * An action no one may take (`by: []`) is taken by the system, e.g. when a deadline expires.
 */
export type Permission = { readonly party: string } | { readonly role: 'coordinator' | 'admin' };

export interface StateDefinition {
  readonly label: string;
  /** No action leaves a terminal state; the workflow completes there. */
  readonly terminal?: boolean;
  /** The party slot expected to act next; it receives a task while the process is here. */
  readonly awaiting?: string;
}

export interface GuardContext {
  readonly payload: Readonly<Record<string, unknown>>;
  readonly basis: LegalBasis;
  readonly snapshot: ProcessSnapshot;
}

/** A reason an otherwise valid action cannot be taken now. */
export interface GuardProblem {
  readonly code: 'NOT_PERMITTED_BY_LEGAL_BASIS' | 'PRECONDITION_UNMET';
  readonly detail: string;
}

export interface ActionDefinition<S extends string> {
  readonly label: string;
  readonly from: readonly S[];
  /** Target state; omitted for actions that record something without moving (e.g. a partial return). */
  readonly to?: S;
  readonly by: readonly Permission[];
  /** Validates the action's payload; absent means the action takes none beyond an optional note. */
  readonly payload?: ZodType;
  /** Checks against the legal basis and the facts recorded so far (e.g. a permitted refusal ground). */
  readonly guard?: (context: GuardContext) => readonly GuardProblem[];
  /** Facts the action records on the process, read by later guards (e.g. a translation's language). */
  readonly records?: (payload: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>;
  /** The action changes the process's priority; running deadlines are recomputed. */
  readonly setsPriority?: true;
}

/**
 * A time limit that runs while the process is in any of the `while` stages: it starts when the
 * process enters them and ends (met) when it leaves them. Its length comes from the legal basis
 * (`rule` is a key of the basis's deadline table) and the process's priority.
 */
export interface DeadlineDefinition<S extends string> {
  readonly id: string;
  readonly label: string;
  readonly rule: string;
  readonly while: readonly S[];
  /** On expiry: escalate to the coordinator (mark overdue), or take an action automatically. */
  readonly onExpiry: { readonly kind: 'escalate' } | { readonly kind: 'transition'; readonly action: string };
}

/** How a finished process counts in the statistics. */
export const Outcomes = ['executed', 'partly-executed', 'refused', 'withdrawn', 'closed'] as const;
export type Outcome = (typeof Outcomes)[number];

/**
 * Asset figures (UNTOC arts 13–14, FATF R.38): amounts frozen or seized, released from a freeze,
 * confiscated, spent on managing assets, returned to victims (14(2)) and shared between states (14(3)).
 */
export const AssetFigures = [
  'frozen',
  'released',
  'confiscated',
  'management-costs',
  'returned-to-victims',
  'shared',
] as const;
export type AssetFigure = (typeof AssetFigures)[number];

/**
 * How the FATF R.33 / IO.2 statistics read a process of this type from its events. Stages, not
 * actions: a stage is reached however the process got there (by an agency, an officer or a timer).
 */
export interface StatisticsDefinition<S extends string> {
  /** The party slot of the requesting side: the process is "sent" when that party is of our state, else "received". */
  readonly requestingParty: string;
  /** The party slot of the counterpart whose state the figures are broken down by, seen from the requesting side. */
  readonly requestedParty: string;
  /** Entering one of these stages means the request was acknowledged (received and recognised). */
  readonly acknowledgedAt: readonly S[];
  /** Entering one of these stages means the request was decided: granted (execution starts) or refused. */
  readonly decidedAt: readonly S[];
  /** Every terminal stage and the outcome it counts as. */
  readonly outcomes: Partial<Readonly<Record<S, Outcome>>>;
  /**
   * Stages whose entry implies a refusal ground no payload names (a national kept for prosecution
   * at home is refused on nationality). Otherwise the ground is the last `ground` an action's payload gave.
   */
  readonly groundAt?: Partial<Readonly<Record<S, string>>>;
  /** Further figures: a name and the stages whose first entry counts the process once (e.g. releases). */
  readonly counts?: Readonly<Record<string, readonly S[]>>;
  /**
   * Actions whose payload carries `amount` (a non-negative decimal string in the currency's
   * units, e.g. "1250.00") and `currency` (ISO 4217), and the asset figure each adds to.
   */
  readonly amounts?: Readonly<Record<string, AssetFigure>>;
}

export interface ProcessDefinition<S extends string = string, A extends string = string> {
  readonly type: string;
  readonly title: string;
  /** The provision the process implements, e.g. "UNTOC art. 18". */
  readonly legalReference: string;
  readonly parties: readonly string[];
  readonly initial: S;
  readonly states: Readonly<Record<S, StateDefinition>>;
  readonly actions: Readonly<Record<A, ActionDefinition<S>>>;
  readonly deadlines: readonly DeadlineDefinition<S>[];
  readonly statistics: StatisticsDefinition<S>;
}
