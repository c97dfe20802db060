import { Inject, Injectable } from '@nestjs/common';
import {
  QueryNotRegisteredError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { actionPublicKeys, parseActionKeys } from '@comity/auth';
import type { ComityConfig } from '@comity/config';
import {
  allowedActions,
  checkOpen,
  currentDefinitionVersion,
  definitionOf,
  DomainError,
  DomainErrorCode,
  caseIdentifier,
  LINK_CASE_ACTION,
  offChannelActions,
  openedOffChannel,
  requestDigest,
  type ActionSigningKey,
  type Actor,
  type HandlingCode,
} from '@comity/domain';
import type { ProcessPage, ProcessQueries } from '@comity/persistence';
import type { TemporalHandle } from '@comity/temporal';
import {
  PROCESS_WORKFLOW_REVISION,
  processStateQuery,
  processWorkflow,
  searchAttributesAtStart,
  type ProcessView,
  type StartProcessInput,
} from '@comity/workflows';
import { refusalOf, takeAction, updateIdOf } from '@comity/workflows/gateway';
import type { ProcessResource, StartedProcess } from '@comity/api-contract';
import { checkHandlingCode, handlingCodesHiddenFrom } from '../auth/handling-policy';
import { CasesService } from '../cases/cases.service';
import { DirectoryService } from '../directory/directory.service';
import { ClientError, forbidden, notFound, validationFailed } from '../http/api-error';
import { CONFIG, PROCESS_QUERIES, TEMPORAL } from '../infrastructure/tokens';
import type { ListProcessesQuery, StartProcessBody, TakeActionBody } from './process-requests.dto';

@Injectable()
export class ProcessesService {
  constructor(
    @Inject(CONFIG) private readonly config: ComityConfig,
    @Inject(TEMPORAL) private readonly temporal: TemporalHandle,
    @Inject(PROCESS_QUERIES) private readonly queries: ProcessQueries,
    private readonly cases: CasesService,
    private readonly directory: DirectoryService,
  ) {
    this.actionKeys = parseActionKeys(config.temporal.actionKeys);
    this.workflowRevision = config.temporal.startWorkflowRevision ?? PROCESS_WORKFLOW_REVISION;
    if (this.workflowRevision > PROCESS_WORKFLOW_REVISION) {
      throw new Error(
        `COMITY_START_WORKFLOW_REVISION is ${this.workflowRevision}; this release knows revisions 0 to ${PROCESS_WORKFLOW_REVISION}`,
      );
    }
  }

  /**
   * The workflow revision new processes start at: this code's, unless the configuration holds it
   * back while workers of a release that predates it still poll (they would run it as revision 0).
   */
  private readonly workflowRevision: number;

  /** The keys this API signs actions with; new processes accept them. */
  private readonly actionKeys: readonly ActionSigningKey[];

  async start(body: StartProcessBody, actor: Actor): Promise<StartedProcess> {
    const definition = definitionOf(body.type);
    const { parties, version: directoryVersion } = await this.directory.resolveParties(
      body.type,
      body.legalBasis,
      body.parties,
    );
    checkOpen(definition, { ...body, parties });
    const handlingCode = await this.handlingCodeFor(body);
    const opened = body.offChannel ? openedOffChannel(body.offChannel, Date.now()) : undefined;
    if (typeof opened === 'string') throw validationFailed([`body.${opened}`]);
    const processId = `${body.type}-${updateIdOf(actor, body.idempotencyKey)}`;
    const { idempotencyKey, ...request } = body;
    const input: StartProcessInput = {
      processId,
      type: body.type,
      caseId: body.caseId,
      offence: body.offence,
      legalBasis: body.legalBasis,
      priority: body.priority,
      handlingCode,
      parties,
      data: body.data,
      startedBy: actor,
      definitionVersion: currentDefinitionVersion(body.type),
      workflowRevision: this.workflowRevision,
      actionKeys: actionPublicKeys(this.actionKeys),
      ...(opened ? { offChannel: opened } : {}),
      ...(directoryVersion ? { directoryVersion } : {}),
    };
    try {
      await this.temporal.client.workflow.start(processWorkflow, {
        workflowId: processId,
        taskQueue: this.config.temporal.taskQueue,
        // A finished process keeps its id: an idempotent retry must not start it again.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [input],
        typedSearchAttributes: searchAttributesAtStart(input),
        // What the idempotency key stands for, so that a repeat with another body is told apart.
        memo: { requestDigest: requestDigest(request) },
      });
      return { id: processId, type: body.type, stage: definition.initial, created: true };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const { memo } = await this.withinDeadline(() => this.handle(processId).describe());
      const first = memo?.['requestDigest'];
      if (typeof first === 'string' && first !== requestDigest(request)) {
        throw new DomainError(
          DomainErrorCode.IdempotencyKeyReused,
          `idempotency key '${idempotencyKey ?? ''}' started a process with another request; nothing was started (use a new key for a new process)`,
          ['body.idempotencyKey: already used with a different type, legal basis, parties, priority or data'],
        );
      }
      const existing = await this.withinDeadline(() => this.handle(processId).query(processStateQuery));
      return { id: processId, type: existing.type, stage: existing.stage, created: false };
    }
  }

  /** From the read model; an agency sees only processes it is a party to. */
  list(query: ListProcessesQuery, actor: Actor): Promise<ProcessPage> {
    if (actor.role === 'agency' && query.agency && query.agency !== actor.agencyId) {
      throw forbidden('NOT_YOUR_AGENCY', 'an agency may list only its own processes');
    }
    return this.queries.listProcesses({
      ...query,
      agencyId: actor.role === 'agency' ? actor.agencyId : query.agency,
      excludeHandlingCodes: handlingCodesHiddenFrom(actor),
    });
  }

  async get(id: string, actor: Actor): Promise<ProcessResource> {
    return await this.resource(await this.liveState(id, actor), actor);
  }

  /**
   * One call to the workflow: its validator refuses an agency that is not a party before anything
   * else (NOT_A_PARTY, as liveState would), and only the actors that may act reach this route
   * (auditors, the one role a handling code hides processes from, may not). A failure that is not
   * the process's refusal is read with liveState, which says 404 or 403 where that is the answer.
   * An action sent while no worker runs is answered 503 and stays with the server; a retry under the
   * same idempotency key gets its outcome once a worker is back (test/e2e/worker-outage.e2e.ts), and
   * one that reaches a process's first activation, before its start was recorded, comes after the
   * start (test/workflows/action-assertion.workflow.spec.ts).
   */
  async act(id: string, body: TakeActionBody, actor: Actor): Promise<ProcessResource> {
    if (body.action === LINK_CASE_ACTION) await this.checkCaseToJoin(id, body.payload, actor);
    const onBehalfOf = body.offChannel?.onBehalfOf;
    if (onBehalfOf !== undefined || (await this.directory.maySend(body.action))) {
      const process = await this.liveState(id, actor);
      if (onBehalfOf !== undefined) await this.directory.checkReachedOutsideComity(process, onBehalfOf);
      await this.directory.checkBeforeSending(process, body.action);
    }
    try {
      const { action, payload, offChannel, idempotencyKey } = body;
      const view = await takeAction(
        this.temporal.client,
        { processId: id, action, payload, actor, idempotencyKey, ...(offChannel ? { offChannel } : {}) },
        { keys: this.actionKeys, deadlineMs: WORKFLOW_CALL_DEADLINE_MS },
      );
      return await this.resource(view, actor);
    } catch (err) {
      throw await this.domainErrorOf(id, err, actor);
    }
  }

  /** A process inside a case must name a case that exists, and keeps at least its handling code. */
  private async handlingCodeFor(body: StartProcessBody): Promise<HandlingCode> {
    if (!body.caseId) return body.handlingCode ?? 'H1';
    const caseCode = await this.caseCode(body.caseId, 'body.caseId');
    const code = body.handlingCode ?? caseCode;
    if (code < caseCode) {
      throw new ClientError(
        400,
        'HANDLING_CODE_BELOW_CASE',
        `the case is ${caseCode}; its processes cannot be ${code}`,
        [`body.handlingCode: at least ${caseCode} in this case`],
      );
    }
    return code;
  }

  /** The handling code of a case the request names at `field`; 400 CASE_NOT_FOUND when there is none. */
  private async caseCode(caseId: string, field: string): Promise<HandlingCode> {
    try {
      return (await this.cases.find(caseId)).handlingCode;
    } catch (err) {
      if (err instanceof ClientError && err.code === 'CASE_NOT_FOUND') {
        throw new ClientError(400, 'CASE_NOT_FOUND', `no case '${caseId}'; open it first`, [
          `${field}: no case '${caseId}'`,
        ]);
      }
      throw err;
    }
  }

  /**
   * Before a process is put in a case (link-case): the case must exist, and the process keeps at
   * least the case's handling code, as one started in it must; nothing reaches the process
   * otherwise. Raising a process's code would change who may see what it has already shared, so
   * that is refused rather than done here. A malformed payload is left to the action's schema, a
   * process already in a case to the process's own refusal.
   */
  private async checkCaseToJoin(id: string, payload: unknown, actor: Actor): Promise<void> {
    // Only those who may take the action learn whether a case exists and its code: the others'
    // request goes on to the process, which refuses them (ACTOR_NOT_PERMITTED).
    if (actor.role !== 'coordinator' && actor.role !== 'admin') return;
    // The action's own schema: what does not pass it, the process refuses as it would.
    const named = caseIdentifier.safeParse((payload as { caseId?: unknown } | null | undefined)?.caseId);
    if (!named.success) return;
    const caseId = named.data;
    const view = await this.liveState(id, actor);
    // Already in a case: the process refuses (or, for a repeated request, answers as the first time).
    if (view.caseId !== undefined) return;
    const caseCode = await this.caseCode(caseId, 'payload.caseId');
    if (view.handlingCode < caseCode) {
      throw new ClientError(
        409,
        'HANDLING_CODE_BELOW_CASE',
        `the case is ${caseCode}; this process is ${view.handlingCode}`,
        [
          `payload.caseId: the processes of case '${caseId}' are at least ${caseCode}; this one is ${view.handlingCode}`,
        ],
      );
    }
  }

  /**
   * A query or update waits for a worker to run it; with no worker polling it would wait for the
   * client's default deadline. Past this one the API answers 503 (see ApiExceptionFilter).
   */
  private withinDeadline<T>(call: () => Promise<T>): Promise<T> {
    return this.temporal.client.withDeadline(Date.now() + WORKFLOW_CALL_DEADLINE_MS, call);
  }

  private handle(id: string): WorkflowHandle<typeof processWorkflow> {
    return this.temporal.client.workflow.getHandle<typeof processWorkflow>(id);
  }

  /** The workflow's own state; 404 if there is no such process, 403 for an agency that is not a party. */
  async liveState(id: string, actor: Actor): Promise<ProcessView> {
    let view: ProcessView;
    try {
      view = await this.withinDeadline(() => this.handle(id).query(processStateQuery));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (await this.isOtherWorkflow(id, err))) {
        throw notFound('PROCESS_NOT_FOUND', `no process '${id}'`);
      }
      throw err;
    }
    checkHandlingCode(actor, view.handlingCode);
    if (actor.role === 'agency' && !Object.values(view.parties).some((p) => p.agencyId === actor.agencyId)) {
      throw forbidden('NOT_A_PARTY', `agency '${actor.agencyId}' is not a party to this process`);
    }
    return view;
  }

  /**
   * A case's workflow (`case:<id>`) shares the namespace but has no state query: naming it is naming
   * no process. A process whose query fails is our fault and stays a 5xx.
   */
  private async isOtherWorkflow(id: string, err: unknown): Promise<boolean> {
    if (!(err instanceof QueryNotRegisteredError)) return false;
    const description = await this.withinDeadline(() => this.handle(id).describe());
    return description.type !== processWorkflow.name;
  }

  private async resource(view: ProcessView, actor: Actor): Promise<ProcessResource> {
    const definition = definitionOf(view.type);
    const label = (action: string) => ({ action, label: definition.actions[action]?.label ?? action });
    // Who the coordinator records steps for: parties the directory lists as reached outside Comity.
    const recordsFor = actor.role === 'coordinator' || actor.role === 'admin';
    const offChannelParties = recordsFor
      ? (await this.directory.reachedOutsideComity(view.parties)).map(({ party, agencyId }) => ({
          party,
          agencyId,
          actions: offChannelActions(definition, view, party).map(label),
        }))
      : [];
    const { facts, processId, ...rest } = view;
    const legalRecord = Object.fromEntries(
      (definition.publicFacts ?? []).filter((key) => facts[key] !== undefined).map((key) => [key, facts[key]]),
    );
    return {
      ...rest,
      id: processId,
      legalRecord,
      stageLabel: definition.states[view.stage]?.label ?? view.stage,
      allowedActions: allowedActions(definition, view, actor).map(label),
      ...(offChannelParties.length ? { offChannelParties } : {}),
    };
  }

  /**
   * The workflow's refusal as a DomainError (its stable code travels as the failure type). An
   * update that found no process, another kind of workflow or a closed process is answered as a
   * read would be (liveState: 404, or 403 for an agency that is not a party), and a closed process
   * the actor may see as PROCESS_FINISHED.
   */
  private async domainErrorOf(id: string, err: unknown, actor: Actor): Promise<unknown> {
    const refusal = refusalOf(err);
    if (refusal) return new DomainError(refusal.code, refusal.message, refusal.details);
    if (err instanceof WorkflowNotFoundError || err instanceof WorkflowUpdateFailedError) {
      await this.liveState(id, actor);
    }
    if (err instanceof WorkflowNotFoundError) {
      const description = await this.handle(id).describe();
      if (description.status.name !== 'RUNNING') {
        return new DomainError(
          DomainErrorCode.ProcessFinished,
          `the process is ${description.status.name.toLowerCase()}`,
        );
      }
    }
    return err;
  }
}

const WORKFLOW_CALL_DEADLINE_MS = 10_000;
