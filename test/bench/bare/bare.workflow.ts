import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

/** The baseline's activity: does nothing, so only Temporal's own cost remains. */
export interface BareActivities {
  noop(): Promise<void>;
}

export interface BareProcessInput {
  /** Activities queued by the start and by each update, in order (an MLA's: events and tasks). */
  readonly activitiesAtStart: number;
  readonly activitiesPerUpdate: readonly number[];
}

export const bareStepUpdate = defineUpdate<number, []>('step');

const { noop } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

/**
 * The benchmark's baseline: the same number of updates and activities as an MLA driven to
 * executed, with no domain rules, no payload codec, no Kafka and no read model.
 */
export async function bareProcess(input: BareProcessInput): Promise<number> {
  let outbox = input.activitiesAtStart;
  let updates = 0;
  setHandler(bareStepUpdate, () => {
    outbox += input.activitiesPerUpdate[updates] ?? 0;
    updates += 1;
    return updates;
  });
  for (;;) {
    if (outbox > 0) {
      await noop();
      outbox -= 1;
      continue;
    }
    if (updates >= input.activitiesPerUpdate.length) return updates;
    await condition(() => outbox > 0 || updates >= input.activitiesPerUpdate.length);
  }
}
