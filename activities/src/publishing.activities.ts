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
  return {
    /**
     * Seals the event's personal fields before it leaves the worker; the event id (fixed in the
     * workflow) is untouched, so a retried publish repeats it, only with a fresh nonce.
     */
    async publishProcessEvent({ event }: PublishProcessEventInput): Promise<void> {
      checkContract(processEvent, event);
      const sealed = sealProcessEvent(event, cipher);
      checkContract(sealedProcessEvent, sealed);
      await sink.publishProcessEvent(sealed);
    },
    async publishAgencyTask({ task }: PublishAgencyTaskInput): Promise<void> {
      checkContract(agencyTask, task);
      await sink.publishAgencyTask(task);
    },
  };
}
