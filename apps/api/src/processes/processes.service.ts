import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { ComityConfig } from '@comity/config';
import { checkParties, definitionOf, type Actor } from '@comity/domain';
import type { ProcessRecord, ReadModelStore } from '@comity/persistence';
import type { TemporalHandle } from '@comity/temporal';
import { processStateQuery, processWorkflow, SearchAttributes, type StartProcessInput } from '@comity/workflows';
import { NotFoundError } from '../http/api-error';
import { CONFIG, READ_MODEL, TEMPORAL } from '../infrastructure/tokens';
import type { StartProcessBody } from './start-process.dto';

export interface StartedProcess {
  readonly id: string;
  readonly type: string;
  readonly stage: string;
  /** false when an earlier request with the same idempotency key had started it. */
  readonly created: boolean;
}

@Injectable()
export class ProcessesService {
  constructor(
    @Inject(CONFIG) private readonly config: ComityConfig,
    @Inject(TEMPORAL) private readonly temporal: TemporalHandle,
    @Inject(READ_MODEL) private readonly readModel: ReadModelStore,
  ) {}

  async start(body: StartProcessBody, actor: Actor): Promise<StartedProcess> {
    const definition = definitionOf(body.type);
    checkParties(definition, body.parties);
    const processId = processIdFor(body.type, body.idempotencyKey, actor);
    const input: StartProcessInput = {
      processId,
      type: body.type,
      caseId: body.caseId,
      legalBasis: body.legalBasis,
      priority: body.priority,
      handlingCode: body.handlingCode,
      parties: body.parties,
      data: body.data,
      startedBy: actor,
    };
    try {
      await this.temporal.client.workflow.start(processWorkflow, {
        workflowId: processId,
        taskQueue: this.config.temporal.taskQueue,
        // A finished process keeps its id: an idempotent retry must not start it again.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [input],
        typedSearchAttributes: [
          { key: SearchAttributes.processType, value: body.type },
          { key: SearchAttributes.stage, value: definition.initial },
          { key: SearchAttributes.priority, value: body.priority },
        ],
      });
      return { id: processId, type: body.type, stage: definition.initial, created: true };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const existing = await this.temporal.client.workflow.getHandle(processId).query(processStateQuery);
      return { id: processId, type: existing.type, stage: existing.stage, created: false };
    }
  }

  /**
   * The read model answers; a process started a moment ago and not yet projected is answered
   * from its workflow, so a client never sees 404 for a process it has just started.
   */
  async get(id: string): Promise<ProcessRecord | (Omit<ProcessRecord, 'lastSequence'> & { projected: false })> {
    const record = await this.readModel.findProcess(id);
    if (record) return record;
    try {
      const state = await this.temporal.client.workflow.getHandle(id).query(processStateQuery);
      return {
        id: state.processId,
        type: state.type,
        stage: state.stage,
        terminal: state.terminal,
        caseId: state.caseId ?? null,
        legalBasis: state.legalBasis,
        priority: state.priority,
        handlingCode: state.handlingCode,
        parties: { ...state.parties },
        startedAt: state.startedAt,
        updatedAt: state.updatedAt,
        projected: false,
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new NotFoundError('PROCESS_NOT_FOUND', `no process '${id}'`);
      throw err;
    }
  }
}

/**
 * A process id is its workflow id. With an idempotency key it is derived from the key (scoped to
 * the caller), so a repeated request finds the workflow the first one started.
 */
function processIdFor(type: string, idempotencyKey: string | undefined, actor: Actor): string {
  if (!idempotencyKey) return `${type}-${randomUUID()}`;
  const digest = createHash('sha256')
    .update(`${actor.agencyId ?? actor.userId}\n${idempotencyKey}`)
    .digest('hex');
  return `${type}-${digest.slice(0, 32)}`;
}
