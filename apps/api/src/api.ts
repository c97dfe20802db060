import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { CorsOptionsDelegate } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { ComityConfig } from '@comity/config';
import { MAX_JSON_BYTES, MAX_JSON_DEPTH, nestsDeeperThan } from '@comity/events';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { jsonNestLogger } from './http/json-nest-logger';
import { traceRequests } from './http/request-tracing';
import { METRICS } from './infrastructure/tokens';
import { openApiDocument } from './openapi.document';
import type { createMetrics } from './metrics/metrics';

export async function createApi(config: ComityConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    logger: jsonNestLogger,
  });
  app.use(traceRequests);
  app.use(app.get<ReturnType<typeof createMetrics>>(METRICS).observeRequests);
  // Size is refused before the body is parsed, depth as soon as it is (before any controller).
  app.useBodyParser('json', { limit: MAX_JSON_BYTES });
  app.use(refuseDeepJson);
  // Swagger UI needs inline scripts and styles; everything else gets helmet's strict defaults.
  app.use(helmet({ contentSecurityPolicy: false }));
  app.enableCors(corsFor(config.api));
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** The codec's routes, which Temporal's Web UI calls from the browser. */
export const CODEC_PATH = /^\/codec(\/|$)/;

/**
 * CORS: the codec's routes answer the Web UI's origin (COMITY_CODEC_CORS_ORIGINS) and nothing else;
 * every other route answers COMITY_API_CORS_ORIGINS. Each origin is matched exactly, never a pattern.
 */
export function corsFor(api: ComityConfig['api']): CorsOptionsDelegate<Request> {
  return (req, callback) => {
    if (CODEC_PATH.test(req.path)) {
      // Temporal's Web UI sends x-namespace, and with the operator's access token also their ID token
      // (authorization-extras), which the codec does not read.
      callback(null, {
        origin: api.codecCorsOrigins,
        allowedHeaders: ['authorization', 'authorization-extras', 'content-type', 'x-namespace'],
        methods: ['POST'],
      });
    } else {
      callback(null, {
        origin: api.corsOrigins,
        allowedHeaders: ['authorization', 'content-type'],
        methods: ['GET', 'POST'],
      });
    }
  };
}

/** A body nested deeper than MAX_JSON_DEPTH is a 400 (BODY_TOO_DEEP) before any controller sees it. */
function refuseDeepJson(req: { body?: unknown }, _res: unknown, next: (error?: unknown) => void): void {
  if (!nestsDeeperThan(req.body, MAX_JSON_DEPTH)) return next();
  next(
    Object.assign(new Error(`the body nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`), {
      status: 400,
      expose: true,
      type: 'entity.too.deep',
    }),
  );
}
