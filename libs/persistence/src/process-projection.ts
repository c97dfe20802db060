import type { DataSource, EntityManager } from 'typeorm';
import { awaitedBinding, definitionOf, foldStatistics, processTypes, type ProcessDefinition } from '@comity/domain';
import type { ProcessEvent } from '@comity/events';
import { ProcessPartyRecord } from './entities/process-party.record';
import { ProcessStatisticsRecord } from './entities/process-statistics.record';
import { NO_DEADLINE, ProcessRecord } from './entities/process.record';
import { TimelineEntryRecord } from './entities/timeline-entry.record';
import { factsOfRecord } from './statistics-queries';
import { projectCase, projectTasks } from './task-and-case-projection';
import { projectPipeline } from './pipeline-projection';

export type ApplyOutcome = 'applied' | 'duplicate';

const priorityRank: Readonly<Record<string, number>> = { urgent: 0, high: 1, normal: 2 };

/** The registry's definition of a known type; events of other types are kept but not interpreted. */
const registeredDefinition = (type: string): ProcessDefinition | undefined =>
  processTypes.includes(type) ? definitionOf(type) : undefined;

/** Writes process events into the read model; the projector is its only user. */
export class ProcessProjection {
  constructor(
    private readonly dataSource: DataSource,
    /** Where a process type's definition comes from; tests add test-only types. */
    private readonly definitionFor: (type: string) => ProcessDefinition | undefined = registeredDefinition,
  ) {}

  /** Applies one process event exactly once, keyed on its event id, in one transaction. */
  async apply(event: ProcessEvent): Promise<ApplyOutcome> {
    const [outcome] = await this.applyAll([event]);
    return outcome as ApplyOutcome;
  }

  /**
   * Applies process events in their order, each exactly once (keyed on its event id), all in one
   * transaction: a batch from the topic costs one commit, not one per event. A failure rolls back
   * the whole batch, which is then applied again (its events already stored count as duplicates).
   */
  async applyAll(events: readonly ProcessEvent[]): Promise<ApplyOutcome[]> {
    return this.dataSource.transaction(async (tx) => {
      const outcomes: ApplyOutcome[] = [];
      for (const event of events) outcomes.push(await this.applyIn(tx, event));
      return outcomes;
    });
  }

  private async applyIn(tx: EntityManager, event: ProcessEvent): Promise<ApplyOutcome> {
    if (await tx.existsBy(TimelineEntryRecord, { eventId: event.id })) return 'duplicate';
    await this.appendTimeline(tx, event);
    await this.foldStatistics(tx, event);
    await projectTasks(tx, this.definitionFor(event.data.processType), event);
    await projectCase(tx, event);
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
      offence: d.offence ?? null,
      legalBasis: d.legalBasis,
      priority: d.priority,
      priorityRank: priorityRank[d.priority] ?? 2,
      handlingCode: d.handlingCode,
      parties: d.parties,
      deadlines: d.deadlines,
      nextDueAt: open.sort()[0] ?? NO_DEADLINE,
      overdue: d.overdue,
      awaitingAgency: this.awaitedAgency(d),
      lastSequence: d.sequence,
      // A process begun outside Comity (received by post) started when it began, as its deadlines say.
      startedAt: current?.startedAt ?? d.offChannel?.at ?? d.occurredAt,
      updatedAt: d.occurredAt,
    });
    const after = {
      type: d.processType,
      stage: d.stage,
      handlingCode: d.handlingCode,
      overdue: d.overdue,
      updatedAt: d.occurredAt,
    };
    await projectPipeline(tx, d.processId, current, after);
    return 'applied';
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
      evidence: d.evidence ?? null,
      offChannel: d.offChannel ?? null,
      occurredAt: d.occurredAt,
      auditPreviousHash: d.audit.previousHash,
      auditHash: d.audit.hash,
    });
  }

  /** Folds the event into the process's statistics facts (see StatisticsFacts in libs/domain). */
  private async foldStatistics(tx: EntityManager, event: ProcessEvent): Promise<void> {
    const definition = this.definitionFor(event.data.processType);
    if (!definition) return;
    const stored = await tx.findOneBy(ProcessStatisticsRecord, { processId: event.data.processId });
    const before = stored ? factsOfRecord(stored) : undefined;
    const after = foldStatistics(definition, before, event.data);
    if (after !== before) await tx.save(ProcessStatisticsRecord, { ...after, assets: [...after.assets] });
  }

  /** The agency of the party the stage awaits, per the process's definition. */
  private awaitedAgency(d: ProcessEvent['data']): string | null {
    const definition = d.terminal ? undefined : this.definitionFor(d.processType);
    const slot = definition?.states[d.stage]?.awaiting;
    return (definition && slot && awaitedBinding(definition, d.parties, slot)?.agencyId) || null;
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
