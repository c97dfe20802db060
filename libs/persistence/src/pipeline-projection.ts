import type { EntityManager } from 'typeorm';
import { ProcessPartyRecord } from './entities/process-party.record';
import { parameters } from './sql';

export interface PipelinePosition {
  readonly type: string;
  readonly stage: string;
  readonly handlingCode: string;
  readonly overdue: boolean;
}

/**
 * Keeps the pipeline's counts and the party rows' copy of the process's position in step with a
 * process that moved from `before` (null when it is new) to `after`. The counts change by deltas
 * in one statement each (an upsert), so projectors working in parallel never lose an update.
 */
export async function projectPipeline(
  tx: EntityManager,
  processId: string,
  before: PipelinePosition | null,
  after: PipelinePosition & { readonly updatedAt: string },
): Promise<void> {
  await tx.update(
    ProcessPartyRecord,
    { processId },
    { type: after.type, stage: after.stage, overdue: after.overdue, updatedAt: after.updatedAt },
  );
  const unmoved =
    before &&
    before.type === after.type &&
    before.stage === after.stage &&
    before.handlingCode === after.handlingCode &&
    before.overdue === after.overdue;
  if (unmoved) {
    return;
  }
  if (before) await addToCount(tx, before, -1);
  await addToCount(tx, after, 1);
}

async function addToCount(tx: EntityManager, position: PipelinePosition, sign: 1 | -1): Promise<void> {
  const at = parameters(tx);
  await tx.query(
    `INSERT INTO pipeline_counts (type, stage, handling_code, processes, overdue)
     VALUES (${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)})
     ON CONFLICT (type, stage, handling_code) DO UPDATE SET processes = pipeline_counts.processes + excluded.processes,
       overdue = pipeline_counts.overdue + excluded.overdue`,
    [position.type, position.stage, position.handlingCode, sign, position.overdue ? sign : 0],
  );
}
