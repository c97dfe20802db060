import type { DataSource } from 'typeorm';
import type { ProcessEvent } from '@comity/events';
import { ProcessRecord } from './entities/process.record';
import { TimelineEntryRecord } from './entities/timeline-entry.record';

export type ApplyOutcome = 'applied' | 'duplicate';

/** Writes and reads the read model; the projector writes, the API reads. */
export class ReadModelStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies one process event exactly once, keyed on its event id, in one transaction. */
  async applyProcessEvent(event: ProcessEvent): Promise<ApplyOutcome> {
    return this.dataSource.transaction(async (tx) => {
      if (await tx.existsBy(TimelineEntryRecord, { eventId: event.id })) return 'duplicate';
      const d = event.data;
      await tx.insert(TimelineEntryRecord, {
        eventId: event.id,
        processId: d.processId,
        sequence: d.sequence,
        eventType: event.type,
        action: d.action,
        fromStage: d.fromStage ?? null,
        stage: d.stage,
        actorUser: d.actor.userId,
        actorRole: d.actor.role,
        actorAgency: d.actor.agencyId ?? null,
        payload: (d.payload ?? {}) as object,
        occurredAt: d.occurredAt,
      });
      const current = await tx.findOneBy(ProcessRecord, { id: d.processId });
      if (current && current.lastSequence >= d.sequence) return 'applied';
      await tx.save(ProcessRecord, {
        id: d.processId,
        type: d.processType,
        stage: d.stage,
        terminal: d.terminal,
        caseId: d.caseId ?? null,
        legalBasis: d.legalBasis,
        priority: d.priority,
        handlingCode: d.handlingCode,
        parties: d.parties,
        lastSequence: d.sequence,
        startedAt: current?.startedAt ?? d.occurredAt,
        updatedAt: d.occurredAt,
      });
      return 'applied';
    });
  }

  findProcess(id: string): Promise<ProcessRecord | null> {
    return this.dataSource.getRepository(ProcessRecord).findOneBy({ id });
  }

  timeline(processId: string): Promise<TimelineEntryRecord[]> {
    return this.dataSource
      .getRepository(TimelineEntryRecord)
      .find({ where: { processId }, order: { sequence: 'ASC' } });
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
