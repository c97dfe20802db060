import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@comity/domain';
import { AllowRoles, CurrentActor, Public } from '../auth/auth.decorators';
import { forbidden } from '../http/api-error';
import { identifier } from '../http/identifier';
import { ApiAnswers } from '../http/openapi.decorators';
import { jsonSchema } from '../http/json-schema';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import {
  addAgencyKeyBody,
  agencyIdParam,
  registerAgencyBody,
  type AddAgencyKeyBody,
  type RegisterAgencyBody,
} from './agency-requests.dto';
import { agencyKeyView, agencyList, agencyView, installationKeys, issuedCredential } from '@comity/api-contract';
import { AgenciesService } from './agencies.service';
import { InstallationKeysService } from './installation-keys.service';

const agencyId = new ZodValidationPipe(agencyIdParam, 'path.agencyId');
const adminOnly = { 400: ['VALIDATION_FAILED'], 403: ['ROLE_FORBIDDEN'] } as const;
const unknownAgency = { 404: ['AGENCY_NOT_FOUND'] } as const;
const broker = { 503: ['BROKER_UNAVAILABLE', 'REGISTRAR_NOT_CONFIGURED'] } as const;
const kid = new ZodValidationPipe(identifier, 'path.kid');

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('api/v1/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Put(':agencyId')
  @AllowRoles('admin')
  @ApiOperation({
    operationId: 'registerAgency',
    summary:
      "Register an agency (or update its name and state): provisions its own task and answer topics and the broker's grants on them",
  })
  @ApiAnswers(
    { status: 201, schema: agencyView, description: 'Registered' },
    { ...adminOnly, ...broker },
    { body: registerAgencyBody },
  )
  @ApiResponse({ status: 200, description: 'Already registered; updated', schema: jsonSchema(agencyView) })
  async register(
    @Param('agencyId', agencyId) id: string,
    @Body(new ZodValidationPipe(registerAgencyBody)) body: RegisterAgencyBody,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, created } = await this.agencies.register(id, body);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK).location(`/api/v1/agencies/${id}`);
    return view;
  }

  @Get()
  @AllowRoles('admin', 'coordinator', 'auditor')
  @ApiOperation({ operationId: 'listAgencies', summary: 'The registered agencies, their channels and keys' })
  @ApiAnswers({ status: 200, schema: agencyList, description: 'The registry' }, { 403: ['ROLE_FORBIDDEN'] })
  async list() {
    return { items: await this.agencies.list() };
  }

  @Get(':agencyId')
  @ApiOperation({ operationId: 'getAgency', summary: 'One agency (an agency user sees only its own)' })
  @ApiAnswers(
    { status: 200, schema: agencyView, description: 'The agency' },
    { 400: ['VALIDATION_FAILED'], 403: ['AGENCY_NOT_YOURS'], ...unknownAgency },
  )
  get(@Param('agencyId', agencyId) id: string, @CurrentActor() actor: Actor) {
    if (actor.role === 'agency' && actor.agencyId !== id) {
      throw forbidden('AGENCY_NOT_YOURS', 'an agency user sees only its own agency');
    }
    return this.agencies.view(id);
  }

  @Post(':agencyId/keys')
  @AllowRoles('admin')
  @ApiOperation({ operationId: 'addAgencyKey', summary: 'Register a public key the agency signs its answers with' })
  @ApiAnswers(
    { status: 201, schema: agencyKeyView, description: 'Added and sealed' },
    { ...adminOnly, ...unknownAgency, 409: ['KEY_EXISTS'] },
    { body: addAgencyKeyBody },
  )
  addKey(
    @Param('agencyId', agencyId) id: string,
    @Body(new ZodValidationPipe(addAgencyKeyBody)) body: AddAgencyKeyBody,
  ) {
    return this.agencies.addKey(id, body);
  }

  @Post(':agencyId/keys/:kid/revoke')
  @HttpCode(200)
  @AllowRoles('admin')
  @ApiOperation({
    operationId: 'revokeAgencyKey',
    summary: 'Revoke a key for good: answers signed with it are refused',
  })
  @ApiAnswers(
    { status: 200, schema: agencyKeyView, description: 'Revoked' },
    { ...adminOnly, 404: ['AGENCY_NOT_FOUND', 'KEY_NOT_FOUND'] },
  )
  revokeKey(@Param('agencyId', agencyId) id: string, @Param('kid', kid) keyId: string) {
    return this.agencies.revokeKey(id, keyId);
  }

  @Post(':agencyId/credentials')
  @AllowRoles('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'issueAgencyCredential',
    summary: "Issue the agency's broker password (replacing any earlier one); shown once",
  })
  @ApiAnswers(
    { status: 201, schema: issuedCredential, description: 'Issued' },
    { ...adminOnly, ...unknownAgency, 409: ['AGENCY_SUSPENDED'], ...broker },
  )
  issueCredential(@Param('agencyId', agencyId) id: string) {
    return this.agencies.issueCredential(id);
  }

  @Post(':agencyId/suspend')
  @HttpCode(200)
  @AllowRoles('admin')
  @ApiOperation({
    operationId: 'suspendAgency',
    summary: 'Suspend an agency: its broker credential is removed and its answers are refused',
  })
  @ApiAnswers(
    { status: 200, schema: agencyView, description: 'Suspended' },
    { ...adminOnly, ...unknownAgency, ...broker },
  )
  suspend(@Param('agencyId', agencyId) id: string) {
    return this.agencies.suspend(id);
  }

  @Post(':agencyId/reactivate')
  @HttpCode(200)
  @AllowRoles('admin')
  @ApiOperation({
    operationId: 'reactivateAgency',
    summary: 'Reactivate a suspended agency (it then needs a new credential)',
  })
  @ApiAnswers({ status: 200, schema: agencyView, description: 'Active again' }, { ...adminOnly, ...unknownAgency })
  reactivate(@Param('agencyId', agencyId) id: string) {
    return this.agencies.reactivate(id);
  }
}

@ApiTags('agencies')
@Controller('api/v1/installation')
export class InstallationController {
  constructor(private readonly keys: InstallationKeysService) {}

  @Get('keys')
  @Public()
  @ApiOperation({
    operationId: 'getInstallationKeys',
    summary:
      "The installation's public keys (JWKS): those that verify the tasks it signs (use sig) and the one agencies encrypt their answers to (use enc)",
  })
  @ApiAnswers({ status: 200, schema: installationKeys, description: 'The JWKS' }, {}, { public: true })
  get() {
    return { keys: this.keys.all() };
  }
}
