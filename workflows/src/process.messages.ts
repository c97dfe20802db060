import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, OpenProcessInput, ProcessSnapshot } from '@comity/domain';

/** The one argument of processWorkflow. */
export interface StartProcessInput extends OpenProcessInput {
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
  readonly overdue: boolean;
}

export const processStateQuery = defineQuery<ProcessView>('processState');
/** Validated against the state machine and the legal basis before it is accepted; answers with the new state. */
export const takeActionUpdate = defineUpdate<ProcessView, [TakeActionInput]>('takeAction');
