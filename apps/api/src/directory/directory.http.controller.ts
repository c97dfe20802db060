import { Body, Controller, Get, HttpCode, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { competentAuthorityList, directoryResource, directoryVersionList } from '@comity/api-contract';
import type { Actor } from '@comity/domain';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { ApiAnswers, ApiQueryOf } from '../http/openapi.decorators';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import {
  competentQuery,
  importDirectoryBody,
  versionParam,
  type CompetentQuery,
  type ImportDirectoryBody,
} from './directory-requests.dto';
import { DirectoryService } from './directory.service';

/** The directory of competent authorities (docs/directory.md). */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @ApiOperation({
    operationId: 'getDirectory',
    summary: 'The directory of competent authorities in force: states, authorities, languages, channels, requirements',
  })
  @ApiAnswers({ status: 200, schema: directoryResource, description: 'The directory (version 0: none imported)' }, {})
  current() {
    return this.directory.current();
  }

  @Put()
  @AllowRoles('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    operationId: 'importDirectory',
    summary: 'Import a new version of the whole directory (admin); the versions before it are kept',
  })
  @ApiAnswers(
    { status: 201, schema: directoryResource, description: 'The new version, in force' },
    { 403: ['ROLE_FORBIDDEN'], 409: ['DIRECTORY_CHANGED'] },
    { body: importDirectoryBody },
  )
  import(@Body(new ZodValidationPipe(importDirectoryBody)) body: ImportDirectoryBody, @CurrentActor() actor: Actor) {
    return this.directory.import(body, actor);
  }

  @Get('versions')
  @ApiOperation({ operationId: 'listDirectoryVersions', summary: "The directory's versions, newest first" })
  @ApiAnswers({ status: 200, schema: directoryVersionList, description: 'The versions' }, {})
  versions() {
    return this.directory.list();
  }

  @Get('versions/:version')
  @ApiOperation({ operationId: 'getDirectoryVersion', summary: 'One version of the directory, as imported' })
  @ApiAnswers(
    { status: 200, schema: directoryResource, description: 'That version' },
    { 400: ['VALIDATION_FAILED'], 404: ['DIRECTORY_VERSION_NOT_FOUND'] },
  )
  version(@Param('version', new ZodValidationPipe(versionParam, 'path.version')) version: number) {
    return this.directory.version(version);
  }

  @Get('competent')
  @ApiOperation({
    operationId: 'findCompetentAuthorities',
    summary:
      "A state's authorities competent for a process type under an instrument, with what a request to each must carry",
  })
  @ApiAnswers(
    { status: 200, schema: competentAuthorityList, description: 'The competent authorities' },
    { 400: ['VALIDATION_FAILED'] },
  )
  @ApiQueryOf(competentQuery)
  competent(@Query(new ZodValidationPipe(competentQuery, 'query')) query: CompetentQuery) {
    return this.directory.competent(query);
  }
}
