import { context, propagation, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { agencyResponse } from '@comity/events';
import { traceContextOf, withTraceContext } from './trace-context';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const spanId = '00f067aa0ba902b7';
const valid = `00-${traceId}-${spanId}-01`;

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});
afterAll(() => {
  context.disable();
  propagation.disable();
});

const parentOf = (message: unknown): SpanContext | undefined => {
  const ctx = traceContextOf(message);
  return ctx && trace.getSpanContext(ctx);
};

describe('traceContextOf (a message from outside)', () => {
  it('takes a well-formed version-00 traceparent, and its tracestate', () => {
    const parent = parentOf({ traceparent: valid, tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' });
    expect(parent).toMatchObject({ traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true });
    expect(parent?.traceState?.get('congo')).toBe('t61rcWkgMzE');
  });

  it.each([
    ['all-zero trace id', `00-${'0'.repeat(32)}-${spanId}-01`],
    ['all-zero span id', `00-${traceId}-${'0'.repeat(16)}-01`],
    ['uppercase hex', `00-${traceId.toUpperCase()}-${spanId}-01`],
    ['another version', `01-${traceId}-${spanId}-01`],
    ['the invalid version ff', `ff-${traceId}-${spanId}-01`],
    ['a short trace id', `00-${traceId.slice(1)}-${spanId}-01`],
    ['a trailing part', `${valid}-extra`],
    ['surrounding space', ` ${valid} `],
    ['a newline', `${valid}\n`],
    ['not hex', `00-${'g'.repeat(32)}-${spanId}-01`],
    ['an empty string', ''],
    ['a huge string', `00-${'a'.repeat(100_000)}-${spanId}-01`],
  ])('ignores %s', (_, traceparent) => {
    expect(traceContextOf({ traceparent })).toBeUndefined();
  });

  it.each([[null], [undefined], ['a string'], [42], [{ traceparent: 42 }], [{ traceparent: [valid] }], [{}]])(
    'ignores a message without a string traceparent: %p',
    (message) => {
      expect(traceContextOf(message)).toBeUndefined();
    },
  );

  it('keeps the traceparent but drops a malformed tracestate', () => {
    for (const tracestate of ['no-equals', 'UPPER=1', `a=${'x'.repeat(600)}`, 'a=1,,b=2', 'a=1\nb=2']) {
      const parent = parentOf({ traceparent: valid, tracestate });
      expect(parent?.traceId).toBe(traceId);
      expect(parent?.traceState).toBeUndefined();
    }
  });
});

describe('the CloudEvent envelope (an agency answer)', () => {
  const answer = {
    specversion: '1.0',
    id: 'answer-1',
    source: 'agency/at-police',
    type: 'comity.agency-response.submitted.v1',
    subject: 'mla-1',
    time: '2026-01-01T00:00:00.000Z',
    datacontenttype: 'application/json',
    data: { taskId: 't', processId: 'mla-1', action: 'acknowledge', idempotencyKey: 'answer-key-1' },
  };

  it('accepts the Distributed Tracing extension attributes', () => {
    const parsed = agencyResponse.parse({ ...answer, traceparent: valid, tracestate: 'congo=t61rcWkgMzE' });
    expect(parsed).toMatchObject({ traceparent: valid, tracestate: 'congo=t61rcWkgMzE' });
  });

  it('refuses a malformed traceparent or tracestate, naming the attribute', () => {
    for (const bad of [{ traceparent: `00-${'0'.repeat(32)}-${spanId}-01` }, { tracestate: 'a=1,,b=2' }]) {
      const result = agencyResponse.safeParse({ ...answer, ...bad });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(Object.keys(bad));
    }
  });
});

describe('withTraceContext', () => {
  it("puts the active span's context on the event", () => {
    const span = trace.wrapSpanContext({ traceId, spanId, traceFlags: TraceFlags.SAMPLED });
    const event = context.with(trace.setSpan(context.active(), span), () => withTraceContext({ id: 'e-1' }));
    expect(event).toEqual({ id: 'e-1', traceparent: valid });
  });

  it('leaves the event as it is without an active span', () => {
    const event = { id: 'e-1' };
    expect(withTraceContext(event)).toBe(event);
  });
});
