import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ProcessesController } from './processes.http.controller';
import { ProcessesService } from './processes.service';

@Module({ imports: [CasesModule], controllers: [ProcessesController], providers: [ProcessesService] })
export class ProcessesModule {}
