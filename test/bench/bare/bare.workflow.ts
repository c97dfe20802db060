import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

/** One step of a baseline process, as its activity receives it. */
export interface BareStep {
  /** 0 for the start, then the number of the update that made the step. */
  readonly index: number;
  /** Whether the step opens a task for an agency (published before the step's event, as Comity does). */
  readonly task: boolean;
  /** When the step happened, on the workflow's clock: the task's `assignedAt`, for the latency figure. */
  readonly assignedAt: number;
}

/**
 * The baselines' one activity: publishing a step (its task, if any, then its event). The in-memory
 * baseline's does nothing but hand the task to its driver; the fair baseline's produces both to
 * Kafka with Comity's producer settings.
 */
export interface BareActivities {
  step(step: BareStep): Promise<void>;
}

export interface BareProcessInput {
  /**
   * The process's steps, the start first and then one per update: each records an event, and some
   * also open a task for an agency (an MLA's: 8 events, 5 tasks).
   */
  readonly steps: readonly { readonly task: boolean }[];
}

export const bareStepUpdate = defineUpdate<number, []>('step');

const { step } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

/**
 * The benchmark's baselines: the skeleton of an MLA driven to executed — its updates, and one
 * activity per step as Comity's worker runs (a stage's task and event published together) — with
 * no domain rules, no payload codec, no search attributes and no read model.
 */
export async function bareProcess(input: BareProcessInput): Promise<number> {
  const outbox: BareStep[] = [];
  const record = (index: number) =>
    outbox.push({ index, task: input.steps[index]?.task === true, assignedAt: Date.now() });
  const updates = input.steps.length - 1;
  let applied = 0;
  record(0);
  setHandler(bareStepUpdate, () => {
    applied += 1;
    record(applied);
    return applied;
  });
  for (;;) {
    const next = outbox.shift();
    if (next) await step(next);
    else if (applied >= updates) return applied;
    else await condition(() => outbox.length > 0 || applied >= updates);
  }
}
