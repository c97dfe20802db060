import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ProcessesController } from './processes.http.controller';
import { ProcessRecordsService } from './process-records.service';
import { ProcessesService } from './processes.service';

@Module({
  imports: [CasesModule],
  controllers: [ProcessesController],
  providers: [ProcessesService, ProcessRecordsService],
})
export class ProcessesModule {}
