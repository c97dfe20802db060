import { Body, Controller, Get, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@comity/domain';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { ApiAnswers } from '../http/openapi.decorators';
import { caseTimeline, caseView, openedCase } from '@comity/api-contract';
import { jsonSchema } from '../http/json-schema';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { caseIdParam, openCaseBody, type OpenCaseBody } from './case-requests.dto';
import { CasesService } from './cases.service';

/** A case id in a path: one no case could have is a 400 naming it, not a lookup. */
const caseId = new ZodValidationPipe(caseIdParam, 'path.id');

/** Reading a case: a malformed id, an agency with no process in it, or a handling code that keeps it out. */
const caseErrors = {
  400: ['VALIDATION_FAILED'],
  403: ['NOT_A_PARTY', 'HANDLING_RESTRICTED'],
  404: ['CASE_NOT_FOUND'],
  503: ['TEMPORAL_UNAVAILABLE'],
};

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @AllowRoles('coordinator', 'admin')
  @ApiOperation({ operationId: 'openCase', summary: 'Open a case: the processes about one smuggling network' })
  @ApiAnswers(
    { status: 201, schema: openedCase, description: 'Opened' },
    { 403: ['ROLE_FORBIDDEN'], 503: ['TEMPORAL_UNAVAILABLE'] },
    { body: openCaseBody },
  )
  @ApiResponse({ status: 200, description: 'It was already open', schema: jsonSchema(openedCase) })
  async open(
    @Body(new ZodValidationPipe(openCaseBody)) body: OpenCaseBody,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const opened = await this.cases.open(body, actor);
    res.status(opened.created ? HttpStatus.CREATED : HttpStatus.OK).location(`/api/v1/cases/${opened.caseId}`);
    return opened;
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getCase',
    summary: 'A case with its processes, their stages, and the obligations they opened',
  })
  @ApiAnswers({ status: 200, schema: caseView, description: 'The case' }, caseErrors)
  get(@Param('id', caseId) id: string, @CurrentActor() actor: Actor) {
    return this.cases.get(id, actor);
  }

  @Get(':id/timeline')
  @ApiOperation({
    operationId: 'getCaseTimeline',
    summary: "The events of the case's processes, merged in the order they occurred (read model)",
  })
  @ApiAnswers({ status: 200, schema: caseTimeline, description: 'The events so far' }, caseErrors)
  timeline(@Param('id', caseId) id: string, @CurrentActor() actor: Actor) {
    return this.cases.timeline(id, actor);
  }
}
