import { apiClient } from './api-client';
import { startApp, type RunningApp } from './apps';
import { createTestEnvironment, type DatabaseKind, type TestEnvironment } from './environment';
import { ProcessEventObserver } from './process-events';

export interface Stack {
  readonly environment: TestEnvironment;
  readonly base: string;
  readonly api: ReturnType<typeof apiClient>;
  readonly observer: ProcessEventObserver;
  /** Stops every app (asserting each exits cleanly) and removes the environment. */
  stop(): Promise<void>;
}

/**
 * The whole system for one test file: its own topics, task queue and database on the real local
 * services, with the worker, projector and API running as separate processes.
 */
export async function startStack(database: DatabaseKind, apiPort: number): Promise<Stack> {
  const environment = await createTestEnvironment(database, apiPort);
  let apps: RunningApp[] = [];
  const observer = new ProcessEventObserver(environment.brokers, `${environment.runId}-observer`);
  try {
    apps = await Promise.all([
      startApp('worker', environment.env),
      startApp('projector', environment.env),
      startApp('api', environment.env),
    ]);
    await observer.start(environment.topics.processEvents);
  } catch (err) {
    await Promise.all(apps.map((app) => app.stop()));
    await environment.dispose();
    throw err;
  }
  const base = `http://127.0.0.1:${apiPort}`;
  return {
    environment,
    base,
    api: apiClient(base, environment.token),
    observer,
    stop: async () => {
      await observer.stop();
      const codes = await Promise.all(apps.map((app) => app.stop()));
      await environment.dispose();
      const unclean = apps.filter((_, i) => codes[i] !== 0);
      if (unclean.length) {
        throw new Error(`apps did not exit cleanly:\n${unclean.map((a) => `${a.name}:\n${a.output()}`).join('\n')}`);
      }
    },
  };
}
