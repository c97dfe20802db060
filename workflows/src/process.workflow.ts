import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { ComityActivities } from '@comity/activities';
import {
  DomainError,
  decide,
  definitionOf,
  type Actor,
  type ProcessDefinition,
  type ProcessSnapshot,
  type Transition,
} from '@comity/domain';
import { buildProcessEvent, type ProcessEvent } from '@comity/events';
import {
  processStateQuery,
  takeActionUpdate,
  type ProcessView,
  type StartProcessInput,
  type TakeActionInput,
} from './process.messages';
import { SearchAttributes } from './search-attributes';

const EVENT_SOURCE = 'comity/process-workflow';

const { publishProcessEvent } = proxyActivities<ComityActivities>({
  startToCloseTimeout: '30 seconds',
  // Broker outages are waited out: an event is never dropped, only delayed.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * One cooperation process: a durable state machine driven by its declared definition.
 * Actions arrive as updates, are validated against the definition, change the state at once,
 * and queue an event; the main loop publishes queued events one by one, so a process's
 * events reach Kafka in sequence order.
 */
export async function processWorkflow(input: StartProcessInput): Promise<ProcessView> {
  const definition = definitionOf(input.type);
  const now = new Date().toISOString();
  let snapshot: ProcessSnapshot = {
    processId: input.processId,
    type: input.type,
    caseId: input.caseId,
    legalBasis: input.legalBasis,
    priority: input.priority,
    handlingCode: input.handlingCode,
    parties: input.parties,
    stage: definition.initial,
    sequence: 0,
    startedAt: now,
    updatedAt: now,
  };
  const outbox: ProcessEvent[] = [];

  const record = (transition: Transition, actor: Actor): void => {
    const occurredAt = new Date().toISOString();
    snapshot = { ...snapshot, stage: transition.to, updatedAt: occurredAt };
    outbox.push(eventFor(definition, snapshot, transition, actor, occurredAt));
    snapshot = { ...snapshot, sequence: snapshot.sequence + 1 };
    upsertSearchAttributes(searchAttributesOf(definition, snapshot));
  };

  setHandler(processStateQuery, () => view(definition, snapshot));
  setHandler(
    takeActionUpdate,
    ({ action, payload, actor }: TakeActionInput) => {
      record(decideOrFail(definition, snapshot, { action, payload }, actor), actor);
      return view(definition, snapshot);
    },
    {
      validator: ({ action, payload, actor }: TakeActionInput) => {
        decideOrFail(definition, snapshot, { action, payload }, actor);
      },
    },
  );

  record({ action: 'start', from: definition.initial, to: definition.initial, payload: input.data }, input.startedBy);

  const isTerminal = () => definition.states[snapshot.stage]?.terminal === true;
  while (!isTerminal() || outbox.length > 0) {
    await condition(() => outbox.length > 0 || isTerminal());
    const next = outbox[0];
    if (next) {
      await publishProcessEvent({ event: next });
      outbox.shift();
    }
  }
  await condition(allHandlersFinished);
  return view(definition, snapshot);
}

function decideOrFail(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  command: { action: string; payload?: unknown },
  actor: Actor,
): Transition {
  try {
    return decide(definition, snapshot, command, actor);
  } catch (err) {
    if (err instanceof DomainError) {
      throw ApplicationFailure.create({
        message: err.message,
        type: err.code,
        details: [err.details],
        nonRetryable: true,
      });
    }
    throw err;
  }
}

function eventFor(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  transition: Transition,
  actor: Actor,
  occurredAt: string,
): ProcessEvent {
  return buildProcessEvent(
    {
      processId: snapshot.processId,
      processType: snapshot.type,
      caseId: snapshot.caseId,
      sequence: snapshot.sequence,
      action: transition.action,
      fromStage: transition.action === 'start' ? undefined : transition.from,
      stage: transition.to,
      terminal: definition.states[transition.to]?.terminal === true,
      actor: { userId: actor.userId, role: actor.role, agencyId: actor.agencyId },
      legalBasis: snapshot.legalBasis,
      priority: snapshot.priority,
      handlingCode: snapshot.handlingCode,
      parties: snapshot.parties,
      payload: transition.payload,
      occurredAt,
    },
    EVENT_SOURCE,
  );
}

function view(definition: ProcessDefinition, snapshot: ProcessSnapshot): ProcessView {
  return { ...snapshot, terminal: definition.states[snapshot.stage]?.terminal === true };
}

function searchAttributesOf(definition: ProcessDefinition, snapshot: ProcessSnapshot): SearchAttributeUpdatePair[] {
  const awaiting = definition.states[snapshot.stage]?.awaiting;
  const agency = awaiting ? snapshot.parties[awaiting]?.agencyId : undefined;
  return [
    { key: SearchAttributes.processType, value: snapshot.type },
    { key: SearchAttributes.stage, value: snapshot.stage },
    { key: SearchAttributes.assignedAgency, value: agency ? [agency] : [] },
    { key: SearchAttributes.caseId, value: snapshot.caseId ?? null },
    { key: SearchAttributes.priority, value: snapshot.priority },
    { key: SearchAttributes.legalBasis, value: snapshot.legalBasis },
    { key: SearchAttributes.requestedState, value: snapshot.parties['requested']?.state ?? null },
    { key: SearchAttributes.overdue, value: false },
  ];
}
