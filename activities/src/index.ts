import type { ProcessEventSink } from './ports';
import { createProcessEventActivities } from './process-events.activities';

export type { ProcessEventSink } from './ports';
export type { PublishProcessEventInput } from './process-events.activities';

export interface ActivityDependencies {
  readonly events: ProcessEventSink;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return { ...createProcessEventActivities(deps.events) };
}

export type ComityActivities = ReturnType<typeof createActivities>;
