import { randomUUID } from 'node:crypto';
import type { CaseView, OpenedCase } from '@comity/api-contract';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { ComityConfig } from '@comity/config';
import {
  caseObligationsOf,
  definitionOf,
  processTypes,
  type Actor,
  type CaseObligation,
  type HandlingCode,
} from '@comity/domain';
import type { ProcessQueries } from '@comity/persistence';
import type { TemporalHandle } from '@comity/temporal';
import { caseWorkflow, type OpenCaseInput } from '@comity/workflows';
import { forbidden, notFound } from '../http/api-error';
import { CONFIG, PROCESS_QUERIES, TEMPORAL } from '../infrastructure/tokens';
import { checkHandlingCode, handlingCodesHiddenFrom, mayReadPayloads } from '../auth/handling-policy';
import type { OpenCaseBody } from './case-requests.dto';

/** A case's workflow id: its own prefix, so case and process ids never collide. */
export const caseWorkflowId = (caseId: string) => `case:${caseId}`;

@Injectable()
export class CasesService {
  constructor(
    @Inject(CONFIG) private readonly config: ComityConfig,
    @Inject(TEMPORAL) private readonly temporal: TemporalHandle,
    @Inject(PROCESS_QUERIES) private readonly queries: ProcessQueries,
  ) {}

  /** Opens a case; opening one that exists answers it unchanged (created: false). */
  async open(body: OpenCaseBody, actor: Actor): Promise<OpenedCase> {
    const input: OpenCaseInput = {
      caseId: body.caseId ?? `case-${randomUUID()}`,
      title: body.title,
      handlingCode: body.handlingCode,
      openedBy: actor,
      openedAt: new Date().toISOString(),
    };
    try {
      await this.temporal.client.workflow.start(caseWorkflow, {
        workflowId: caseWorkflowId(input.caseId),
        taskQueue: this.config.temporal.taskQueue,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [input],
        memo: { case: input },
      });
      return { ...input, created: true };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      return { ...(await this.find(input.caseId)), created: false };
    }
  }

  /** The case's facts, from its workflow's memo; 404 CASE_NOT_FOUND when there is no such case. */
  async find(caseId: string): Promise<OpenCaseInput> {
    try {
      const description = await this.temporal.client.workflow.getHandle(caseWorkflowId(caseId)).describe();
      return description.memo?.['case'] as OpenCaseInput;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw notFound('CASE_NOT_FOUND', `no case '${caseId}'`);
      throw err;
    }
  }

  /**
   * The case with its processes and their stages, and the obligations they opened for it (as their
   * definitions declare them); an agency sees only its own processes of it.
   */
  async get(caseId: string, actor: Actor): Promise<CaseView> {
    const { facts, processes } = await this.visible(caseId, actor);
    const listed = processes.map((p) => ({ id: p.id, type: p.type, stage: p.stage }));
    const obligations: CaseObligation[] = caseObligationsOf(listed, (type) =>
      processTypes.includes(type) ? definitionOf(type) : undefined,
    );
    return { ...facts, processes: listed, obligations };
  }

  /**
   * The events of the case's processes the caller may see, merged in the order they occurred (read
   * model); what an event carried is withheld where the process's handling code says so.
   */
  async timeline(caseId: string, actor: Actor) {
    const { processes } = await this.visible(caseId, actor);
    const byId = new Map(processes.map((p) => [p.id, p]));
    const rows = await this.queries.caseTimeline([...byId.keys()]);
    return {
      caseId,
      items: rows.map((r) => {
        const process = byId.get(r.processId);
        const showPayload = process ? mayReadPayloads(actor, process.handlingCode as HandlingCode) : false;
        return {
          processId: r.processId,
          processType: process?.type ?? '',
          sequence: r.sequence,
          type: r.eventType,
          action: r.action,
          fromStage: r.fromStage,
          stage: r.stage,
          actor: { userId: r.actorUser, role: r.actorRole, ...(r.actorAgency ? { agencyId: r.actorAgency } : {}) },
          occurredAt: r.occurredAt,
          payload: showPayload ? r.payload : null,
          ...(showPayload ? {} : { payloadWithheld: true as const }),
        };
      }),
    };
  }

  /** The case's facts and the processes of it the caller may see; 403 for an agency with none. */
  private async visible(caseId: string, actor: Actor) {
    const facts = await this.find(caseId);
    checkHandlingCode(actor, facts.handlingCode);
    const page = await this.queries.listProcesses({
      caseId,
      limit: 200,
      excludeHandlingCodes: handlingCodesHiddenFrom(actor),
      ...(actor.role === 'agency' ? { agencyId: actor.agencyId } : {}),
    });
    if (actor.role === 'agency' && page.items.length === 0) {
      throw forbidden('NOT_A_PARTY', `agency '${actor.agencyId}' has no process in this case`);
    }
    return { facts, processes: page.items };
  }
}
