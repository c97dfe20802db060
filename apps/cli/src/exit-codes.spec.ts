import { apiErrorOf } from './api-client';
import { ApiError, ExitCode, exitCodeForStatus } from './exit-codes';

describe('exit codes', () => {
  it.each([
    [401, ExitCode.NotAuthenticated, 3],
    [403, ExitCode.Forbidden, 4],
    [404, ExitCode.NotFound, 5],
    [409, ExitCode.Conflict, 6],
    [400, ExitCode.InvalidRequest, 7],
    [413, ExitCode.InvalidRequest, 7],
    [422, ExitCode.InvalidRequest, 7],
    [429, ExitCode.RateLimited, 8],
    [500, ExitCode.Unavailable, 69],
    [503, ExitCode.Unavailable, 69],
    [418, ExitCode.Failure, 1],
  ])('maps HTTP %i to %i', (status, code, number) => {
    expect(exitCodeForStatus(status)).toBe(code);
    expect(code).toBe(number);
  });
});

describe('apiErrorOf', () => {
  it("keeps the API's code, message and details", () => {
    const error = apiErrorOf(409, 'Conflict', {
      statusCode: 409,
      code: 'ACTION_NOT_ALLOWED_IN_STATE',
      message: "'acknowledge' is not allowed in 'draft'",
      details: ['stage: draft'],
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      exitCode: 6,
      code: 'ACTION_NOT_ALLOWED_IN_STATE',
      message: "'acknowledge' is not allowed in 'draft'",
      details: ['stage: draft'],
    });
  });

  it('names the status when the body is not the API shape', () => {
    expect(apiErrorOf(502, 'Bad Gateway', undefined, '<html>proxy</html>')).toMatchObject({
      code: 'HTTP_502',
      exitCode: 69,
      message: 'the API answered 502 Bad Gateway: <html>proxy</html>',
    });
  });

  it('tells a missing route (NOT_FOUND) from a missing resource', () => {
    expect(apiErrorOf(404, '', { code: 'NOT_FOUND', message: 'Cannot GET /api/v1/cases/x' }).missingRoute).toBe(true);
    expect(apiErrorOf(404, '', { code: 'PROCESS_NOT_FOUND', message: "no process 'x'" }).missingRoute).toBe(false);
  });
});
