import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, HandlingCode, PartyBinding, Priority, ProcessSnapshot } from '@comity/domain';

/** The one argument of processWorkflow. */
export interface StartProcessInput {
  readonly processId: string;
  readonly type: string;
  readonly caseId?: string;
  readonly legalBasis: string;
  readonly priority: Priority;
  readonly handlingCode: HandlingCode;
  readonly parties: Readonly<Record<string, PartyBinding>>;
  readonly data: Readonly<Record<string, unknown>>;
  readonly startedBy: Actor;
}

export interface TakeActionInput {
  readonly action: string;
  readonly payload?: unknown;
  readonly actor: Actor;
}

export interface ProcessView extends ProcessSnapshot {
  readonly terminal: boolean;
}

export const processStateQuery = defineQuery<ProcessView>('processState');
/** Validated against the state machine before it is accepted; answers with the new state. */
export const takeActionUpdate = defineUpdate<ProcessView, [TakeActionInput]>('takeAction');
