import {
  METRICS_CONTENT_TYPE,
  collectProcessMetrics,
  configureLogging,
  log,
  renderMetrics,
  startTracing,
  type Tracing,
} from '@comity/observability';
import { ConfigError, loadConfig } from './config';
import { serveHealth, type HealthServer } from './health-server';
import { keyFingerprints } from './key-fingerprints';

export interface Service {
  readonly done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Runs an app's entry point: a bad configuration exits 78 (EX_CONFIG) with the message alone;
 * SIGTERM/SIGINT shut the service down gracefully, and a second signal exits at once. It logs as
 * JSON lines under the app's name and, with OTEL_EXPORTER_OTLP_ENDPOINT set, exports traces (both
 * before `start`, so the service's own set-up is covered). With COMITY_HEALTH_PORT set, the app
 * answers liveness probes there while it runs, with the fingerprints of the keys it holds, and
 * Prometheus at /metrics.
 */
export function runMain(name: string, start: () => Promise<Service>): void {
  let stopping = false;
  let health: HealthServer | undefined;
  let tracing: Tracing | undefined;
  configureLogging({ service: name });
  const startWithHealth = async () => {
    const config = loadConfig();
    configureLogging({ service: name, level: config.telemetry.logLevel });
    tracing = await startTracing(name, config.telemetry.tracing);
    const settings = config.health;
    if (settings) collectProcessMetrics(name);
    const service = await start();
    if (settings) {
      health = await serveHealth(
        name,
        settings.port,
        settings.host,
        () => !stopping,
        { keys: keyFingerprints(config) },
        { contentType: METRICS_CONTENT_TYPE, render: renderMetrics },
      );
      log.info('serving /health and /metrics', { url: `http://${settings.host}:${health.port}` });
    }
    return service;
  };
  // A stop signal while the service starts (waiting for Temporal, say) ends the process: it has
  // taken on no work yet. Without this, the listeners Temporal's runtime adds would keep Node from
  // exiting on the signal.
  // `on`, not `once`: a second signal arriving while the first one exits (a supervisor that repeats
  // it) would otherwise meet no listener and kill the process by signal instead of a clean exit 0.
  const stopWhileStarting = (signal: NodeJS.Signals) => {
    log.info('stopped while starting', { signal });
    process.exit(0);
  };
  process.on('SIGTERM', stopWhileStarting);
  process.on('SIGINT', stopWhileStarting);
  startWithHealth()
    .then((service) => {
      process.off('SIGTERM', stopWhileStarting);
      process.off('SIGINT', stopWhileStarting);
      const stop = (signal: string) => {
        if (stopping) process.exit(1);
        stopping = true;
        log.info('shutting down', { signal });
        service.shutdown().then(
          async () => {
            await health?.close();
            // The spans still buffered go out before the process does.
            await tracing?.shutdown().catch((err: unknown) => log.warn('could not flush spans', { err }));
            process.exit(0);
          },
          (err: unknown) => {
            log.error('shutdown failed', { err });
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
      return service.done.then(() => {
        if (!stopping) {
          log.error('stopped unexpectedly');
          process.exit(1);
        }
      });
    })
    .catch((err: unknown) => {
      if (err instanceof ConfigError) {
        log.error(err.message, { err: { name: err.name } });
        process.exit(78);
      }
      log.error('fatal', { err });
      process.exit(1);
    });
}
