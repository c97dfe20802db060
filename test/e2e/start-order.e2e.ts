import { connect, createServer, type Server } from 'node:net';
import { loadConfig } from '@comity/config';
import { readyLine, spawnApp, waitFor, type RunningApp } from '../support/apps';
import { createTestEnvironment, type TestEnvironment } from '../support/environment';

/**
 * Apps started before Temporal's frontend answers — a machine booting, Temporal restarting, or a
 * machine so busy the SDK's 10 s connect timeout passes (a newcomer's test run lost the API that
 * way) — wait for it instead of exiting. The frontend here is a TCP relay to the real one that
 * opens only once every app has given up a connect attempt and said it will retry. Port 3300.
 */
const RETRYING = /Temporal is not reachable yet; retrying/;

let environment: TestEnvironment;
const apps: RunningApp[] = [];
let relay: Server | undefined;

beforeAll(async () => {
  environment = await createTestEnvironment('sqlite', 3300);
}, 120_000);
afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  relay?.close();
  await environment?.dispose();
}, 60_000);

/** A free port on the loopback, closed again: nothing listens there until the relay does. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function relayTo(port: number, target: string): Promise<Server> {
  const [host, targetPort] = [
    target.slice(0, target.lastIndexOf(':')),
    Number(target.slice(target.lastIndexOf(':') + 1)),
  ];
  const server = createServer((client) => {
    const upstream = connect(targetPort, host);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

it('the worker, bridge and API wait for a Temporal frontend that comes up after them', async () => {
  const temporal = loadConfig(environment.env).temporal.address;
  const port = await freePort();
  const env = { ...environment.env, COMITY_TEMPORAL_ADDRESS: `127.0.0.1:${port}` };
  const starting = (['worker', 'bridge', 'api'] as const).map((name) => spawnApp(name, env));
  apps.push(...starting.map((s) => s.app));
  // Each gives up a first attempt (the client's 10 s connect timeout; the worker's native connection
  // is refused at once), says so, and stays up.
  for (const { app } of starting) {
    await waitFor(`${app.name} to retry`, async () => (RETRYING.test(app.output()) ? true : undefined), 90_000);
    expect({ exitCode: app.process.exitCode, signal: app.process.signalCode }).toEqual({
      exitCode: null,
      signal: null,
    });
    expect(readyLines(app)).toBe(0);
  }
  relay = await relayTo(port, temporal);
  await Promise.all(starting.map(({ ready }) => ready(90_000)));
  for (const app of apps) expect(readyLines(app)).toBe(1);
}, 240_000);

it('an app told to stop while it waits for Temporal exits at once, having started nothing', async () => {
  const env = { ...environment.env, COMITY_TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` };
  const { app } = spawnApp('worker', env);
  apps.push(app);
  await waitFor('the worker to retry', async () => (RETRYING.test(app.output()) ? true : undefined), 60_000);
  app.process.kill('SIGTERM');
  // Not after the two minutes it would otherwise wait, with the last connect error (exit 1).
  expect(await app.stop()).toBe(0);
  expect(app.output()).toMatch(/"msg":"stopped while starting"/);
  expect(readyLines(app)).toBe(0);
}, 120_000);

/** How many times the app said it was ready: its work starts only after Temporal answered. */
function readyLines(app: RunningApp): number {
  return app.output().match(new RegExp(readyLine[app.name].source, 'g'))?.length ?? 0;
}
