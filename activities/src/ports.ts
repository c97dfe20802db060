import type { AgencyTask, SealedProcessEvent } from '@comity/events';

/** Where the workflows' messages go; the worker binds it to Kafka, tests to memory. */
export interface EventSink {
  /** The event as it travels: its personal fields sealed. */
  publishProcessEvent(event: SealedProcessEvent): Promise<void>;
  publishAgencyTask(task: AgencyTask): Promise<void>;
}
