import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { Actor } from '@comity/domain';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { ApiErrors } from '../http/openapi.decorators';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { DocumentDownloads } from './document-downloads';

const linkToken = new ZodValidationPipe(
  z
    .string()
    .max(4000)
    .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'a link from a task of this installation'),
  'path.token',
);

/** The links in agencies' tasks (docs/documents.md): one agency, one document, until it expires. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/document-links')
export class DocumentLinksController {
  constructor(private readonly downloads: DocumentDownloads) {}

  @Get(':token')
  @AllowRoles('agency')
  @ApiOperation({
    operationId: 'downloadDocumentByLink',
    summary:
      "A document through the link in an agency's task, with that agency's own token; recorded like any download",
  })
  @ApiResponse({
    status: 200,
    description: 'The bytes, as GET …/documents/{documentId}/content answers them',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors({
    400: ['VALIDATION_FAILED', 'LINK_INVALID'],
    403: ['ROLE_FORBIDDEN', 'LINK_NOT_YOURS', 'NOT_A_PARTY', 'DOCUMENT_NOT_SHARED'],
    404: ['PROCESS_NOT_FOUND', 'DOCUMENT_NOT_FOUND'],
    409: ['DOCUMENT_NOT_AVAILABLE', 'DOCUMENT_INTEGRITY_FAILED'],
    410: ['LINK_EXPIRED', 'DOCUMENT_EXPIRED'],
    429: ['TOO_MANY_DOWNLOADS'],
    503: ['TEMPORAL_UNAVAILABLE', 'DOCUMENTS_NOT_CONFIGURED'],
  })
  async download(@Param('token', linkToken) token: string, @CurrentActor() actor: Actor, @Res() res: Response) {
    await this.downloads.downloadByLink(token, actor, res);
  }
}
