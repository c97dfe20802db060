import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.http.controller';

@Module({ controllers: [StatisticsController] })
export class StatisticsModule {}
