import type { EventSink } from './ports';
import { createPublishingActivities } from './publishing.activities';

export type { EventSink } from './ports';
export type { PublishAgencyTaskInput, PublishProcessEventInput } from './publishing.activities';

export interface ActivityDependencies {
  readonly events: EventSink;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return { ...createPublishingActivities(deps.events) };
}

export type ComityActivities = ReturnType<typeof createActivities>;
