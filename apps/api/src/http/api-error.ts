import { HttpStatus } from '@nestjs/common';
import { DomainErrorCode } from '@comity/domain';

/** The body of every error response. */
export interface ApiErrorBody {
  readonly statusCode: number;
  /** Stable, machine-readable code (see docs/api.md). */
  readonly code: string;
  readonly message: string;
  /** One entry per offending field, e.g. `body.parties.requested.state: ...`. */
  readonly details?: readonly string[];
}

export const domainErrorStatus: Readonly<Record<DomainErrorCode, HttpStatus>> = {
  [DomainErrorCode.ProcessTypeUnknown]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.PayloadInvalid]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.PartiesInvalid]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.ActionUnknown]: HttpStatus.CONFLICT,
  [DomainErrorCode.ActionNotAllowedInState]: HttpStatus.CONFLICT,
  [DomainErrorCode.ProcessFinished]: HttpStatus.CONFLICT,
  [DomainErrorCode.ActorNotPermitted]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.NotAParty]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.LegalBasisUnknown]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.LegalBasisNotApplicable]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.NotPermittedByLegalBasis]: HttpStatus.CONFLICT,
  [DomainErrorCode.PreconditionUnmet]: HttpStatus.CONFLICT,
  [DomainErrorCode.TaskNotOpen]: HttpStatus.CONFLICT,
  [DomainErrorCode.TaskNotYours]: HttpStatus.FORBIDDEN,
  // Only a worker that lacks a running process's definition version meets it.
  [DomainErrorCode.DefinitionVersionUnknown]: HttpStatus.CONFLICT,
  // Only a message sent to Temporal around Comity meets it; the API's own are always encrypted.
  [DomainErrorCode.PayloadNotEncrypted]: HttpStatus.BAD_REQUEST,
  // Only an action not sent by the API or the bridge meets it: theirs are always signed.
  [DomainErrorCode.AssertionInvalid]: HttpStatus.FORBIDDEN,
  // The key was first used with another request: repeating it would silently drop this one.
  [DomainErrorCode.IdempotencyKeyReused]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** A client's mistake that is not the domain's: an unknown id, a forbidden reach, a bad reference. */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 410 | 429,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export const notFound = (code: string, message: string) => new ClientError(404, code, message);
export const forbidden = (code: string, message: string) => new ClientError(403, code, message);

/** A request that failed validation at the edge; nothing was changed. */
export const validationFailed = (details: readonly string[]) =>
  new ClientError(400, 'VALIDATION_FAILED', `invalid request: ${details.join('; ')}`, details);

/** A dependency the request needs is down or not configured; nothing was changed, retry later. */
export class ServiceUnavailable extends Error {
  override readonly name = 'ServiceUnavailable';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
