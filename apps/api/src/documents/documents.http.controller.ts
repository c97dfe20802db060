import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@comity/domain';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { documentCustody, documentList, documentPart, documentResource } from '@comity/api-contract';
import { ApiAnswers, ApiErrors } from '../http/openapi.decorators';
import { identifier } from '../http/identifier';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { documentIdParam, newDocumentBody, partNumberParam, type NewDocumentBody } from './document-requests.dto';
import { DocumentDownloads } from './document-downloads';
import { DocumentsService } from './documents.service';

const processId = new ZodValidationPipe(identifier, 'path.id');
const documentId = new ZodValidationPipe(documentIdParam, 'path.documentId');
const partNumber = new ZodValidationPipe(partNumberParam, 'path.part');

/** Reaching a document: a bad id, no such process or document, one the caller may not see. */
const documentErrors = {
  400: ['VALIDATION_FAILED'],
  403: ['NOT_A_PARTY', 'HANDLING_RESTRICTED'],
  404: ['PROCESS_NOT_FOUND', 'DOCUMENT_NOT_FOUND'],
  503: ['TEMPORAL_UNAVAILABLE', 'DOCUMENTS_NOT_CONFIGURED'],
};
/** Changing an upload: only its uploader, while it is open. */
const uploadErrors = {
  ...documentErrors,
  403: ['ROLE_FORBIDDEN', ...documentErrors[403], 'DOCUMENT_NOT_YOURS'],
  409: ['DOCUMENT_NOT_UPLOADING'],
};

/** Documents of a process (docs/documents.md): resumable uploads, checked, sealed, streamed downloads. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/processes/:id/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly downloads: DocumentDownloads,
  ) {}

  @Post()
  @AllowRoles('coordinator', 'agency', 'admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    operationId: 'startDocumentUpload',
    summary: 'Start uploading a document to a process: answers its id, part size and parts to send',
  })
  @ApiAnswers(
    { status: 201, schema: documentResource, description: 'The upload, open: send its parts' },
    {
      ...documentErrors,
      400: ['VALIDATION_FAILED', 'DOCUMENT_TYPE_NOT_ALLOWED', 'DOCUMENT_TOO_LARGE'],
      403: ['ROLE_FORBIDDEN', ...documentErrors[403]],
      409: ['PROCESS_FINISHED', 'TOO_MANY_UPLOADS'],
    },
    { body: newDocumentBody },
  )
  create(
    @Param('id', processId) id: string,
    @Body(new ZodValidationPipe(newDocumentBody)) body: NewDocumentBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.documents.create(id, body, actor);
  }

  @Get()
  @ApiOperation({ operationId: 'listDocuments', summary: "The process's documents the caller may see" })
  @ApiAnswers({ status: 200, schema: documentList, description: 'The documents' }, documentErrors)
  list(@Param('id', processId) id: string, @CurrentActor() actor: Actor) {
    return this.documents.list(id, actor);
  }

  @Get(':documentId')
  @ApiOperation({
    operationId: 'getDocument',
    summary: 'A document: its status, checks and seal; while uploading, the parts received and missing',
  })
  @ApiAnswers({ status: 200, schema: documentResource, description: 'The document' }, documentErrors)
  get(@Param('id', processId) id: string, @Param('documentId', documentId) doc: string, @CurrentActor() actor: Actor) {
    return this.documents.get(id, doc, actor);
  }

  @Put(':documentId/parts/:part')
  @AllowRoles('coordinator', 'agency', 'admin')
  @ApiOperation({
    operationId: 'putDocumentPart',
    summary: 'Send one part of an upload (application/octet-stream); sending it again replaces it',
  })
  @ApiAnswers(
    { status: 200, schema: documentPart, description: 'Stored (encrypted)' },
    {
      ...uploadErrors,
      400: ['VALIDATION_FAILED', 'PART_SIZE_WRONG'],
      409: ['DOCUMENT_NOT_UPLOADING', 'PART_ALREADY_STORED'],
      429: ['UPLOADS_BUSY', 'TOO_MANY_PARTS_AT_ONCE'],
    },
  )
  putPart(
    @Param('id', processId) id: string,
    @Param('documentId', documentId) doc: string,
    @Param('part', partNumber) part: number,
    @Req() req: Request,
    @CurrentActor() actor: Actor,
  ) {
    return this.documents.putPart(id, doc, part, req, actor);
  }

  @Post(':documentId/complete')
  @AllowRoles('coordinator', 'agency', 'admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    operationId: 'completeDocumentUpload',
    summary: 'End an upload whose parts are all sent; the document is then checked (status scanning)',
  })
  @ApiAnswers(
    { status: 202, schema: documentResource, description: 'Complete; being checked' },
    { ...uploadErrors, 409: ['DOCUMENT_NOT_UPLOADING', 'DOCUMENT_PARTS_MISSING'] },
  )
  complete(
    @Param('id', processId) id: string,
    @Param('documentId', documentId) doc: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.documents.complete(id, doc, actor);
  }

  @Get(':documentId/content')
  @ApiOperation({
    operationId: 'downloadDocument',
    summary: "The document's bytes, streamed and checked against its seal; each download is recorded",
  })
  @ApiResponse({
    status: 200,
    description: 'The bytes, with Repr-Digest (its SHA-256); cut off at a chunk that fails its check',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors({
    ...documentErrors,
    403: [...documentErrors[403], 'DOCUMENT_NOT_SHARED'],
    409: ['DOCUMENT_NOT_AVAILABLE', 'DOCUMENT_INTEGRITY_FAILED'],
    410: ['DOCUMENT_EXPIRED'],
    429: ['TOO_MANY_DOWNLOADS'],
  })
  async download(
    @Param('id', processId) id: string,
    @Param('documentId', documentId) doc: string,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    await this.downloads.download(id, doc, actor, res);
  }

  @Get(':documentId/custody')
  @ApiOperation({
    operationId: 'getDocumentCustody',
    summary: "The document's chain of custody (uploaded, checked, sealed, shared, downloaded, refused), verified",
  })
  @ApiAnswers({ status: 200, schema: documentCustody, description: 'The links and their verdict' }, documentErrors)
  custody(
    @Param('id', processId) id: string,
    @Param('documentId', documentId) doc: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.documents.custody(id, doc, actor);
  }
}
