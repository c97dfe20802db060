import { Module, type DynamicModule } from '@nestjs/common';
import type { ComityConfig } from '@comity/config';
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
    };
  }
}
