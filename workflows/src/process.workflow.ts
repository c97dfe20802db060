import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { TemporalFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ComityActivities } from '@comity/activities';
import {
  DomainError,
  DomainErrorCode,
  NOT_THROUGH_COMITY,
  SYSTEM_ACTOR,
  actionRequestDigest,
  auditHash,
  actionsForParty,
  afterOccurrence,
  applyTransition,
  checkTask,
  decide,
  definitionAt,
  escalationTask,
  isOverdue,
  nextOccurrence,
  holdSignalsOf,
  isRefusedPayload,
  openProcess,
  refusalOfAssertion,
  spawnedBy,
  type HoldSignal,
  tasksAfterEvent,
  type Actor,
  type SignedEvidence,
  type ProcessDefinition,
  DOCUMENTS_FACT,
  type AttachedDocument,
  type ProcessSnapshot,
  type TaskState,
  type Transition,
} from '@comity/domain';
import type { AgencyTask, ProcessEvent } from '@comity/events';
import { agencyTaskId, buildAgencyTask, buildProcessEvent } from '@comity/events/builders';
import {
  PROCESS_WORKFLOW_REVISION,
  caseHoldSignal,
  processStateQuery,
  takeActionHandledUpdate,
  type Outgoing,
  type ProcessView,
  type StartProcessInput,
  type TakeActionInput,
} from './process.messages';
import {
  changedSearchAttributes,
  SearchAttributes,
  searchAttributesAtStart,
  searchAttributesOf,
} from './search-attributes';

const EVENT_SOURCE = 'comity/process-workflow';

/**
 * A run continues as new once its history has this many events or bytes (or Temporal suggests it),
 * so a process that lives for years — a joint investigation team exchanging evidence — keeps a
 * bounded history. Well below Temporal's own limits (51,200 events, 50 MB); every action records
 * its event and the state it answers with, so bytes grow faster than events. What is carried
 * over: the snapshot and the messages not yet published.
 */
export const HISTORY_EVENTS_PER_RUN = 1_000;
export const HISTORY_BYTES_PER_RUN = 2_000_000;

const { publishProcessEvent, publishAgencyTask, publishStep } = proxyActivities<ComityActivities>({
  startToCloseTimeout: '30 seconds',
  // Broker outages are waited out: an event is never dropped, only delayed.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * One cooperation process: a durable state machine driven by its declared definition.
 * Actions arrive as updates, are validated against the definition and the legal basis, change
 * the state at once and queue an event — and, when the new stage awaits a party, a task for that
 * party's agency. The main loop publishes queued messages one by one (so a process's events reach
 * Kafka in sequence order) and sleeps until the next deadline reminder or expiry, which it records
 * as events too; an expiry escalates or takes an action automatically.
 */
export async function processWorkflow(input: StartProcessInput): Promise<ProcessView> {
  if (isRefusedPayload(input)) {
    throw ApplicationFailure.nonRetryable(NOT_THROUGH_COMITY, DomainErrorCode.PayloadNotEncrypted);
  }
  const revision = revisionOf(input);
  /**
   * Whether a change that revision 0 took behind a patch is in force: always from revision 1 on,
   * without a marker; for a revision-0 run, as its history recorded it.
   */
  const since = (patch: string): boolean => revision >= 1 || patched(patch);
  const definition = definitionAt(input.type, input.definitionVersion);
  let snapshot: ProcessSnapshot = input.continued?.snapshot ??
    // A request that began outside Comity counts from when it began; it is recorded now.
    {
      ...openProcess(definition, input, input.offChannel ? Date.parse(input.offChannel.at) : Date.now()),
      updatedAt: new Date().toISOString(),
    };
  const outbox: Outgoing[] = [...(input.continued?.outbox ?? [])];

  /**
   * Revision 0 only: upserts the search attributes this state changes; the process started with
   * its first ones. Each upsert is a history event and a visibility write, so one that changes
   * nothing is skipped. (Runs recorded before this rule upserted every attribute on every
   * transition.) From revision 1 a process has only the attributes it starts with, which never change.
   */
  const upsertChangedSearchAttributes = (): void => {
    if (revision >= 1) return;
    const wanted = searchAttributesOf(definition, snapshot);
    if (!patched('search-attributes-only-when-changed')) return upsertSearchAttributes(wanted);
    const changed = changedSearchAttributes(workflowInfo().typedSearchAttributes, wanted);
    if (changed.length > 0) upsertSearchAttributes(changed);
  };

  const record = (transition: Transition, actor: Actor, evidence?: SignedEvidence): void => {
    const origin = { processId: snapshot.processId, action: transition.action, sequence: snapshot.sequence };
    const spawned = spawnedBy(definition, snapshot, origin.action, origin.sequence);
    const before = snapshot;
    if (transition.action !== 'start') {
      // A step taken outside Comity happened when the paper says: its deadlines run from then.
      const at = transition.offChannel ? Date.parse(transition.offChannel.at) : Date.now();
      snapshot = { ...applyTransition(definition, snapshot, transition, at), updatedAt: new Date().toISOString() };
    }
    const holds = holdSignalsOf(definition, before, snapshot, transition.action, transition.payload);
    const event = eventFor(definition, snapshot, transition, actor, evidence);
    // Holds go out first: the sooner a held action is refused, the narrower the window before it is.
    for (const signal of holds) outbox.push({ kind: 'hold', signal });
    outbox.push({ kind: 'event', event });
    // Started once the event that asks for it is out, with where it came from in its start data.
    const data = { ...transition.payload, spawnedFrom: origin };
    // A spawned process accepts actions signed with the keys this one does.
    const keys = input.actionKeys ? { actionKeys: input.actionKeys } : {};
    if (spawned) outbox.push({ kind: 'spawn', input: { ...spawned, data, startedBy: actor, ...keys } });
    snapshot = { ...snapshot, auditHash: event.data.audit.hash };
    const stageChanged = transition.action === 'start' || transition.from !== transition.to;
    const { tasks, opened } = tasksAfterEvent(
      definition,
      snapshot,
      stageChanged,
      agencyTaskId(snapshot.processId, snapshot.sequence),
    );
    snapshot = { ...snapshot, tasks, sequence: snapshot.sequence + 1 };
    if (opened) outbox.push({ kind: 'task', task: taskFor(definition, snapshot, opened) });
    upsertChangedSearchAttributes();
    // From revision 1 the case id is fixed at the start, except when a process is put in a case
    // later (link-case, once at most): an operator still finds it by the case.
    if (revision >= 1 && snapshot.caseId !== before.caseId) {
      upsertSearchAttributes([{ key: SearchAttributes.caseId, value: snapshot.caseId ?? null }]);
    }
  };

  const recordDueDeadlines = (): void => {
    for (let due = nextOccurrence(snapshot.deadlines); due && Date.parse(due.at) <= Date.now();) {
      snapshot = { ...snapshot, deadlines: afterOccurrence(snapshot.deadlines, due) };
      const rule = definition.deadlines.find((d) => d.id === due?.deadline.id);
      const payload = { deadlineId: due.deadline.id, label: due.deadline.label, dueAt: due.deadline.dueAt };
      const stay = { from: snapshot.stage, to: snapshot.stage };
      if (due.kind === 'reminder') {
        record({ action: 'deadline-reminder', ...stay, payload }, SYSTEM_ACTOR);
      } else {
        const consequence = rule?.onExpiry.kind === 'transition' ? rule.onExpiry.action : 'escalated';
        // An escalation reaches the party the definition names, as a task (runs recorded before
        // escalations had tasks only marked the process overdue).
        const escalation =
          rule?.onExpiry.kind === 'escalate' && since('escalation-tasks')
            ? escalationTask(definition, snapshot, rule.id, agencyTaskId(snapshot.processId, snapshot.sequence))
            : undefined;
        const escalatedTo = escalation ? { escalatedTo: escalation.party } : {};
        record(
          { action: 'deadline-expired', ...stay, payload: { ...payload, consequence, ...escalatedTo } },
          SYSTEM_ACTOR,
        );
        if (escalation) {
          snapshot = { ...snapshot, tasks: [...snapshot.tasks, escalation] };
          outbox.push({ kind: 'task', task: taskFor(definition, snapshot, escalation) });
        }
        if (rule?.onExpiry.kind === 'transition') {
          record(decide(definition, snapshot, { action: rule.onExpiry.action }, SYSTEM_ACTOR), SYSTEM_ACTOR);
        }
      }
      due = nextOccurrence(snapshot.deadlines);
    }
  };

  // The start is recorded before any handler is set: an update that arrives in the run's first
  // activation (sent before a worker took the start) is delivered as soon as its handler is set,
  // and would otherwise be decided on the unstarted state and take the start's sequence number.
  if (input.continued) upsertChangedSearchAttributes();
  else
    record(
      {
        action: 'start',
        from: definition.initial,
        to: definition.initial,
        payload: input.data,
        ...(input.offChannel ? { offChannel: input.offChannel } : {}),
      },
      input.startedBy,
    );

  setHandler(processStateQuery, () => view(definition, snapshot));
  setHandler(caseHoldSignal, (signal: HoldSignal) => {
    // Only a process of the same case may hold this one back; a forged signal holds nothing.
    if (isRefusedPayload(signal) || signal.caseId === undefined || signal.caseId !== snapshot.caseId) return;
    const others = (snapshot.holds ?? []).filter((h) => h.id !== signal.place?.id && h.id !== signal.lift);
    snapshot = { ...snapshot, holds: signal.place ? [...others, signal.place] : others };
  });
  setHandler(
    takeActionHandledUpdate,
    (input: TakeActionInput) => {
      record(decideOrFail(definition, snapshot, input), input.actor, input.evidence);
      const requestDigest = actionRequestDigest(input);
      if (input.reply === 'stage') return { stage: snapshot.stage, sequence: snapshot.sequence, requestDigest };
      return { ...view(definition, snapshot), requestDigest };
    },
    {
      validator: (action: TakeActionInput) => {
        checkAssertion(snapshot, action, input.actionKeys);
        checkParty(snapshot, action);
        void decideOrFail(definition, snapshot, action);
      },
    },
  );

  /**
   * The timer of the next deadline occurrence. It lives across the process's wakes (an action, a
   * publication) and is cancelled only when the next occurrence moves, so a wake costs no timer
   * events. (Runs recorded before this started a timer at each wait and cancelled it at each wake.)
   */
  let deadlineTimer: { readonly at: string; readonly scope: CancellationScope; fired: boolean } | undefined;
  const timerUntil = (at: string): { readonly fired: boolean } => {
    if (deadlineTimer?.at === at && !deadlineTimer.fired) return deadlineTimer;
    deadlineTimer?.scope.cancel();
    const timer = { at, scope: new CancellationScope(), fired: false };
    timer.scope
      .run(() => sleep(Math.max(1, Date.parse(at) - Date.now())))
      .then(
        () => (timer.fired = true),
        () => undefined, // cancelled: the occurrence moved
      );
    deadlineTimer = timer;
    return timer;
  };

  const isTerminal = () => definition.states[snapshot.stage]?.terminal === true;
  const woken = () => outbox.length > 0 || isTerminal();
  const historyIsLong = () => {
    const { continueAsNewSuggested, historyLength, historySize } = workflowInfo();
    return continueAsNewSuggested || historyLength >= HISTORY_EVENTS_PER_RUN || historySize >= HISTORY_BYTES_PER_RUN;
  };
  for (;;) {
    recordDueDeadlines();
    if (!isTerminal() && historyIsLong() && since('continue-as-new-when-history-is-long')) {
      // Handlers are synchronous: once they have finished, snapshot and outbox are complete.
      await condition(allHandlersFinished);
      await continueAsNew<typeof processWorkflow>({ ...input, continued: { snapshot, outbox: [...outbox] } });
    }
    const at = nextToPublish(outbox, since);
    const next = outbox[at];
    const [first] = outbox;
    if (at === 1 && next?.kind === 'task' && first?.kind === 'event' && since('one-activity-per-step')) {
      // A stage's task and its event in one activity (runs recorded before published them in two).
      await publishStep({ task: next.task, event: first.event });
      outbox.splice(0, 2);
      continue;
    }
    if (next) {
      if (next.kind === 'event') await publishProcessEvent({ event: next.event });
      else if (next.kind === 'task') await publishAgencyTask({ task: next.task });
      else if (next.kind === 'spawn') await startSpawned(next.input, revision, since);
      else await sendHold(next.signal);
      outbox.splice(at, 1);
      continue;
    }
    if (isTerminal()) break;
    const occurrence = nextOccurrence(snapshot.deadlines);
    if (!occurrence) await condition(woken);
    else if (since('one-timer-per-deadline-occurrence')) {
      const timer = timerUntil(occurrence.at);
      await condition(() => woken() || timer.fired);
    } else await condition(woken, Math.max(1, Date.parse(occurrence.at) - Date.now()));
  }
  await condition(allHandlersFinished);
  return view(definition, snapshot);
}

/**
 * Which queued message goes out next: the first, except that a stage's task goes out before the
 * event that records the stage. The agency's answer is what moves the process on, so its task
 * should not wait for the event's publication; events stay in sequence order among themselves,
 * and tasks among themselves. (Runs recorded before this rule replay in the old order.)
 */
function nextToPublish(outbox: readonly Outgoing[], since: (patch: string) => boolean): number {
  const [first, second] = outbox;
  const taskOfThisEvent =
    first?.kind === 'event' &&
    second?.kind === 'task' &&
    second.task.data.taskId === agencyTaskId(first.event.data.processId, first.event.data.sequence);
  return taskOfThisEvent && since('agency-task-before-its-event') ? 1 : 0;
}

/**
 * Starts a process an action spawned, as a workflow of its own that outlives this one. Its id is
 * fixed by its origin, so a start repeated (e.g. after a worker crash) finds it already running.
 */
async function startSpawned(
  spawned: StartProcessInput,
  revision: number,
  since: (patch: string) => boolean,
): Promise<void> {
  // At the spawning run's revision, which every worker that may take it knows: a worker of a
  // release before revisions runs any child as revision 0, which a newer one could not replay.
  const input = revision >= 1 ? { ...spawned, workflowRevision: revision } : spawned;
  try {
    await startChild(processWorkflow, {
      workflowId: input.processId,
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      ...(since('search-attributes-only-when-changed')
        ? { typedSearchAttributes: searchAttributesAtStart(input) }
        : {}),
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * The revision a run behaves as. One newer than this code knows fails the workflow task (an Error,
 * not a failure), which Temporal retries: the run waits for a worker that knows it — a rolling
 * deployment that started processes from a newer API before every worker was new.
 */
function revisionOf(input: StartProcessInput): number {
  const revision = input.workflowRevision ?? 0;
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw ApplicationFailure.nonRetryable(
      `workflowRevision must be a whole number from 0 to ${PROCESS_WORKFLOW_REVISION}, got ${String(revision)}`,
      'WORKFLOW_REVISION_INVALID',
    );
  }
  if (revision > PROCESS_WORKFLOW_REVISION) {
    throw new Error(`workflow revision ${revision} is newer than this worker's ${PROCESS_WORKFLOW_REVISION}`);
  }
  return revision;
}

/**
 * Signals a hold to another process of the case. The server refuses a signal only to a process
 * that is not running (ended, or never was), which no hold can concern: that refusal is dropped.
 */
async function sendHold(signal: HoldSignal): Promise<void> {
  try {
    await getExternalWorkflowHandle(signal.target).signal(caseHoldSignal, signal);
  } catch (err) {
    if (!(err instanceof TemporalFailure)) throw err;
  }
}

/** A refusal as the failure an update's caller gets: its stable code as the type, the fields as details. */
function asFailure(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  return ApplicationFailure.create({
    message: err.message,
    type: err.code,
    details: [err.details],
    nonRetryable: true,
  });
}

/**
 * An agency acts only in a process it is a party to, and is refused before anything else is decided:
 * any other refusal (the stage, the actions allowed) would tell it about a process it may not see.
 * This is the API's own rule (it answers 403 NOT_A_PARTY), checked here so that an action is one
 * call to the workflow, not a query first. In the validator alone: validators do not run on replay.
 */
function checkParty(snapshot: ProcessSnapshot, input: TakeActionInput): void {
  const { actor } = input;
  if (isRefusedPayload(input) || actor.role !== 'agency') return;
  if (Object.values(snapshot.parties).some((p) => p.agencyId === actor.agencyId)) return;
  throw asFailure(
    new DomainError(DomainErrorCode.NotAParty, `agency '${actor.agencyId ?? ''}' is not a party to this process`),
  );
}

/** Decides an action (quoting a task, if any); a refusal becomes a failure carrying its stable code. */
function decideOrFail(definition: ProcessDefinition, snapshot: ProcessSnapshot, input: TakeActionInput): Transition {
  try {
    if (isRefusedPayload(input)) throw new DomainError(DomainErrorCode.PayloadNotEncrypted, NOT_THROUGH_COMITY);
    // The system's actions (expiries) are the workflow's own: no message may claim to be the system.
    if (input.actor.userId === SYSTEM_ACTOR.userId) {
      throw new DomainError(DomainErrorCode.ActorNotPermitted, 'the system acts only from within the process');
    }
    if (input.taskId !== undefined) checkTask(snapshot, input.taskId, input.actor);
    return decide(definition, snapshot, input, input.actor, Date.now());
  } catch (err) {
    throw asFailure(err);
  }
}

/**
 * A process started with action keys takes only actions signed by one of them, for itself and for
 * this very update (see @comity/domain action-assertion). Checked in the validator alone: validators
 * do not run on replay, and the handler runs only for what the validator accepted.
 */
function checkAssertion(
  snapshot: ProcessSnapshot,
  action: TakeActionInput,
  keys: Readonly<Record<string, string>> | undefined,
): void {
  if (!keys || isRefusedPayload(action)) return;
  const claims = {
    processId: snapshot.processId,
    updateId: currentUpdateInfo()?.id ?? '',
    action: action.action,
    payload: action.payload,
    actor: action.actor,
    taskId: action.taskId,
    evidence: action.evidence,
    offChannel: action.offChannel,
  };
  const refusal = refusalOfAssertion(action.assertion, claims, keys, Date.now());
  if (refusal) {
    throw ApplicationFailure.create({ message: refusal, type: DomainErrorCode.AssertionInvalid, nonRetryable: true });
  }
}

/** The event of a transition; `snapshot` is the state after it, with the event's sequence. */
function eventFor(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  transition: Transition,
  actor: Actor,
  evidence: SignedEvidence | undefined,
): ProcessEvent {
  const who = { userId: actor.userId, role: actor.role, agencyId: actor.agencyId };
  const fromStage = transition.action === 'start' ? undefined : transition.from;
  const audited = {
    processId: snapshot.processId,
    sequence: snapshot.sequence,
    action: transition.action,
    fromStage: fromStage ?? null,
    stage: snapshot.stage,
    actor: who,
    occurredAt: snapshot.updatedAt,
    payload: transition.payload,
    ...(evidence ? { evidence } : {}),
    ...(transition.offChannel ? { offChannel: transition.offChannel } : {}),
  };
  return buildProcessEvent(
    {
      processId: snapshot.processId,
      processType: snapshot.type,
      caseId: snapshot.caseId,
      offence: snapshot.offence,
      sequence: snapshot.sequence,
      action: transition.action,
      fromStage,
      stage: snapshot.stage,
      terminal: definition.states[snapshot.stage]?.terminal === true,
      actor: who,
      legalBasis: snapshot.legalBasis,
      priority: snapshot.priority,
      handlingCode: snapshot.handlingCode,
      parties: snapshot.parties,
      deadlines: snapshot.deadlines.map(({ id, label, startedAt, dueAt, status }) => ({
        id,
        label,
        startedAt,
        dueAt,
        status,
      })),
      overdue: isOverdue(snapshot),
      audit: { previousHash: snapshot.auditHash, hash: auditHash(snapshot.auditHash, audited) },
      payload: transition.payload,
      ...(evidence ? { evidence } : {}),
      ...(transition.offChannel ? { offChannel: transition.offChannel } : {}),
      occurredAt: snapshot.updatedAt,
    },
    EVENT_SOURCE,
  );
}

function taskFor(definition: ProcessDefinition, snapshot: ProcessSnapshot, task: TaskState): AgencyTask {
  const dueAt = snapshot.deadlines
    .filter((d) => d.status === 'running' || d.status === 'expired')
    .map((d) => d.dueAt)
    .sort()[0];
  return buildAgencyTask(
    {
      taskId: task.taskId,
      agencyId: task.agencyId,
      party: task.party,
      processId: snapshot.processId,
      processType: snapshot.type,
      caseId: snapshot.caseId,
      stage: snapshot.stage,
      stageLabel: definition.states[snapshot.stage]?.label ?? snapshot.stage,
      ...(task.escalates ? { escalates: escalated(snapshot, task.escalates) } : {}),
      expectedActions: actionsForParty(definition, snapshot, task.party).map((action) => ({
        action,
        label: definition.actions[action]?.label ?? action,
      })),
      dueAt,
      priority: snapshot.priority,
      handlingCode: snapshot.handlingCode,
      legalBasis: snapshot.legalBasis,
      counterpartStates: Object.entries(snapshot.parties)
        .filter(([slot]) => slot !== task.party)
        .map(([, p]) => p.state),
      assignedAt: snapshot.updatedAt,
      // Claim checks only; the worker adds each a link signed for the agency (task-channel.ts).
      ...(attached(snapshot).length
        ? {
            documents: attached(snapshot).map(({ documentId, kind, size, sha256, language }) => ({
              documentId,
              kind,
              size,
              sha256,
              ...(language ? { language } : {}),
            })),
          }
        : {}),
    },
    EVENT_SOURCE,
  );
}

const attached = (snapshot: ProcessSnapshot): readonly AttachedDocument[] =>
  (snapshot.facts[DOCUMENTS_FACT] as readonly AttachedDocument[] | undefined) ?? [];

/** The missed deadline an escalation task is about. */
function escalated(snapshot: ProcessSnapshot, deadlineId: string) {
  const deadline = snapshot.deadlines.find((d) => d.id === deadlineId);
  return { deadlineId, label: deadline?.label ?? deadlineId, dueAt: deadline?.dueAt ?? snapshot.updatedAt };
}

function view(definition: ProcessDefinition, snapshot: ProcessSnapshot): ProcessView {
  return { ...snapshot, terminal: definition.states[snapshot.stage]?.terminal === true, overdue: isOverdue(snapshot) };
}
