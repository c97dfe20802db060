import { Module } from '@nestjs/common';
import { CasesController } from './cases.http.controller';
import { CasesService } from './cases.service';

@Module({ controllers: [CasesController], providers: [CasesService], exports: [CasesService] })
export class CasesModule {}
