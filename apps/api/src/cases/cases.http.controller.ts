import { Body, Controller, Get, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@comity/domain';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { ApiAnswers, caseTimeline, caseView, jsonSchema, openedCase } from '../http/response-schemas';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { openCaseBody, type OpenCaseBody } from './case-requests.dto';
import { CasesService } from './cases.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @AllowRoles('coordinator', 'admin')
  @ApiOperation({ summary: 'Open a case: the processes about one smuggling network' })
  @ApiAnswers({ status: 201, schema: openedCase, description: 'Opened' }, [400, 401, 403, 413])
  @ApiResponse({ status: 200, description: 'It was already open', schema: jsonSchema(openedCase) })
  @ApiBody({ schema: jsonSchema(openCaseBody) })
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
  @ApiOperation({ summary: 'A case with its processes, their stages, and the obligations they opened' })
  @ApiAnswers({ status: 200, schema: caseView, description: 'The case' }, [401, 403, 404])
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.cases.get(id, actor);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: "The events of the case's processes, merged in the order they occurred (read model)" })
  @ApiAnswers({ status: 200, schema: caseTimeline, description: 'The events so far' }, [401, 403, 404])
  timeline(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.cases.timeline(id, actor);
  }
}
