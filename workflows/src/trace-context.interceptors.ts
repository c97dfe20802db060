/**
 * Carries the caller's trace context through a workflow without making spans in it: the header
 * that the OpenTelemetry client interceptor puts on a start, an update or a signal is passed on to
 * the activities (and children, signals, continue-as-new) the workflow schedules after it, where
 * the activity interceptor continues the trace. An activity goes out under the context of the last
 * start, update or signal handled, so the task an answer causes sits in that answer's trace.
 *
 * Not the SDK's own workflow interceptors: they run each update handler inside an async span,
 * which moves the update's completion after commands the main loop issues, and recorded histories
 * then fail to replay (test/workflows/replay.spec.ts). These only copy a header, synchronously:
 * headers take no part in replay, so traced and untraced workers share histories.
 */
import type { Headers } from '@temporalio/common';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** The header of @temporalio/interceptors-opentelemetry (its TRACE_HEADER). */
export const TRACE_HEADER = '_tracer-data';

export const interceptors: WorkflowInterceptorsFactory = () => {
  // Per workflow: the factory is called for each workflow it runs.
  let current: Headers[string] | undefined;
  const remember = (headers: Headers) => {
    current = headers[TRACE_HEADER] ?? current;
  };
  const carry = <T extends { readonly headers: Headers }>(input: T): T =>
    current ? { ...input, headers: { ...input.headers, [TRACE_HEADER]: current } } : input;
  return {
    inbound: [
      {
        execute: (input, next) => {
          remember(input.headers);
          return next(input);
        },
        handleUpdate: (input, next) => {
          remember(input.headers);
          return next(input);
        },
        handleSignal: (input, next) => {
          remember(input.headers);
          return next(input);
        },
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next(carry(input)),
        scheduleLocalActivity: (input, next) => next(carry(input)),
        startChildWorkflowExecution: (input, next) => next(carry(input)),
        signalWorkflow: (input, next) => next(carry(input)),
        continueAsNew: (input, next) => next(carry(input)),
      },
    ],
  };
};
