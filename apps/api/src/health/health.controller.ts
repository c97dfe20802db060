import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Admin } from 'kafkajs';
import { keyFingerprints, type ComityConfig } from '@comity/config';
import type { ProcessQueries } from '@comity/persistence';
import { checkTemporal, countStalledWorkflows, type TemporalHandle } from '@comity/temporal';
import { Public } from '../auth/auth.decorators';
import { ApiAnswers } from '../http/openapi.decorators';
import { health } from '@comity/api-contract';
import { jsonSchema } from '../http/json-schema';
import { CONFIG, KAFKA_ADMIN, PROCESS_QUERIES, TEMPORAL } from '../infrastructure/tokens';

type CheckResult = { status: 'up'; latencyMs: number } | { status: 'down'; error: string };

const CHECK_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (err) {
    return { status: 'down', error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(CONFIG) private readonly config: ComityConfig,
    @Inject(TEMPORAL) private readonly temporal: TemporalHandle,
    @Inject(KAFKA_ADMIN) private readonly kafka: Admin,
    @Inject(PROCESS_QUERIES) private readonly readModel: ProcessQueries,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'getHealth',
    summary:
      'Status of Temporal, Kafka and the read-model database (503 when any is down), and the fingerprints of the keys the API holds',
  })
  @ApiAnswers({ status: 200, schema: health, description: 'Everything is up' }, {}, { public: true })
  @ApiResponse({ status: 503, description: 'Something is down', schema: jsonSchema(health) })
  async health(@Res({ passthrough: true }) res: Response) {
    const [temporal, kafka, database, stalled] = await Promise.all([
      check(() => checkTemporal(this.temporal, this.config.temporal.namespace)),
      check(() => this.kafka.describeCluster()),
      check(() => this.readModel.ping()),
      countStalledWorkflows(this.temporal, this.config.temporal).catch(() => null),
    ]);
    const checks = { temporal, kafka, database: { ...database, type: this.config.database.type } };
    const up = Object.values(checks).every((c) => c.status === 'up');
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    // Stalled processes are reported, not a reason for 503: the API itself works (GET /api/v1/stalled names them).
    return { status: up ? 'ok' : 'degraded', checks, stalledProcesses: stalled, keys: keyFingerprints(this.config) };
  }
}
