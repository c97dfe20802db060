import { ApplicationFailure } from '@temporalio/activity';
import type { ZodType } from 'zod';
import {
  agencyTask,
  processEvent,
  sealedProcessEvent,
  sealProcessEvent,
  type AgencyTask,
  type FieldCipher,
  type ProcessEvent,
} from '@comity/events';
import type { EventSink } from './ports';

export interface PublishProcessEventInput {
  readonly event: ProcessEvent;
}

export interface PublishAgencyTaskInput {
  readonly task: AgencyTask;
}

/** A stage's task and the event that records the stage, published by one activity. */
export interface PublishStepInput {
  readonly task: AgencyTask;
  readonly event: ProcessEvent;
}

/**
 * A message that breaks its contract is a bug no retry fixes, so it fails non-retryably; broker
 * trouble is thrown as is and retried by Temporal.
 */
function checkContract(schema: ZodType, message: { id: string }): void {
  const checked = schema.safeParse(message);
  if (!checked.success) {
    throw ApplicationFailure.nonRetryable(
      `message ${message.id} violates its contract: ${checked.error.message}`,
      'EVENT_CONTRACT_VIOLATION',
    );
  }
}

export function createPublishingActivities(sink: EventSink, cipher: FieldCipher) {
  /**
   * Seals the event's personal fields before it leaves the worker; the event id (fixed in the
   * workflow) is untouched, so a retried publish repeats it, only with a fresh nonce.
   */
  const sealed = (event: ProcessEvent) => {
    checkContract(processEvent, event);
    const sealedEvent = sealProcessEvent(event, cipher);
    checkContract(sealedProcessEvent, sealedEvent);
    return sealedEvent;
  };
  return {
    async publishProcessEvent({ event }: PublishProcessEventInput): Promise<void> {
      await sink.publishProcessEvent(sealed(event));
    },
    async publishAgencyTask({ task }: PublishAgencyTaskInput): Promise<void> {
      checkContract(agencyTask, task);
      await sink.publishAgencyTask(task);
    },
    /**
     * The task first (the agency's answer is what moves the process on), then the event, each in a
     * send of its own: both are checked before either goes out, and a retry after the task went out
     * sends it again, which the agency's deduplication absorbs. Half the activities of a process.
     */
    async publishStep({ task, event }: PublishStepInput): Promise<void> {
      checkContract(agencyTask, task);
      const sealedEvent = sealed(event);
      await sink.publishAgencyTask(task);
      await sink.publishProcessEvent(sealedEvent);
    },
  };
}
