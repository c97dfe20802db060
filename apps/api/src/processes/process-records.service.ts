import { Inject, Injectable } from '@nestjs/common';
import { verifyAuditChain, type Actor, type ChainVerdict, type Role } from '@comity/domain';
import type { ProcessQueries } from '@comity/persistence';
import { mayReadPayloads } from '../auth/handling-policy';
import { PROCESS_QUERIES } from '../infrastructure/tokens';
import { ProcessesService } from './processes.service';

export interface TimelineItem {
  readonly sequence: number;
  readonly type: string;
  readonly action: string;
  readonly fromStage: string | null;
  readonly stage: string;
  readonly actor: { readonly userId: string; readonly role: string; readonly agencyId?: string };
  readonly occurredAt: string;
  readonly payload: unknown;
  /** Set when the handling code withholds what the event carried from this caller. */
  readonly payloadWithheld?: true;
}

/** What the read model recorded of a process: its timeline, and the audit chain over it. */
@Injectable()
export class ProcessRecordsService {
  constructor(
    private readonly processes: ProcessesService,
    @Inject(PROCESS_QUERIES) private readonly queries: ProcessQueries,
  ) {}

  /** The process's events in order, with who took each step (read model). */
  async timeline(id: string, actor: Actor): Promise<{ items: TimelineItem[] }> {
    const view = await this.processes.liveState(id, actor);
    const showPayloads = mayReadPayloads(actor, view.handlingCode);
    const rows = await this.queries.timeline(id);
    return {
      items: rows.map((r) => ({
        sequence: r.sequence,
        type: r.eventType,
        action: r.action,
        fromStage: r.fromStage,
        stage: r.stage,
        actor: { userId: r.actorUser, role: r.actorRole, ...(r.actorAgency ? { agencyId: r.actorAgency } : {}) },
        occurredAt: r.occurredAt,
        payload: showPayloads ? r.payload : null,
        ...(showPayloads ? {} : { payloadWithheld: true }),
      })),
    };
  }

  /** Recomputes the process's audit chain from the read model; reports the first broken link. */
  async verifyAudit(id: string, actor: Actor): Promise<ChainVerdict & { processId: string }> {
    await this.processes.liveState(id, actor);
    const rows = await this.queries.timeline(id);
    const verdict = verifyAuditChain(
      rows.map((r) => ({
        record: {
          processId: r.processId,
          sequence: r.sequence,
          action: r.action,
          fromStage: r.fromStage,
          stage: r.stage,
          actor: {
            userId: r.actorUser,
            role: r.actorRole as Role,
            ...(r.actorAgency ? { agencyId: r.actorAgency } : {}),
          },
          occurredAt: r.occurredAt,
          payload: r.payload,
        },
        previousHash: r.auditPreviousHash ?? '',
        hash: r.auditHash ?? '',
      })),
    );
    return { processId: id, ...verdict };
  }
}
