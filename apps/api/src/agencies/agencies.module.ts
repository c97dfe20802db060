import { Module } from '@nestjs/common';
import { AgenciesController, InstallationController } from './agencies.http.controller';
import { AgenciesService } from './agencies.service';
import { InstallationKeysService } from './installation-keys.service';

@Module({
  controllers: [AgenciesController, InstallationController],
  providers: [AgenciesService, InstallationKeysService],
})
export class AgenciesModule {}
