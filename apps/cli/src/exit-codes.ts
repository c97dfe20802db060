/** Exit codes scripts can rely on (documented in `comity --help` and apps/cli/README.md). */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  NotAuthenticated: 3,
  Forbidden: 4,
  NotFound: 5,
  Conflict: 6,
  InvalidRequest: 7,
  RateLimited: 8,
  Unavailable: 69,
  Configuration: 78,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const exitCodeHelp = `exit codes:
  0   ok
  1   anything else
  2   usage error (bad flags or arguments)
  3   not authenticated (401, or no token)
  4   forbidden (403)
  5   not found (404)
  6   conflict: the action is not allowed now (409)
  7   invalid request (400, 413, 422)
  8   rate limited (429)
  69  service unavailable (connection refused, timeout, 5xx)
  78  configuration invalid (token: no COMITY_AUTH_SECRET)
  130 interrupted (Ctrl-C)`;

/** The exit code for an HTTP status the API answered with. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status === 401) return ExitCode.NotAuthenticated;
  if (status === 403) return ExitCode.Forbidden;
  if (status === 404) return ExitCode.NotFound;
  if (status === 409) return ExitCode.Conflict;
  if (status === 400 || status === 413 || status === 422) return ExitCode.InvalidRequest;
  if (status === 429) return ExitCode.RateLimited;
  if (status >= 500) return ExitCode.Unavailable;
  return ExitCode.Failure;
}

/** A failure the CLI reports as `error: <message> (<code>)` plus details, then exits with exitCode. */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Bad flags or arguments, or a value the CLI's own validation refuses. */
export class UsageError extends CliError {
  override readonly name = 'UsageError';
  constructor(message: string, details: readonly string[] = []) {
    super(ExitCode.Usage, 'USAGE', message, details);
  }
}

/** An error answer from the API, in its one shape `{statusCode, code, message, details?}`. */
export class ApiError extends CliError {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    code: string,
    message: string,
    details: readonly string[] = [],
    readonly body: unknown = undefined,
  ) {
    super(exitCodeForStatus(status), code, message, details);
  }

  /** A 404 for a route the API does not have (Nest's own NOT_FOUND), not for a missing resource. */
  get missingRoute(): boolean {
    return this.status === 404 && this.code === 'NOT_FOUND';
  }
}
