import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ActionAssertion,
  Actor,
  HoldSignal,
  OffChannelRecord,
  OffChannelStep,
  OpenProcessInput,
  ProcessSnapshot,
  SignedEvidence,
} from '@comity/domain';
import type { AgencyTask, ProcessEvent } from '@comity/events';

/**
 * The behaviour revision of `processWorkflow` that processes started now run under, for their whole
 * life. A run's revision is in its start input, so its history fixes it and replay needs nothing
 * else: a run of revision 1 or later asks no `patched()` question and leaves no marker (nor the
 * `TemporalChangeVersion` upsert that comes with each). Runs started before revisions (none in their
 * input, revision 0) keep deciding by the patches their histories recorded. A change of the
 * commands the workflow issues takes a new revision, with its own recorded histories (test/histories).
 *   1: every patch of revision 0 in force; search attributes set at the start only — those that
 *      never change (`searchAttributesAtStart`) — and none upserted, but `CaseId` once when a
 *      process started outside any case is put in one (link-case, an action no earlier history has).
 */
export const PROCESS_WORKFLOW_REVISION = 1;

/** The one argument of processWorkflow. */
export interface StartProcessInput extends OpenProcessInput {
  readonly data: Readonly<Record<string, unknown>>;
  readonly startedBy: Actor;
  /** The definition version the process runs under for its whole life; absent (older runs) means 1. */
  readonly definitionVersion?: number;
  /** The workflow revision the run behaves as (`PROCESS_WORKFLOW_REVISION`); absent on older runs, which means 0. */
  readonly workflowRevision?: number;
  /**
   * The public keys (hex, by key id) whose signatures the process accepts on actions; absent on
   * processes started before actions were signed, which then take unsigned actions.
   */
  readonly actionKeys?: Readonly<Record<string, string>>;
  /** The request began outside Comity (received by post, …): the process counts from `offChannel.at`. */
  readonly offChannel?: OffChannelStep;
  /**
   * Set when the workflow continued as new: the state the previous run ended with and the messages
   * it had not yet published, which this run goes on from (publishing those first) without
   * recording a new start.
   */
  readonly continued?: { readonly snapshot: ProcessSnapshot; readonly outbox: readonly Outgoing[] };
}

/** A message a process has queued: published (events, tasks) or started (spawned processes) in order. */
export type Outgoing =
  | { readonly kind: 'event'; readonly event: ProcessEvent }
  | { readonly kind: 'task'; readonly task: AgencyTask }
  | { readonly kind: 'spawn'; readonly input: StartProcessInput }
  | { readonly kind: 'hold'; readonly signal: HoldSignal };

export interface TakeActionInput {
  readonly action: string;
  readonly payload?: unknown;
  readonly actor: Actor;
  /** Set by agencies answering a task: it must be the open task, addressed to the actor's agency. */
  readonly taskId?: string;
  /** The sender's signature over the action, this process and this update (the API's or the bridge's). */
  readonly assertion?: ActionAssertion;
  /** The agency's signed answer this action comes from (set by the bridge); kept in the event and the audit chain. */
  readonly evidence?: SignedEvidence;
  /** The step was taken outside Comity, by post or through the diplomatic channel (domain checkOffChannel). */
  readonly offChannel?: OffChannelRecord;
  /**
   * What the sender needs back: `stage` for the stage and sequence alone (the bridge), kept in the
   * history as the update's result instead of the whole state; absent, the whole state.
   */
  readonly reply?: 'stage';
}

export interface ProcessView extends ProcessSnapshot {
  readonly terminal: boolean;
  readonly overdue: boolean;
}

/**
 * What an action answers: the new state, and the digest of the request applied (see
 * actionRequestDigest), so that a sender repeating an update id can tell a retry from another
 * request under the same idempotency key (absent on answers of runs before it was added).
 */
export interface ActionOutcome extends ProcessView {
  readonly requestDigest?: string;
}

/** What an action answers when asked for the stage alone (`reply: 'stage'`). */
export interface StageOutcome {
  readonly stage: string;
  readonly sequence: number;
  readonly requestDigest?: string;
}

export const processStateQuery = defineQuery<ProcessView>('processState');
/** Validated against the state machine and the legal basis before it is accepted; answers with the new state. */
export const takeActionUpdate = defineUpdate<ActionOutcome, [TakeActionInput & { readonly reply?: undefined }]>(
  'takeAction',
);
/** The same update, answering the stage alone. */
export const takeActionForStageUpdate = defineUpdate<StageOutcome, [TakeActionInput & { readonly reply: 'stage' }]>(
  'takeAction',
);
/**
 * The same update as the workflow handles it: either answer. An update id repeated with the other
 * `reply` answers what the first one did (Temporal keeps an update's first outcome).
 */
export const takeActionHandledUpdate = defineUpdate<ActionOutcome | StageOutcome, [TakeActionInput]>('takeAction');

/** From another process of the case: hold back one of this process's actions, or lift such a hold. */
export const caseHoldSignal = defineSignal<[HoldSignal]>('caseHold');
