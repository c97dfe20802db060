import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { Sampler } from '@opentelemetry/sdk-trace-base';

export const TraceSamplers = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type TraceSampler = (typeof TraceSamplers)[number];

/** The standard OTEL_* settings, validated by libs/config. */
export interface TracingSettings {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. Unset: tracing off. */
  readonly endpoint?: string;
  /** OTEL_SERVICE_NAME; by default `comity-<app>`. */
  readonly serviceName?: string;
  readonly sampler: TraceSampler;
  /** OTEL_TRACES_SAMPLER_ARG: the ratio of the ratio samplers. */
  readonly samplerRatio: number;
}

export interface Tracing {
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

const TRACER_NAME = 'comity';
let running: Tracing | undefined;

type SdkTraceBase = typeof import('@opentelemetry/sdk-trace-base');

function samplerOf(settings: TracingSettings, sdk: SdkTraceBase): Sampler {
  const { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, TraceIdRatioBasedSampler } = sdk;
  const ratio = new TraceIdRatioBasedSampler(settings.samplerRatio);
  switch (settings.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio });
  }
}

/**
 * Starts exporting spans over OTLP/HTTP (protobuf) when an endpoint is configured, with W3C Trace
 * Context propagation and async-local context. Without an endpoint it does nothing — the SDK is
 * not even loaded — and the API's tracer stays the no-op one, so an untraced installation pays for
 * no span. Called once per process (runMain); a second call returns the first's.
 */
export async function startTracing(app: string, settings: TracingSettings): Promise<Tracing | undefined> {
  if (running || !settings.endpoint) return running;
  const [
    { AsyncLocalStorageContextManager },
    { W3CTraceContextPropagator },
    { OTLPTraceExporter },
    { Resource },
    { ATTR_SERVICE_NAME },
    sdk,
  ] = await Promise.all([
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/exporter-trace-otlp-proto'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
    import('@opentelemetry/sdk-trace-base'),
  ]);
  const resource = new Resource({ [ATTR_SERVICE_NAME]: settings.serviceName ?? `comity-${app}` });
  const exporter = new OTLPTraceExporter({ url: `${settings.endpoint.replace(/\/+$/, '')}/v1/traces` });
  // The batch processor reads OTEL_BSP_* (delay, queue and batch sizes) from the environment itself.
  const spanProcessor = new sdk.BatchSpanProcessor(exporter);
  const provider = new sdk.BasicTracerProvider({
    resource,
    sampler: samplerOf(settings, sdk),
    spanProcessors: [spanProcessor],
  });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager(),
    propagator: new W3CTraceContextPropagator(),
  });
  running = {
    shutdown: async () => {
      await provider.shutdown();
      running = undefined;
    },
  };
  return running;
}

/** The running tracing, if this process traces. */
export const activeTracing = (): Tracing | undefined => running;

export const tracer = (): Tracer => trace.getTracer(TRACER_NAME);

export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** The parent (an extracted remote context); by default the active context. */
  readonly parent?: Context;
  readonly links?: Link[];
}

/**
 * Runs `work` inside a new active span, which ends when it settles; a throw marks the span as an
 * error (with the exception recorded) and is rethrown.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (err) {
        span.recordException(err instanceof Error ? err : String(err));
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

export { SpanKind, SpanStatusCode, ROOT_CONTEXT, context, propagation, trace };
export type { Context, Span };
