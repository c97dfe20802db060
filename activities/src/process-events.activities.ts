import { ApplicationFailure } from '@temporalio/activity';
import { processEvent, type ProcessEvent } from '@comity/events';
import type { ProcessEventSink } from './ports';

export interface PublishProcessEventInput {
  readonly event: ProcessEvent;
}

export function createProcessEventActivities(sink: ProcessEventSink) {
  return {
    /**
     * Publishes one event built by the workflow. A contract violation is a bug that no retry
     * fixes, so it fails non-retryably; broker trouble is thrown as is and retried by Temporal.
     */
    async publishProcessEvent({ event }: PublishProcessEventInput): Promise<void> {
      const checked = processEvent.safeParse(event);
      if (!checked.success) {
        throw ApplicationFailure.nonRetryable(
          `event ${event.id} violates the process-event contract: ${checked.error.message}`,
          'EVENT_CONTRACT_VIOLATION',
        );
      }
      await sink.publishProcessEvent(event);
    },
  };
}
