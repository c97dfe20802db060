import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ComityConfig } from '@comity/config';
import { AuthGuard } from './auth/auth.guard';
import { HealthController } from './health/health.controller';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ProcessesModule } from './processes/processes.module';

@Module({})
export class AppModule {
  static forConfig(config: ComityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.forConfig(config), ProcessesModule],
      controllers: [HealthController],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
