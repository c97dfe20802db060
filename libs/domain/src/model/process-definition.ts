import type { ZodType } from 'zod';

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
 */
export type Permission = { readonly party: string } | { readonly role: 'coordinator' | 'admin' };

export interface StateDefinition {
  readonly label: string;
  /** No action leaves a terminal state; the workflow completes there. */
  readonly terminal?: boolean;
  /** The party slot expected to act next; it receives a task while the process is here. */
  readonly awaiting?: string;
}

export interface ActionDefinition<S extends string> {
  readonly label: string;
  readonly from: readonly S[];
  /** Target state; omitted for actions that record something without moving (e.g. a partial return). */
  readonly to?: S;
  readonly by: readonly Permission[];
  /** Validates the action's payload; absent means the action takes none beyond an optional note. */
  readonly payload?: ZodType;
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
}
