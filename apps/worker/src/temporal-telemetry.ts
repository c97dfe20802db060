import { createServer } from 'node:net';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import { Runtime, type WorkerOptions } from '@temporalio/worker';
import type { LogLevel as TemporalLogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { ComityConfig } from '@comity/config';
import { activeTracing, addMetricsSource, log, type Logger } from '@comity/observability';
import { tracingInterceptorModules } from '@comity/workflows/bundler';

/** The Temporal SDK's logger (workflow, activity and core records) writing Comity's JSON lines. */
function temporalLogger(target: Logger): TemporalLogger {
  const write = (level: TemporalLogLevel, message: string, meta: LogMetadata = {}) => {
    const fields = Object.fromEntries(Object.entries(meta).filter(([key]) => typeof key === 'string'));
    if (level === 'ERROR') target.error(message, fields);
    else if (level === 'WARN') target.warn(message, fields);
    else if (level === 'INFO') target.info(message, fields);
    else target.debug(message, fields);
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}

/** A port free on the loopback interface now (the SDK's exporter binds it a moment later). */
async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('could not find a free port for Temporal metrics');
  return address.port;
}

/**
 * Installs the Temporal SDK runtime before the worker connects: its logs (core's forwarded too) go
 * to the JSON logger, and, where the app serves /metrics (COMITY_HEALTH_PORT), its metrics
 * (workflow and activity task latencies, slots, polls, sticky cache, …) are scraped from the SDK's
 * own Prometheus exporter on a loopback port and served with Comity's. The exporter was chosen over
 * the SDK's OTel metrics exporter because it needs no collector: Prometheus scrapes one endpoint.
 */
export async function installTemporalRuntime(config: ComityConfig): Promise<void> {
  const metricsPort = config.health ? await freeLoopbackPort() : undefined;
  Runtime.install({
    logger: temporalLogger(log.child({ component: 'temporal-sdk' })),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(metricsPort === undefined
        ? {}
        : {
            metrics: {
              prometheus: {
                bindAddress: `127.0.0.1:${metricsPort}`,
                countersTotalSuffix: true,
                unitSuffix: true,
                useSecondsForDurations: true,
              },
            },
          }),
    },
  });
  if (metricsPort !== undefined) {
    addMetricsSource(async () => {
      const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { signal: AbortSignal.timeout(2_000) });
      return res.ok ? res.text() : '';
    });
  }
}

/**
 * When the process traces: the trace context travels in Temporal headers from the caller (the
 * API's or the bridge's client span) through the workflow (workflows/src/trace-context.interceptors.ts,
 * which makes no span there) to each activity, which runs in a span of its own. Untraced, none of
 * it is installed.
 */
export function tracingWorkerOptions(): Pick<WorkerOptions, 'interceptors'> {
  if (!activeTracing()) return {};
  return {
    interceptors: {
      workflowModules: tracingInterceptorModules,
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
  };
}
