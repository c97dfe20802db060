import type { ArgumentsHost } from '@nestjs/common';
import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApiExceptionFilter } from './api-exception.filter';

/** What the filter answers for an error: the status and the body it sends. */
function answer(error: unknown): { status: number; body: unknown } {
  const sent: { status: number; body: unknown } = { status: 0, body: undefined };
  const response = {
    status: (status: number) => ((sent.status = status), response),
    json: (body: unknown) => ((sent.body = body), response),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(error, host);
  return sent;
}

describe('ApiExceptionFilter', () => {
  it('answers 503 TEMPORAL_UNAVAILABLE when an update outlives its deadline, not 500', () => {
    const timedOut = new WorkflowUpdateRPCTimeoutOrCancelledError('Timed out while waiting for the update', {
      cause: new Error('deadline exceeded'),
    });
    expect(answer(timedOut)).toMatchObject({ status: 503, body: { code: 'TEMPORAL_UNAVAILABLE' } });
  });

  it.each([
    ['no worker answered before the deadline', 4],
    ['Temporal sheds load', 8],
    ['Temporal is unreachable', 14],
  ])('answers 503 TEMPORAL_UNAVAILABLE when %s (gRPC %i)', (_, code) => {
    const failed = new ServiceError('query failed', { cause: Object.assign(new Error('grpc'), { code }) });
    expect(answer(failed)).toMatchObject({ status: 503, body: { code: 'TEMPORAL_UNAVAILABLE' } });
  });

  it('keeps 500 INTERNAL, without detail, for what is nobody else’s fault', () => {
    expect(answer(new Error('a bug'))).toEqual({
      status: 500,
      body: { statusCode: 500, code: 'INTERNAL', message: 'internal error; it has been logged' },
    });
  });
});
