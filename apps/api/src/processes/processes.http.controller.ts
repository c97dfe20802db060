import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@comity/domain';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import {
  ApiAnswers,
  auditVerdict,
  jsonSchema,
  processPage,
  processResource,
  startedProcess,
  timeline,
} from '../http/response-schemas';
import { identifier } from '../http/identifier';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import {
  listProcessesQuery,
  startProcessBody,
  takeActionBody,
  type ListProcessesQuery,
  type StartProcessBody,
  type TakeActionBody,
} from './process-requests.dto';
import { ProcessRecordsService } from './process-records.service';
import { ProcessesService } from './processes.service';

// A process id is an id like any a client names: one Temporal would refuse is a 400, not its error.
const processId = new ZodValidationPipe(identifier, 'path.id');

@ApiTags('processes')
@ApiBearerAuth()
@Controller('api/v1/processes')
export class ProcessesController {
  constructor(
    private readonly processes: ProcessesService,
    private readonly records: ProcessRecordsService,
  ) {}

  @Post()
  @AllowRoles('coordinator', 'admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Start a cooperation process (a durable workflow)' })
  @ApiAnswers(
    { status: 201, schema: startedProcess, description: 'Started (200: the same idempotency key had started it)' },
    [400, 401, 403, 413],
  )
  @ApiResponse({
    status: 200,
    description: 'Started earlier with the same idempotency key',
    schema: jsonSchema(startedProcess),
  })
  @ApiBody({ schema: jsonSchema(startProcessBody) })
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
  @ApiOperation({ summary: 'Processes by priority then time left, filtered, cursor-paged (read model)' })
  @ApiAnswers(
    { status: 200, schema: processPage, description: 'A page; pass nextCursor back for the next one' },
    [400, 401, 403],
  )
  @ApiQuery({ name: 'filter', required: false, schema: jsonSchema(listProcessesQuery), style: 'form', explode: true })
  list(
    @Query(new ZodValidationPipe(listProcessesQuery, 'query')) query: ListProcessesQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.processes.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A process: live state, deadlines and the actions the caller may take now' })
  @ApiAnswers({ status: 200, schema: processResource, description: 'The live state' }, [400, 401, 403, 404])
  get(@Param('id', processId) id: string, @CurrentActor() actor: Actor) {
    return this.processes.get(id, actor);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: "The process's events in order, with the actor of each (read model)" })
  @ApiAnswers({ status: 200, schema: timeline, description: 'The events so far' }, [400, 401, 403, 404])
  timeline(@Param('id', processId) id: string, @CurrentActor() actor: Actor) {
    return this.records.timeline(id, actor);
  }

  @Get(':id/audit')
  @AllowRoles('coordinator', 'auditor', 'admin')
  @ApiOperation({ summary: "Verifies the process's tamper-evident audit chain; reports the first broken link" })
  @ApiAnswers({ status: 200, schema: auditVerdict, description: 'The verdict' }, [400, 401, 403, 404])
  verifyAudit(@Param('id', processId) id: string, @CurrentActor() actor: Actor) {
    return this.records.verifyAudit(id, actor);
  }

  @Post(':id/actions')
  @AllowRoles('coordinator', 'agency', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Take an action (a Temporal update validated by the state machine); answers the new state' })
  @ApiAnswers(
    { status: 200, schema: processResource, description: 'Applied; the new state' },
    [400, 401, 403, 404, 409, 413],
  )
  @ApiBody({ schema: jsonSchema(takeActionBody) })
  act(
    @Param('id', processId) id: string,
    @Body(new ZodValidationPipe(takeActionBody)) body: TakeActionBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.processes.act(id, body, actor);
  }
}
