import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ATTACH_DOCUMENT_ACTION, DomainErrorCode, type Actor } from '@comity/domain';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { ApiAnswers, ApiQueryOf } from '../http/openapi.decorators';
import {
  auditVerdict,
  filledRequestForm,
  processPage,
  processResource,
  startedProcess,
  timeline,
} from '@comity/api-contract';
import { jsonSchema } from '../http/json-schema';
import { identifier } from '../http/identifier';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import {
  listProcessesQuery,
  requestFormQuery,
  startProcessBody,
  takeActionBody,
  type ListProcessesQuery,
  type RequestFormQuery,
  type StartProcessBody,
  type TakeActionBody,
} from './process-requests.dto';
import { ProcessRecordsService } from './process-records.service';
import { actionRequestSchema, startRequestSchema } from './process-request.schemas';
import { DocumentsService } from '../documents/documents.service';
import { ProcessesService } from './processes.service';

// A process id is an id like any a client names: one Temporal would refuse is a 400, not its error.
const processId = new ZodValidationPipe(identifier, 'path.id');

/** Reading one process: a bad id, none such, or one the caller may not see; its workflow must answer. */
const processErrors = {
  400: ['VALIDATION_FAILED'],
  403: ['NOT_A_PARTY', 'HANDLING_RESTRICTED'],
  404: ['PROCESS_NOT_FOUND'],
  503: ['TEMPORAL_UNAVAILABLE'],
};

@ApiTags('processes')
@ApiBearerAuth()
@Controller('api/v1/processes')
export class ProcessesController {
  constructor(
    private readonly processes: ProcessesService,
    private readonly records: ProcessRecordsService,
    private readonly documents: DocumentsService,
  ) {}

  @Post()
  @AllowRoles('coordinator', 'admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ operationId: 'startProcess', summary: 'Start a cooperation process (a durable workflow)' })
  @ApiAnswers(
    { status: 201, schema: startedProcess, description: 'Started (200: the same idempotency key had started it)' },
    {
      400: [
        DomainErrorCode.ProcessTypeUnknown,
        DomainErrorCode.PartiesInvalid,
        DomainErrorCode.LegalBasisUnknown,
        DomainErrorCode.LegalBasisNotApplicable,
        'CASE_NOT_FOUND',
        'HANDLING_CODE_BELOW_CASE',
      ],
      403: ['ROLE_FORBIDDEN'],
      // The directory of competent authorities (docs/directory.md).
      409: ['AUTHORITY_NOT_COMPETENT', 'AUTHORITY_AMBIGUOUS', 'NO_COMPETENT_AUTHORITY', 'STATE_NOT_IN_DIRECTORY'],
      422: [DomainErrorCode.IdempotencyKeyReused],
      503: ['TEMPORAL_UNAVAILABLE'],
    },
    { body: startProcessBody, publishedBody: startRequestSchema() },
  )
  @ApiResponse({
    status: 200,
    description: 'Started earlier with the same idempotency key',
    schema: jsonSchema(startedProcess),
  })
  async start(
    @Body(new ZodValidationPipe(startProcessBody)) body: StartProcessBody,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const started = await this.processes.start(body, actor);
    res.status(started.created ? HttpStatus.CREATED : HttpStatus.OK).location(`/api/v1/processes/${started.id}`);
    return started;
  }

  @Get()
  @ApiOperation({
    operationId: 'listProcesses',
    summary: 'Processes by priority then time left, filtered, cursor-paged (read model)',
  })
  @ApiAnswers(
    { status: 200, schema: processPage, description: 'A page; pass nextCursor back for the next one' },
    { 400: ['VALIDATION_FAILED'], 403: ['NOT_YOUR_AGENCY'] },
  )
  @ApiQueryOf(listProcessesQuery)
  list(
    @Query(new ZodValidationPipe(listProcessesQuery, 'query')) query: ListProcessesQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.processes.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getProcess',
    summary: 'A process: live state, deadlines and the actions the caller may take now',
  })
  @ApiAnswers({ status: 200, schema: processResource, description: 'The live state' }, processErrors)
  get(@Param('id', processId) id: string, @CurrentActor() actor: Actor) {
    return this.processes.get(id, actor);
  }

  @Get(':id/timeline')
  @ApiOperation({
    operationId: 'getProcessTimeline',
    summary: "The process's events in order, with the actor of each (read model)",
  })
  @ApiAnswers({ status: 200, schema: timeline, description: 'The events so far' }, processErrors)
  timeline(@Param('id', processId) id: string, @CurrentActor() actor: Actor) {
    return this.records.timeline(id, actor);
  }

  @Get(':id/request-form')
  @AllowRoles('coordinator', 'admin')
  @ApiOperation({
    operationId: 'getRequestForm',
    summary:
      "The process's request in another system's form: the EIO's Annex A or the UNODC MLA request writer's, with what it lacks",
  })
  @ApiAnswers(
    { status: 200, schema: filledRequestForm, description: 'The form, filled from the process, and what is missing' },
    {
      ...processErrors,
      403: ['ROLE_FORBIDDEN', ...processErrors[403]],
      409: ['REQUEST_FORM_NOT_APPLICABLE'],
    },
  )
  @ApiQueryOf(requestFormQuery)
  requestForm(
    @Param('id', processId) id: string,
    @Query(new ZodValidationPipe(requestFormQuery, 'query')) query: RequestFormQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.records.requestForm(id, query.form, actor);
  }

  @Get(':id/audit')
  @AllowRoles('coordinator', 'auditor', 'admin')
  @ApiOperation({
    operationId: 'verifyProcessAudit',
    summary: "Verifies the process's tamper-evident audit chain; reports the first broken link",
  })
  @ApiAnswers(
    { status: 200, schema: auditVerdict, description: 'The verdict' },
    { ...processErrors, 403: ['ROLE_FORBIDDEN', ...processErrors[403]] },
  )
  verifyAudit(@Param('id', processId) id: string, @CurrentActor() actor: Actor) {
    return this.records.verifyAudit(id, actor);
  }

  @Post(':id/actions')
  @AllowRoles('coordinator', 'agency', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'takeAction',
    summary: 'Take an action (a Temporal update validated by the state machine); answers the new state',
  })
  @ApiAnswers(
    { status: 200, schema: processResource, description: 'Applied; the new state' },
    {
      ...processErrors,
      400: ['VALIDATION_FAILED', DomainErrorCode.PayloadInvalid, 'CASE_NOT_FOUND', 'DOCUMENT_NOT_FOUND'],
      403: [
        'ROLE_FORBIDDEN',
        ...processErrors[403],
        DomainErrorCode.ActorNotPermitted,
        DomainErrorCode.TaskNotYours,
        'DOCUMENT_NOT_YOURS',
      ],
      409: [
        'HANDLING_CODE_BELOW_CASE',
        'REQUIREMENT_UNMET',
        'PARTY_NOT_OFF_CHANNEL',
        'DOCUMENT_NOT_AVAILABLE',
        DomainErrorCode.ActionUnknown,
        DomainErrorCode.ActionNotAllowedInState,
        DomainErrorCode.ProcessFinished,
        DomainErrorCode.NotPermittedByLegalBasis,
        DomainErrorCode.PreconditionUnmet,
        DomainErrorCode.TaskNotOpen,
        DomainErrorCode.DefinitionVersionUnknown,
      ],
      422: [DomainErrorCode.IdempotencyKeyReused],
    },
    { body: takeActionBody, publishedBody: actionRequestSchema() },
  )
  async act(
    @Param('id', processId) id: string,
    @Body(new ZodValidationPipe(takeActionBody)) body: TakeActionBody,
    @CurrentActor() actor: Actor,
  ) {
    if (body.action !== ATTACH_DOCUMENT_ACTION) return this.processes.act(id, body, actor);
    // The process carries the document's claim check as the installation knows it, never the caller's.
    const payload = await this.documents.claimFor(id, body.payload, actor);
    const view = await this.processes.act(id, { ...body, payload }, actor);
    await this.documents.recordShared(id, payload['documentId'] as string, view, actor);
    return view;
  }
}
