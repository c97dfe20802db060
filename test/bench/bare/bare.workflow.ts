import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

/** The baseline's activities: they do nothing, so only Temporal's own cost remains. */
export interface BareActivities {
  /** Stands for publishing an agency's task; the benchmark's driver answers once it has run. */
  task(): Promise<void>;
  /** Stands for publishing a process event. */
  event(): Promise<void>;
}

export interface BareProcessInput {
  /**
   * The process's steps, the start first and then one per update: each records an event, and some
   * also open a task for an agency (an MLA's: 8 events, 5 tasks).
   */
  readonly steps: readonly { readonly task: boolean }[];
}

export const bareStepUpdate = defineUpdate<number, []>('step');

const { task, event } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

/**
 * The benchmark's baseline: the same updates and activities as an MLA driven to executed, in the
 * same order (a step's task before its event), with no domain rules, no payload codec, no Kafka,
 * no search attributes and no read model.
 */
export async function bareProcess(input: BareProcessInput): Promise<number> {
  const outbox: ('task' | 'event')[] = [];
  const record = (step: { task: boolean } | undefined) =>
    outbox.push(...(step?.task ? ['task' as const] : []), 'event');
  const updates = input.steps.length - 1;
  let applied = 0;
  record(input.steps[0]);
  setHandler(bareStepUpdate, () => {
    applied += 1;
    record(input.steps[applied]);
    return applied;
  });
  for (;;) {
    const next = outbox.shift();
    if (next === 'task') await task();
    else if (next === 'event') await event();
    else if (applied >= updates) return applied;
    else await condition(() => outbox.length > 0 || applied >= updates);
  }
}
