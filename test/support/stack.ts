import type { Actor } from '@comity/domain';
import { apiClient } from './api-client';
import { startApp, type AppName, type RunningApp } from './apps';
import { createTestEnvironment, type DatabaseKind, type TestEnvironment } from './environment';
import { ProcessEventObserver } from './process-events';
import { cipherOf } from './sealing';

export interface Stack {
  readonly environment: TestEnvironment;
  readonly base: string;
  readonly api: ReturnType<typeof apiClient>;
  readonly observer: ProcessEventObserver;
  /** Opens a case (as a coordinator) and answers its id. */
  openCase(caseId: string, handlingCode?: string): Promise<string>;
  /** Kills an app with SIGKILL (as a crash would) and starts it again with the same settings. */
  crashAndRestart(name: AppName, downMs?: number): Promise<void>;
  /** The apps running now: the four of the stack, restarted ones and extras included. */
  apps(): readonly RunningApp[];
  /** Starts one more app (e.g. the agency simulator) that stop() will also stop. */
  startExtra(name: AppName, args?: string[]): Promise<RunningApp>;
  /** Stops every app (asserting each exits cleanly) and removes the environment. */
  stop(): Promise<void>;
}

/**
 * The whole system for one test file: its own topics, task queue and database on the real local
 * services, with the worker, projector, bridge and API running as separate processes.
 */
export async function startStack(database: DatabaseKind, apiPort: number): Promise<Stack> {
  const environment = await createTestEnvironment(database, apiPort);
  let apps: RunningApp[] = [];
  const observer = new ProcessEventObserver(
    environment.brokers,
    `${environment.runId}-observer`,
    cipherOf(environment.env),
  );
  try {
    // Settled, not all: when one app fails to start, the others that did are stopped below, not leaked.
    const started = await Promise.allSettled([
      startApp('worker', environment.env),
      startApp('projector', environment.env),
      startApp('bridge', environment.env),
      startApp('api', environment.env),
    ]);
    apps = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await observer.start(environment.topics.processEvents);
  } catch (err) {
    await Promise.all(apps.map((app) => app.stop()));
    await environment.dispose();
    throw err;
  }
  const base = `http://127.0.0.1:${apiPort}`;
  const api = apiClient(base, environment.token);
  return {
    environment,
    base,
    api,
    observer,
    openCase: async (caseId, handlingCode = 'H1') => {
      const res = await api.as({ userId: 'case-officer', role: 'coordinator' }).post<{
        caseId: string;
      }>('/api/v1/cases', { caseId: `${environment.runId}-${caseId}`, title: caseId, handlingCode });
      if (res.status !== 201) throw new Error(`opening case ${caseId}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.caseId;
    },
    crashAndRestart: async (name, downMs = 1000) => {
      const index = apps.findIndex((app) => app.name === name);
      const app = apps[index];
      if (!app) throw new Error(`${name} is not running`);
      app.process.kill('SIGKILL');
      await app.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      apps[index] = await startApp(name, environment.env);
    },
    apps: () => apps,
    startExtra: async (name, args = []) => {
      const app = await startApp(name, environment.env, args);
      apps.push(app);
      return app;
    },
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

/** Starts an MLA from Greece to Turkey through the API as `actor` (201 expected) and answers its id. */
export async function startGreekTurkishMla(stack: Stack, actor: Actor): Promise<string> {
  const res = await stack.api.as(actor).post<{ id: string }>('/api/v1/processes', {
    type: 'mla',
    legalBasis: 'UNTOC',
    parties: {
      requesting: { agencyId: 'gr-central-authority', state: 'GR' },
      requested: { agencyId: 'tr-central-authority', state: 'TR' },
    },
  });
  if (res.status !== 201) throw new Error(`starting an MLA: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
