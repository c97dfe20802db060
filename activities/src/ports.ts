import type { AgencyTask, ProcessEvent } from '@comity/events';

/** Where the workflows' messages go; the worker binds it to Kafka, tests to memory. */
export interface EventSink {
  publishProcessEvent(event: ProcessEvent): Promise<void>;
  publishAgencyTask(task: AgencyTask): Promise<void>;
}
