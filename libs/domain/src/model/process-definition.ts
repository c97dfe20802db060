import type { output, ZodType } from 'zod';
import type { LegalBasis } from '../legal-basis/legal-basis';
import type { Actor } from './actor';
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

/**
 * Starts another process in the same case when the action is taken inside one (e.g. an informal
 * exchange promoted to MLA). The new process is bound to this one's parties as `parties` maps them
 * (new slot -> this process's slot) and runs under `legalBasis` (default: this one's). Its id is
 * fixed by the process, the action and the event's sequence, so starting it is idempotent.
 */
export interface SpawnRule {
  readonly type: string;
  readonly parties: Readonly<Record<string, string>>;
  readonly legalBasis?: string;
}

/**
 * Holds back an action of another process of the case until this one reaches a stage: e.g. a
 * freezing request synchronised with an arrest, so that the arrest does not alert the network
 * before its assets are frozen. The payload's `field` names the process to hold; taking the
 * action there is refused until this process enters one of `releasedAt`.
 */
export interface HoldRule {
  readonly field: string;
  readonly action: string;
  readonly releasedAt: readonly string[];
  readonly reason: string;
}

export interface StateDefinition {
  readonly label: string;
  /** No action leaves a terminal state; the workflow completes there. */
  readonly terminal?: boolean;
  /** The party slot expected to act next; it receives a task while the process is here. */
  readonly awaiting?: string;
}

export type Payload = Readonly<Record<string, unknown>>;
export type Facts = Readonly<Record<string, unknown>>;

export interface GuardContext<P = Payload> {
  /** The payload as the action's schema parsed it (guards run only on a valid payload). */
  readonly payload: P;
  /** Who takes the action (e.g. an agency may sign only for itself). */
  readonly actor: Actor;
  readonly basis: LegalBasis;
  readonly snapshot: ProcessSnapshot;
  /**
   * Grounds of the instrument this action does not take because another action handles them
   * (ground -> why, naming that action): a ground whose obligation the action would bypass. The
   * state machine refuses them; a guard listing the permitted grounds leaves them out.
   */
  readonly groundsElsewhere: Readonly<Record<string, string>>;
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
  /**
   * What a client sends, where the API completes it before the process sees it (attach-document:
   * the client names a document, the API adds its claim check); published instead of `payload`.
   */
  readonly request?: ZodType;
  /** Checks against the legal basis and the facts recorded so far (e.g. a permitted refusal ground). */
  readonly guard?: (context: GuardContext) => readonly GuardProblem[];
  /**
   * Facts the action records on the process, read by later guards (e.g. a translation's language).
   * It receives the facts recorded so far, so that a fact can accumulate (a count, a set of signatures).
   */
  readonly records?: (payload: Payload, facts: Facts, snapshot: ProcessSnapshot) => Facts;
  /**
   * The group slot the action adds a member to: its payload carries the new member's `agencyId` and
   * `state`, bound as `<group>:<agencyId>`. An agency already bound to the process cannot join.
   */
  readonly joins?: string;
  /**
   * The running (or expired) deadline whose due date the action moves to the payload's `until`
   * (a later date), e.g. an extension of a joint investigation team's term agreed by its members.
   */
  readonly extendsDeadline?: string;
  /** A process the action starts in the same case (a case-level rule, see SpawnRule). */
  readonly spawns?: SpawnRule;
  /** An action of another process of the case the action holds back (a case-level rule, see HoldRule). */
  readonly holds?: HoldRule;
  /** The action changes the process's priority; running deadlines are recomputed. */
  readonly setsPriority?: true;
  /** The action puts a process that is in no case into the payload's `caseId`. */
  readonly setsCase?: true;
}

/** An action whose payload schema types what its guard and records read. */
export type TypedActionDefinition<S extends string, P extends ZodType<Payload>> = Omit<
  ActionDefinition<S>,
  'payload' | 'guard' | 'records'
> & {
  readonly payload: P;
  readonly guard?: (context: GuardContext<output<P>>) => readonly GuardProblem[];
  readonly records?: (payload: output<P>, facts: Facts, snapshot: ProcessSnapshot) => Facts;
};

/**
 * Declares an action with its payload schema once: the guard and the records read typed fields
 * inferred from it. Sound because decide() parses the payload with this very schema before either
 * runs (and applyTransition only applies what decide() returned).
 */
export function typedAction<S extends string, P extends ZodType<Payload>>(
  action: TypedActionDefinition<S, P>,
): ActionDefinition<S> {
  return action as unknown as ActionDefinition<S>;
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
  /**
   * The start-data field (a declared fact) that picks a variant of the rule where the legal basis
   * sets variants (DeadlineRule.variants); such a basis requires the request to declare it.
   */
  readonly variantBy?: string;
  readonly while: readonly S[];
  /**
   * On expiry: escalate (mark overdue, and open an escalation task for the party slot `to`: the
   * requesting side, a supervising member, the other state), or take an action automatically.
   */
  readonly onExpiry:
    { readonly kind: 'escalate'; readonly to: string } | { readonly kind: 'transition'; readonly action: string };
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
  /**
   * Entering one of these stages means the requested side received the request (e.g. an MLA
   * transmitted after the requesting side's drafting and review): its timeliness counts from there.
   * Absent: the request reaches it when the process starts.
   */
  readonly receivedAt?: readonly S[];
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

/**
 * An obligation a process opens for the whole case, e.g. to prosecute a national whose extradition
 * was refused (UNTOC 16(10)): open while the process is in one of `openWhile`, discharged once it
 * reaches one of `dischargedAt`. The case view lists them.
 */
export interface CaseObligationDefinition<S extends string> {
  readonly label: string;
  /** The provision that creates it, e.g. "UNTOC art. 16(10); ECE art. 6(2)". */
  readonly article: string;
  readonly openWhile: readonly S[];
  readonly dischargedAt: readonly S[];
  /** The party slot that owes it: the stages in `openWhile` await it, and a deadline of the definition runs while they do. */
  readonly owedBy: string;
}

/**
 * A party slot a process may leave unbound at the start: while it is, `standIn` acts in its stead
 * (its tasks go there). When bound, the agency must be of the stand-in's state (e.g. the requested
 * state's prosecutor, who owes the 16(10) obligation).
 */
export interface OptionalPartyDefinition {
  readonly standIn: string;
}

export interface ProcessDefinition<S extends string = string, A extends string = string> {
  readonly type: string;
  readonly title: string;
  /** The provision the process implements, e.g. "UNTOC art. 18". */
  readonly legalReference: string;
  readonly parties: readonly string[];
  /**
   * What the start data may declare (validated when the process starts); the fields it declares
   * are the process's first facts (e.g. the accessibility of the information asked for).
   */
  readonly startData?: ZodType<Readonly<Record<string, unknown>>>;
  /**
   * Party slots that are groups (e.g. the members of a joint investigation team): bound to a first
   * member at the start, more join through an action that `joins` the group. A permission naming
   * the slot matches every member.
   */
  readonly groups?: readonly string[];
  /** Party slots that may be left unbound at the start (see OptionalPartyDefinition). */
  readonly optionalParties?: Readonly<Record<string, OptionalPartyDefinition>>;
  /**
   * Facts every party sees on the process (`legalRecord` of the API's process resource): what the
   * states decided and told each other (refusal reasons, consultation, permitted use of evidence).
   */
  readonly publicFacts?: readonly string[];
  /**
   * False for types whose parties may be of one state (a domestic task force, a referral to a
   * provider at home); otherwise the requesting and requested parties must be of different states.
   */
  readonly betweenStates?: false;
  /** Obligations the process opens for its case, by id. */
  readonly caseObligations?: Readonly<Record<string, CaseObligationDefinition<S>>>;
  readonly initial: S;
  readonly states: Readonly<Record<S, StateDefinition>>;
  readonly actions: Readonly<Record<A, ActionDefinition<S>>>;
  readonly deadlines: readonly DeadlineDefinition<S>[];
  readonly statistics: StatisticsDefinition<S>;
}
