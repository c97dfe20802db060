import { Module } from '@nestjs/common';
import { ProcessTypesController } from './process-types.http.controller';

@Module({ controllers: [ProcessTypesController] })
export class ProcessTypesModule {}
