import type { ProcessEvent } from '@comity/events';

/** Where process events go; the worker binds it to Kafka, unit tests to an in-memory sink. */
export interface ProcessEventSink {
  publishProcessEvent(event: ProcessEvent): Promise<void>;
}
