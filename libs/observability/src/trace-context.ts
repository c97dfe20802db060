import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { TRACEPARENT_PATTERN, TRACESTATE_MAX_LENGTH, TRACESTATE_PATTERN } from '@comity/events';

/** The CloudEvents Distributed Tracing extension attributes. */
export interface TraceContextAttributes {
  traceparent?: string;
  tracestate?: string;
}

/**
 * The event with the active span's context as its Distributed Tracing extension attributes (W3C
 * traceparent, and tracestate when there is one). Without an active, sampled-or-not span — tracing
 * off, say — the event is returned as it is.
 */
export function withTraceContext<T extends object>(event: T): T & TraceContextAttributes {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const { traceparent, tracestate } = carrier;
  if (!traceparent || !TRACEPARENT_PATTERN.test(traceparent)) return event;
  return { ...event, traceparent, ...(tracestate ? { tracestate } : {}) };
}

/**
 * The trace context a message carries (a CloudEvent's extension attributes), as a parent for the
 * span that handles it. The message may come from outside (an agency's answer): anything but a
 * well-formed version-00 traceparent is ignored, and so is a malformed tracestate, so the span
 * starts a trace of its own. The context only places spans; it never takes part in a decision.
 */
export function traceContextOf(message: unknown): Context | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { traceparent, tracestate } = message as Record<string, unknown>;
  if (typeof traceparent !== 'string' || !TRACEPARENT_PATTERN.test(traceparent)) return undefined;
  const carrier: Record<string, string> = { traceparent };
  if (
    typeof tracestate === 'string' &&
    tracestate.length <= TRACESTATE_MAX_LENGTH &&
    TRACESTATE_PATTERN.test(tracestate)
  ) {
    carrier['tracestate'] = tracestate;
  }
  return propagation.extract(ROOT_CONTEXT, carrier);
}
