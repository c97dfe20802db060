import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ServiceError, WorkflowNotFoundError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { AuthenticationError } from '@comity/auth';
import { InvalidCursorError } from '@comity/persistence';
import type { Response } from 'express';
import { DomainError } from '@comity/domain';
import { ClientError, ServiceUnavailable, domainErrorStatus, validationFailed, type ApiErrorBody } from './api-error';

/** Maps every failure to one error shape; only our own faults become 5xx. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const body = this.toBody(error);
    if (body.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : error);
    host.switchToHttp().getResponse<Response>().status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ApiErrorBody {
    if (error instanceof DomainError) {
      return {
        statusCode: domainErrorStatus[error.code],
        code: error.code,
        message: error.message,
        details: error.details,
      };
    }
    if (error instanceof InvalidCursorError) return this.toBody(validationFailed([`query.cursor: ${error.message}`]));
    if (error instanceof ClientError) {
      return {
        statusCode: error.status,
        code: error.code,
        message: error.message,
        ...(error.details.length ? { details: error.details } : {}),
      };
    }
    if (error instanceof ServiceUnavailable) return { statusCode: 503, code: error.code, message: error.message };
    if (error instanceof AuthenticationError)
      return { statusCode: 401, code: 'UNAUTHENTICATED', message: error.message };
    if (error instanceof WorkflowNotFoundError) {
      return { statusCode: 404, code: 'PROCESS_NOT_FOUND', message: 'no process with that id' };
    }
    if (isTemporalUnavailable(error)) {
      return {
        statusCode: 503,
        code: 'TEMPORAL_UNAVAILABLE',
        message:
          'Temporal or its workers did not answer in time; retry later (an action repeated with the same idempotencyKey is applied at most once)',
      };
    }
    const bodyParserError = clientErrorOfBodyParser(error);
    if (bodyParserError) return bodyParserError;
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return { statusCode: status, code: httpCode(status), message: error.message };
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'internal error; it has been logged' };
  }
}

/**
 * Temporal unreachable or overloaded (it sheds load with RESOURCE_EXHAUSTED), or no worker
 * answered a query or update before the call's deadline (an update's deadline comes as its own
 * error: the update may still be applied, once, so a retry with the same idempotency key is safe).
 */
function isTemporalUnavailable(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = error instanceof ServiceError ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
  return code === GRPC_DEADLINE_EXCEEDED || code === GRPC_UNAVAILABLE || code === GRPC_RESOURCE_EXHAUSTED;
}
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_UNAVAILABLE = 14;

const bodyParserCodes: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'entity.too.deep': 'BODY_TOO_DEEP',
  'encoding.unsupported': 'UNSUPPORTED_ENCODING',
  'charset.unsupported': 'UNSUPPORTED_CHARSET',
};

/** Express's body parser raises http-errors (`status`, `type`, `expose`) before any controller runs. */
function clientErrorOfBodyParser(error: unknown): ApiErrorBody | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type, expose, message } = error as {
    status?: unknown;
    type?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true || typeof type !== 'string') {
    return undefined;
  }
  return { statusCode: status, code: bodyParserCodes[type] ?? httpCode(status), message: String(message) };
}

function httpCode(status: number): string {
  const name = HttpStatus[status];
  return typeof name === 'string' ? name : `HTTP_${status}`;
}
