import { ConfigError } from './config';

export interface Service {
  readonly done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Runs an app's entry point: a bad configuration exits 78 (EX_CONFIG) with the message alone;
 * SIGTERM/SIGINT shut the service down gracefully, and a second signal exits at once.
 */
export function runMain(name: string, start: () => Promise<Service>): void {
  start()
    .then((service) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) process.exit(1);
        stopping = true;
        console.log(`${name}: ${signal} received, shutting down`);
        service.shutdown().then(
          () => process.exit(0),
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
