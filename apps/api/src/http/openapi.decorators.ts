import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { jsonSchema } from './json-schema';

/** The component every error response refers to: `{statusCode, code, message, details?}` (ApiErrorBody). */
export const API_ERROR_SCHEMA = 'ApiError';
/** The schema of a step taken outside Comity (`offChannel` of an action), once for every action. */
export const OFF_CHANNEL_SCHEMA = 'OffChannelRecord';
/** The schema of a process begun outside Comity (`offChannel` of a start), once for every type. */
export const OFF_CHANNEL_OPENING_SCHEMA = 'OffChannelOpening';
const apiError = { $ref: `#/components/schemas/${API_ERROR_SCHEMA}` };

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;
/** Per error status, the codes (`code` of the body) a route may answer with. */
export type ErrorAnswers = Readonly<Partial<Record<ErrorStatus, readonly string[]>>>;

const errorDescriptions: Readonly<Record<ErrorStatus, string>> = {
  400: 'Invalid request; `details` names each bad field (`body.<field>: …`, `query.<field>: …`, `path.id: …`)',
  401: 'No token, or an invalid, expired or foreign one',
  403: 'Not allowed for the caller',
  404: 'No such resource',
  409: 'Not allowed in the current state or by the legal basis',
  410: 'Gone: an expired link (take the one in the newest task), or a document deleted at the end of its retention',
  413: 'Body over 256 KiB',
  415: 'Body in an encoding or character set the API does not read',
  422: 'The idempotency key was first used with another request; nothing was changed (use a new key)',
  429: 'Too many: requests over COMITY_API_RATE_LIMIT a minute per client (TOO_MANY_REQUESTS), or the limit the code names',
  503: "A service the request needs did not answer or is not configured (TEMPORAL_UNAVAILABLE: Temporal or its workers, within 10 s; BROKER_UNAVAILABLE, REGISTRAR_NOT_CONFIGURED: the agency registry's broker); nothing was changed; retry (an action with the same idempotencyKey is applied at most once)",
};

/** What any authenticated route may answer: no valid token, or too many requests. */
const alwaysErrors: ErrorAnswers = { 401: ['UNAUTHENTICATED'], 429: ['TOO_MANY_REQUESTS'] };
/** What a route with a JSON body may answer before its controller runs (body parser, depth, schema). */
const bodyErrors: ErrorAnswers = {
  400: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'BODY_TOO_DEEP'],
  413: ['PAYLOAD_TOO_LARGE'],
  415: ['UNSUPPORTED_ENCODING', 'UNSUPPORTED_CHARSET'],
};

function mergeErrors(...parts: ErrorAnswers[]): Map<ErrorStatus, string[]> {
  const merged = new Map<ErrorStatus, string[]>();
  for (const part of parts) {
    for (const [status, codes] of Object.entries(part) as [`${ErrorStatus}`, readonly string[]][]) {
      const known = merged.get(Number(status) as ErrorStatus) ?? [];
      merged.set(Number(status) as ErrorStatus, [...known, ...codes.filter((code) => !known.includes(code))]);
    }
  }
  return new Map([...merged].sort(([a], [b]) => a - b));
}

/** One error response: the shared body schema, the codes this route may give named in its description. */
function errorResponse(status: ErrorStatus, codes: readonly string[]) {
  return ApiResponse({
    status,
    description: `${errorDescriptions[status]}. Codes: ${codes.map((code) => `\`${code}\``).join(', ')}`,
    content: { 'application/json': { schema: apiError } },
  });
}

export interface SuccessAnswer {
  readonly status: number;
  readonly schema: z.ZodType;
  readonly description: string;
  /** Further media types the success may come as (e.g. `text/csv`), with their schemas. */
  readonly alternatives?: Readonly<Record<string, object>>;
}

/**
 * Documents a route's answers: its success body and every error it may give, each error with the
 * one error body (API_ERROR_SCHEMA) and the codes it may carry. 401 and 429 are added for every
 * route that needs a token, and 400/413/415 for the body parser when the route takes a `body`
 * (whose schema this also documents).
 */
export function ApiAnswers(
  success: SuccessAnswer,
  errors: ErrorAnswers,
  options: {
    readonly body?: z.ZodType;
    /** The body as published, when it says more than `body` checks (e.g. a schema per action). */
    readonly publishedBody?: object;
    readonly public?: boolean;
  } = {},
) {
  const content = {
    'application/json': { schema: jsonSchema(success.schema) },
    ...Object.fromEntries(Object.entries(success.alternatives ?? {}).map(([type, schema]) => [type, { schema }])),
  };
  const all = mergeErrors(
    options.public ? { 429: alwaysErrors[429] ?? [] } : alwaysErrors,
    options.body ? bodyErrors : {},
    errors,
  );
  return applyDecorators(
    ApiResponse({ status: success.status, description: success.description, content }),
    ...(options.body ? [ApiBody({ schema: options.publishedBody ?? jsonSchema(options.body) })] : []),
    ...[...all].map(([status, codes]) => errorResponse(status, codes)),
  );
}

/** The error responses of a route whose success is not JSON (e.g. the event stream). */
export function ApiErrors(errors: ErrorAnswers) {
  return applyDecorators(
    ...[...mergeErrors(alwaysErrors, errors)].map(([status, codes]) => errorResponse(status, codes)),
  );
}

/**
 * One query parameter per field of a zod object schema (so clients see `type`, `limit`, … rather
 * than one opaque object), each with its field's JSON Schema and description.
 */
export function ApiQueryOf(schema: z.ZodObject) {
  const { properties = {}, required = [] } = jsonSchema(schema) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) =>
      ApiQuery({
        name,
        required: required.includes(name),
        schema: property,
        ...(property.description ? { description: property.description } : {}),
      }),
    ),
  );
}
