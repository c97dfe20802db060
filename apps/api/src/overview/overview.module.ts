import { Module } from '@nestjs/common';
import { OverviewController } from './overview.http.controller';

@Module({ controllers: [OverviewController] })
export class OverviewModule {}
