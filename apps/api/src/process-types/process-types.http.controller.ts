import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { definitionOf, processTypes } from '@comity/domain';
import { notFound } from '../http/api-error';
import { ApiAnswers } from '../http/openapi.decorators';
import { processType, processTypeList } from '@comity/api-contract';
import { processTypeView, type ProcessTypeView } from './process-type.view';

/**
 * The process types as declared in libs/domain, read-only, for any authenticated caller: the
 * definitions are public law and configuration, not case data.
 */
@ApiTags('process types')
@ApiBearerAuth()
@Controller('api/v1/process-types')
export class ProcessTypesController {
  /** The definitions are fixed for the life of the process: each view (schemas converted to JSON Schema) is built once. */
  private readonly views = new Map<string, ProcessTypeView>();

  private view(type: string): ProcessTypeView {
    let view = this.views.get(type);
    if (!view) {
      view = processTypeView(definitionOf(type));
      this.views.set(type, view);
    }
    return view;
  }

  @Get()
  @ApiOperation({
    operationId: 'listProcessTypes',
    summary: 'Every process type: stages, actions and deadlines (for diagrams and boards)',
  })
  @ApiAnswers({ status: 200, schema: processTypeList, description: 'The declared process types' }, {})
  list() {
    return { types: processTypes.map((type) => this.view(type)) };
  }

  @Get(':type')
  @ApiOperation({ operationId: 'getProcessType', summary: 'One process type: stages, actions and deadlines' })
  @ApiAnswers({ status: 200, schema: processType, description: 'The declaration' }, { 404: ['PROCESS_TYPE_UNKNOWN'] })
  get(@Param('type') type: string) {
    if (!processTypes.includes(type)) {
      throw notFound('PROCESS_TYPE_UNKNOWN', `unknown process type '${type}' (known: ${processTypes.join(', ')})`);
    }
    return this.view(type);
  }
}
