import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { brokerTlsEnv, kafkaPassword, principalEnv } from './kafka-access';

export const root = path.resolve(__dirname, '../..');

export type AppName = 'api' | 'worker' | 'projector' | 'bridge' | 'agency-simulator' | 'dashboard' | 'gateway';

export interface RunningApp {
  readonly name: AppName;
  readonly process: ChildProcess;
  /** Everything the app printed, for assertions and for failure messages. */
  output(): string;
  /**
   * SIGTERM, then wait for the exit; resolves with the exit code. An app still running
   * STOP_GRACE_MS after the signal is SIGKILLed, a line saying so is added to its output, and the
   * stop resolves with null (not a clean exit), so a test reports which app hung and what it last
   * printed instead of timing out in its hook.
   */
  stop(): Promise<number | null>;
}

/** How long an app may take to shut down after SIGTERM (an orchestrator's grace period is 30 s). */
export const STOP_GRACE_MS = 60_000;

/** The line each app prints once it is ready to work. */
export const readyLine: Record<AppName, RegExp> = {
  api: /"msg":"listening on/,
  worker: /"msg":"polling task queue/,
  projector: /"msg":"[^"]* read model"/,
  bridge: /"msg":"[^"]* Temporal updates"/,
  'agency-simulator': /"msg":"playing/,
  dashboard: /"msg":"listening on/,
  gateway: /"msg":"gateway [a-z0-9-]+ listening on/,
};

/**
 * How each app authenticates to the broker, as start-system.sh has it: each service as its own
 * principal, the API also as the registrar; the simulator signs in as each agency it plays, and
 * the dashboard and the gateway do not use Kafka.
 */
function appPrincipalEnv(name: AppName, runtime: string | undefined): Record<string, string> {
  if (name === 'dashboard' || name === 'gateway') return {};
  if (name === 'agency-simulator') return brokerTlsEnv(runtime);
  if (name !== 'api') return principalEnv(`comity-${name}`, runtime);
  return {
    ...principalEnv('comity-api', runtime),
    COMITY_KAFKA_REGISTRAR_USERNAME: 'comity-registrar',
    COMITY_KAFKA_REGISTRAR_PASSWORD: kafkaPassword('comity-registrar', runtime),
  };
}

/**
 * Starts a Comity app exactly as `npm start` does (its real main.ts, as a separate process)
 * and waits until it says it is ready.
 */
export function startApp(
  name: AppName,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  timeoutMs = 60_000,
): Promise<RunningApp> {
  return spawnApp(name, env, args).ready(timeoutMs);
}

/** An app launched and not yet ready: its output can be read while it starts. */
export interface StartingApp {
  readonly app: RunningApp;
  /** Waits for the app's ready line; stops it and throws when it exits first or takes longer. */
  ready(timeoutMs?: number): Promise<RunningApp>;
}

/** Launches a Comity app as startApp does, without waiting for it to be ready. */
export function spawnApp(name: AppName, env: NodeJS.ProcessEnv, args: string[] = []): StartingApp {
  const main = path.join(root, `apps/${name}/src/main.ts`);
  return launch(name, ['-r', '@swc-node/register', main, ...args], root, env);
}

/**
 * Starts a Comity app as the image does: plain node on its compiled main.js in a release build
 * (infra/deploy/build-release.sh), from the build's folder.
 */
export function startReleasedApp(
  release: string,
  name: AppName,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  timeoutMs = 60_000,
): Promise<RunningApp> {
  return launch(name, [`dist/${name}/main.js`, ...args], release, env).ready(timeoutMs);
}

function launch(name: AppName, nodeArgs: string[], cwd: string, env: NodeJS.ProcessEnv): StartingApp {
  const principal = appPrincipalEnv(name, env['COMITY_RUNTIME'] ?? undefined);
  const child = spawn(process.execPath, nodeArgs, {
    cwd,
    env: { ...process.env, ...principal, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const app: RunningApp = {
    name,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), STOP_GRACE_MS)));
      const code = await Promise.race([exited, hung]).finally(() => clearTimeout(timer));
      if (code !== 'hung') return code;
      output += `\n[test] ${name} had not exited ${STOP_GRACE_MS / 1000} s after SIGTERM: SIGKILLed\n`;
      child.kill('SIGKILL');
      await exited;
      return null;
    },
  };
  const ready = async (timeoutMs = 60_000): Promise<RunningApp> => {
    const deadline = Date.now() + timeoutMs;
    while (!readyLine[name].test(output)) {
      if (child.exitCode !== null)
        throw new Error(`${name} exited with ${child.exitCode} before it was ready:\n${output}`);
      if (Date.now() > deadline) {
        await app.stop();
        throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return app;
  };
  return { app, ready };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
