import type { FieldCipher } from '@comity/events';
import type { EventSink } from './ports';
import { createPublishingActivities } from './publishing.activities';

export type { EventSink } from './ports';
export type { PublishAgencyTaskInput, PublishProcessEventInput } from './publishing.activities';

export interface ActivityDependencies {
  readonly events: EventSink;
  /** Seals the personal fields of what the activities publish (the installation's codec keys). */
  readonly cipher: FieldCipher;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return { ...createPublishingActivities(deps.events, deps.cipher) };
}

export type ComityActivities = ReturnType<typeof createActivities>;
