import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { ComityConfig } from '@comity/config';
import { AuthGuard } from './auth/auth.guard';
import { ClientThrottlerGuard } from './auth/client-throttler.guard';
import { AgenciesModule } from './agencies/agencies.module';
import { CasesModule } from './cases/cases.module';
import { CodecController } from './codec/codec.http.controller';
import { DirectoryModule } from './directory/directory.module';
import { HealthController } from './health/health.controller';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { MetricsController } from './metrics/metrics.controller';
import { OverviewModule } from './overview/overview.module';
import { ProcessesModule } from './processes/processes.module';
import { ProcessTypesModule } from './process-types/process-types.module';
import { StatisticsModule } from './statistics/statistics.module';
import { StreamModule } from './stream/stream.module';

@Module({})
export class AppModule {
  static forConfig(config: ComityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forConfig(config),
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.api.rateLimitPerMinute }]),
        AgenciesModule,
        CasesModule,
        DirectoryModule,
        ProcessesModule,
        ProcessTypesModule,
        OverviewModule,
        StatisticsModule,
        StreamModule,
      ],
      controllers: [HealthController, CodecController, MetricsController],
      // Rate limiting first, per token subject (else address), so a flood is turned away before any work.
      providers: [
        { provide: APP_GUARD, useClass: ClientThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
