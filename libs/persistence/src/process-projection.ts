import type { DataSource, EntityManager } from 'typeorm';
import { definitionOf, processTypes } from '@comity/domain';
import type { ProcessEvent } from '@comity/events';
import { ProcessPartyRecord } from './entities/process-party.record';
import { NO_DEADLINE, ProcessRecord } from './entities/process.record';
import { TimelineEntryRecord } from './entities/timeline-entry.record';

export type ApplyOutcome = 'applied' | 'duplicate';

const priorityRank: Readonly<Record<string, number>> = { urgent: 0, high: 1, normal: 2 };

/** Writes process events into the read model; the projector is its only user. */
export class ProcessProjection {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies one process event exactly once, keyed on its event id, in one transaction. */
  async apply(event: ProcessEvent): Promise<ApplyOutcome> {
    return this.dataSource.transaction(async (tx) => {
      if (await tx.existsBy(TimelineEntryRecord, { eventId: event.id })) return 'duplicate';
      await this.appendTimeline(tx, event);
      const d = event.data;
      const current = await tx.findOneBy(ProcessRecord, { id: d.processId });
      await this.recordParties(tx, event, current?.parties ?? {});
      if (current && current.lastSequence >= d.sequence) return 'applied';
      const open = d.deadlines.filter((x) => x.status === 'running' || x.status === 'expired').map((x) => x.dueAt);
      await tx.save(ProcessRecord, {
        id: d.processId,
        type: d.processType,
        stage: d.stage,
        terminal: d.terminal,
        caseId: d.caseId ?? null,
        legalBasis: d.legalBasis,
        priority: d.priority,
        priorityRank: priorityRank[d.priority] ?? 2,
        handlingCode: d.handlingCode,
        parties: d.parties,
        deadlines: d.deadlines,
        nextDueAt: open.sort()[0] ?? NO_DEADLINE,
        overdue: d.overdue,
        awaitingAgency: awaitedAgency(d),
        lastSequence: d.sequence,
        startedAt: current?.startedAt ?? d.occurredAt,
        updatedAt: d.occurredAt,
      });
      return 'applied';
    });
  }

  private async appendTimeline(tx: EntityManager, event: ProcessEvent): Promise<void> {
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
      auditPreviousHash: d.audit.previousHash,
      auditHash: d.audit.hash,
    });
  }

  /** Records the parties not yet known: all at the start, then members as they join a group. */
  private async recordParties(
    tx: EntityManager,
    event: ProcessEvent,
    known: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    const joined = Object.entries(event.data.parties).filter(([slot]) => !(slot in known));
    const rows = joined.map(([slot, p]) => ({
      processId: event.data.processId,
      slot,
      agencyId: p.agencyId,
      state: p.state,
    }));
    if (rows.length) await tx.insert(ProcessPartyRecord, rows);
  }
}

/** The agency of the party the stage awaits, per the process's definition. */
function awaitedAgency(d: ProcessEvent['data']): string | null {
  if (d.terminal || !processTypes.includes(d.processType)) return null;
  const slot = definitionOf(d.processType).states[d.stage]?.awaiting;
  return (slot && d.parties[slot]?.agencyId) || null;
}
