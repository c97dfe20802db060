import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DirectoryModule } from '../directory/directory.module';
import { DocumentsController } from '../documents/documents.http.controller';
import { DocumentChecks } from '../documents/document-checks';
import { DocumentDownloads } from '../documents/document-downloads';
import { DocumentLinksController } from '../documents/document-links.http.controller';
import { DocumentRetention } from '../documents/document-retention';
import { DocumentsService } from '../documents/documents.service';
import { ProcessesController } from './processes.http.controller';
import { ProcessRecordsService } from './process-records.service';
import { ProcessesService } from './processes.service';

/** Processes, what the read model recorded of them, and their documents. */
@Module({
  imports: [CasesModule, DirectoryModule],
  controllers: [ProcessesController, DocumentsController, DocumentLinksController],
  providers: [
    ProcessesService,
    ProcessRecordsService,
    DocumentsService,
    DocumentChecks,
    DocumentDownloads,
    DocumentRetention,
  ],
})
export class ProcessesModule {}
