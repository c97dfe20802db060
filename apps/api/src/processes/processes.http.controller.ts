import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { Actor } from '@comity/domain';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { ProcessesService } from './processes.service';
import { startProcessBody, type StartProcessBody } from './start-process.dto';

/** Until bearer-token authentication lands, every caller acts as the national coordinator. */
const COORDINATOR: Actor = { userId: 'coordinator', role: 'coordinator' };

@ApiTags('processes')
@Controller('api/v1/processes')
export class ProcessesController {
  constructor(private readonly processes: ProcessesService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Start a cooperation process (a durable workflow)' })
  @ApiBody({ schema: z.toJSONSchema(startProcessBody, { io: 'input' }) as object })
  async start(
    @Body(new ZodValidationPipe(startProcessBody)) body: StartProcessBody,
    @Res({ passthrough: true }) res: Response,
  ) {
    const started = await this.processes.start(body, COORDINATOR);
    res.status(started.created ? HttpStatus.CREATED : HttpStatus.OK).location(`/api/v1/processes/${started.id}`);
    return started;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A process with its current stage' })
  get(@Param('id') id: string) {
    return this.processes.get(id);
  }
}
