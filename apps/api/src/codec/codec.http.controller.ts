import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { ComityConfig } from '@comity/config';
import { comityPayloadCodec } from '@comity/temporal';
import { AllowRoles } from '../auth/auth.decorators';
import { ClientError } from '../http/api-error';
import { ApiAnswers } from '../http/openapi.decorators';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { CONFIG } from '../infrastructure/tokens';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
/** Temporal's remote codec protocol: payloads as JSON, bytes as base64. */
const codecBody = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), base64).default({}), data: base64.default('') }))
    .max(1000),
});
type CodecBody = z.infer<typeof codecBody>;

const fromJson = (p: CodecBody['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * The remote codec endpoint for Temporal's Web UI and CLI (`--codec-endpoint`): authorised
 * operators see decrypted payloads there; nobody else can decrypt (admins and coordinators only).
 * The Web UI calls it from the browser with the signed-in operator's access token (docs/security.md),
 * so its origin, and only its, is in COMITY_CODEC_CORS_ORIGINS (api.ts).
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('codec')
export class CodecController {
  private readonly codec: PayloadCodec;

  constructor(@Inject(CONFIG) config: ComityConfig) {
    this.codec = comityPayloadCodec(config.temporal);
  }

  @Post('decode')
  @HttpCode(200)
  @AllowRoles('admin', 'coordinator')
  @ApiOperation({ operationId: 'decodePayloads', summary: "Decrypt payloads (Temporal's remote codec protocol)" })
  @ApiAnswers(
    { status: 200, schema: codecBody, description: 'The payloads, decrypted' },
    { 400: ['PAYLOAD_UNDECRYPTABLE'], 403: ['ROLE_FORBIDDEN'] },
    { body: codecBody },
  )
  async decode(@Body(new ZodValidationPipe(codecBody)) body: CodecBody) {
    try {
      return { payloads: (await this.codec.decode(body.payloads.map(fromJson))).map(toJson) };
    } catch (err) {
      throw new ClientError(
        400,
        'PAYLOAD_UNDECRYPTABLE',
        `cannot decrypt: ${err instanceof Error ? err.message : err}`,
      );
    }
  }

  @Post('encode')
  @HttpCode(200)
  @AllowRoles('admin', 'coordinator')
  @ApiOperation({ operationId: 'encodePayloads', summary: "Encrypt payloads (Temporal's remote codec protocol)" })
  @ApiAnswers(
    { status: 200, schema: codecBody, description: 'The payloads, encrypted' },
    { 403: ['ROLE_FORBIDDEN'] },
    { body: codecBody },
  )
  async encode(@Body(new ZodValidationPipe(codecBody)) body: CodecBody) {
    return { payloads: (await this.codec.encode(body.payloads.map(fromJson))).map(toJson) };
  }
}
