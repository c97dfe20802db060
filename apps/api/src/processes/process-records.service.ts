import { Inject, Injectable } from '@nestjs/common';
import {
  DOCUMENTS_FACT,
  fillRequestForm,
  verifyAuditChain,
  type Actor,
  type AttachedDocument,
  type ChainVerdict,
  type FilledForm,
  type OffChannelStep,
  type RequestForm,
  type Role,
} from '@comity/domain';
import type { ComityConfig } from '@comity/config';
import type { ProcessQueries } from '@comity/persistence';
import { mayReadPayloads } from '../auth/handling-policy';
import { CONFIG, PROCESS_QUERIES } from '../infrastructure/tokens';
import { DirectoryService } from '../directory/directory.service';
import { ClientError } from '../http/api-error';
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
  readonly evidence?: { readonly kid: string; readonly jws: string };
}

/** What the read model recorded of a process: its timeline, and the audit chain over it. */
@Injectable()
export class ProcessRecordsService {
  constructor(
    private readonly processes: ProcessesService,
    @Inject(PROCESS_QUERIES) private readonly queries: ProcessQueries,
    @Inject(CONFIG) private readonly config: ComityConfig,
    private readonly directory: DirectoryService,
  ) {}

  /**
   * The process's request in the shape of another system's form (the EIO's Annex A, the UNODC MLA
   * request writer's request; docs/federation.md): from the process, its start data (the start
   * event's payload), its documents and the directory's names of its authorities.
   */
  async requestForm(id: string, form: RequestForm, actor: Actor): Promise<FilledForm> {
    const view = await this.processes.liveState(id, actor);
    if (view.type !== 'mla') {
      throw new ClientError(
        409,
        'REQUEST_FORM_NOT_APPLICABLE',
        `the ${form} form is a mutual legal assistance request; this process is ${view.type}`,
      );
    }
    const [start] = await this.queries.timeline(id);
    const data = (start?.sequence === 0 ? start.payload : {}) as Record<string, unknown>;
    const translation = view.facts['translation'];
    return fillRequestForm(form, {
      processId: view.processId,
      legalBasis: view.legalBasis,
      priority: view.priority,
      parties: view.parties,
      ...(view.offence ? { offence: view.offence } : {}),
      data,
      ...(typeof translation === 'string' ? { translation } : {}),
      documents: (view.facts[DOCUMENTS_FACT] as readonly AttachedDocument[] | undefined) ?? [],
      deadlines: view.deadlines,
      authorities: await this.directory.authoritiesOf(view.parties),
    });
  }

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
        // The signed answer holds the payload too: shown and withheld with it.
        ...(showPayloads && r.evidence ? { evidence: r.evidence } : {}),
        // How and when it was taken stays; its reference and scans are withheld with the payload.
        ...(r.offChannel ? { offChannel: showPayloads ? r.offChannel : withheldOffChannel(r.offChannel) } : {}),
        ...(showPayloads ? {} : { payloadWithheld: true }),
      })),
    };
  }

  /**
   * Recomputes the process's audit chain from the read model and checks that it ends at the head
   * the process itself holds (its workflow's state); reports the first broken link.
   */
  async verifyAudit(id: string, actor: Actor): Promise<ChainVerdict & { processId: string }> {
    const view = await this.processes.liveState(id, actor);
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
          ...(r.evidence ? { evidence: r.evidence } : {}),
          ...(r.offChannel ? { offChannel: r.offChannel } : {}),
        },
        previousHash: r.auditPreviousHash ?? '',
        hash: r.auditHash ?? '',
      })),
      { sequence: view.sequence, hash: view.auditHash, recordedAt: view.updatedAt },
      { lagGraceMs: this.config.api.auditLagGraceMs },
    );
    return { processId: id, ...verdict };
  }
}

const withheldOffChannel = ({ reference: _reference, ...step }: OffChannelStep): OffChannelStep => ({
  ...step,
  documents: [],
});
