import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.http.controller';
import { DirectoryService } from './directory.service';

@Module({ controllers: [DirectoryController], providers: [DirectoryService], exports: [DirectoryService] })
export class DirectoryModule {}
