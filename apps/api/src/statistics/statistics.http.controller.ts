import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ComityConfig } from '@comity/config';
import { statisticsCountNames, type Actor } from '@comity/domain';
import type { StatisticsQueries } from '@comity/persistence';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { handlingCodesHiddenFrom } from '../auth/handling-policy';
import { validationFailed } from '../http/api-error';
import { ApiAnswers, ApiQueryOf } from '../http/openapi.decorators';
import { statisticsReport } from '@comity/api-contract';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { CONFIG, STATISTICS_QUERIES } from '../infrastructure/tokens';
import { statisticsCsv } from './statistics.csv';
import { periodOf, statisticsQuery, type StatisticsQuery } from './statistics.dto';

/** FATF Recommendation 33 / Immediate Outcome 2 figures, from the read model (docs/statistics.md). */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/v1')
export class StatisticsController {
  constructor(
    @Inject(STATISTICS_QUERIES) private readonly queries: StatisticsQueries,
    @Inject(CONFIG) private readonly config: ComityConfig,
  ) {}

  @Get('statistics')
  // Aggregates across every process: for those who oversee the system, not for one agency.
  @AllowRoles('coordinator', 'auditor', 'admin')
  @ApiOperation({
    operationId: 'getStatistics',
    summary: 'Cooperation statistics for a period (processes opened in it, as of its end), filtered and grouped',
  })
  @ApiAnswers(
    {
      status: 200,
      schema: statisticsReport,
      description: 'The figures in total and per group (CSV with format=csv or Accept: text/csv)',
      alternatives: { 'text/csv': { type: 'string' } },
    },
    { 400: ['VALIDATION_FAILED'], 403: ['ROLE_FORBIDDEN'] },
  )
  @ApiQueryOf(statisticsQuery)
  async statistics(
    @Query(new ZodValidationPipe(statisticsQuery, 'query')) query: StatisticsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @CurrentActor() actor: Actor,
  ) {
    const now = Date.now();
    const period = periodOf(query, now);
    if ('problem' in period) throw validationFailed([period.problem]);
    const report = await this.queries.report(
      {
        period,
        filter: {
          caseId: query.caseId,
          type: query.type,
          direction: query.direction,
          counterpartState: query.counterpartState,
          offence: query.offence,
          legalBasis: query.legalBasis,
        },
        groupBy: query.groupBy,
        ownState: this.config.ownState,
        countNames: statisticsCountNames(),
        now,
      },
      handlingCodesHiddenFrom(actor),
    );
    if (query.format === 'csv' || (query.format === undefined && prefersCsv(accept))) {
      res.type('text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="statistics-${period.from}-${period.to}.csv"`);
      return statisticsCsv(report);
    }
    return report;
  }
}

/** CSV when the caller accepts it and not JSON first (a browser's default Accept stays on JSON). */
function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0]?.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv !== -1 && (json === -1 || csv < json);
}
