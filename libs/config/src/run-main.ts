import { ConfigError, loadConfig } from './config';
import { serveHealth, type HealthServer } from './health-server';
import { keyFingerprints } from './key-fingerprints';

export interface Service {
  readonly done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Runs an app's entry point: a bad configuration exits 78 (EX_CONFIG) with the message alone;
 * SIGTERM/SIGINT shut the service down gracefully, and a second signal exits at once. With
 * COMITY_HEALTH_PORT set, the app answers liveness probes there while it runs, with the fingerprints
 * of the keys it holds.
 */
export function runMain(name: string, start: () => Promise<Service>): void {
  let stopping = false;
  let health: HealthServer | undefined;
  const startWithHealth = async () => {
    const config = loadConfig();
    const settings = config.health;
    const service = await start();
    if (settings) {
      health = await serveHealth(name, settings.port, settings.host, () => !stopping, {
        keys: keyFingerprints(config),
      });
    }
    return service;
  };
  startWithHealth()
    .then((service) => {
      const stop = (signal: string) => {
        if (stopping) process.exit(1);
        stopping = true;
        console.log(`${name}: ${signal} received, shutting down`);
        service.shutdown().then(
          async () => {
            await health?.close();
            process.exit(0);
          },
          (err: unknown) => {
            console.error(`${name}: shutdown failed`, err);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
      return service.done.then(() => {
        if (!stopping) {
          console.error(`${name}: stopped unexpectedly`);
          process.exit(1);
        }
      });
    })
    .catch((err: unknown) => {
      if (err instanceof ConfigError) {
        console.error(`${name}: ${err.message}`);
        process.exit(78);
      }
      console.error(`${name}: fatal`, err);
      process.exit(1);
    });
}
