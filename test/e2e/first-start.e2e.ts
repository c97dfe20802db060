import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { issueLocalToken } from '@comity/auth';
import { root } from '../support/apps';
import { demoCaseOf, demoFinalStages, demoProcessesWhenFinal, type DemoProcess } from '../support/demo';
import { createTestEnvironment, type TestEnvironment } from '../support/environment';

/**
 * A first start on a new machine, as a newcomer makes it: no secrets, no read model, no app state.
 * The services (Temporal, Kafka) are the ones already running: the empty runtime folder links to
 * their folders, so only what the apps keep is new. Ports 3280-3289.
 */
const run = promisify(execFile);
const realRuntime = process.env.COMITY_RUNTIME ?? path.join(root, '.runtime');

function emptyRuntime(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'comity-first-start-'));
  for (const service of ['temporal', 'kafka', 'versitygw', 'clamav'])
    symlinkSync(path.join(realRuntime, service), path.join(dir, service));
  return dir;
}

/** The environment of a newcomer: no secrets set, state under `runtime`. */
function newcomerEnv(runtime: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, COMITY_RUNTIME: runtime };
  for (const name of ['COMITY_AUTH_SECRET', 'COMITY_CODEC_KEYS', 'COMITY_CODEC_ACTIVE_KEY', 'COMITY_SQLITE_PATH']) {
    delete env[name];
  }
  return env;
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('secrets on a first start', () => {
  it('are created once, whole and private, however many apps start at the same moment', async () => {
    const runtime = emptyRuntime();
    try {
      const launches = Array.from({ length: 12 }, () =>
        run(
          'bash',
          [
            'infra/scripts/with-env.sh',
            'bash',
            '-c',
            'printf "%s|%s|%s" "$COMITY_AUTH_SECRET" "$COMITY_CODEC_KEYS" "$COMITY_CODEC_ACTIVE_KEY"',
          ],
          { cwd: root, env: newcomerEnv(runtime) },
        ),
      );
      const seen = (await Promise.all(launches)).map((r) => r.stdout);
      expect(new Set(seen).size).toBe(1);
      const [secret, keys, activeKey] = seen[0]!.split('|');
      expect(secret!.length).toBeGreaterThanOrEqual(48);
      expect(activeKey).toMatch(/^local-\d{8}-[0-9a-f]{8}$/);
      expect(keys).toMatch(new RegExp(`^${activeKey}:[A-Za-z0-9+/]{43}=$`));
      const secrets = path.join(runtime, 'secrets');
      expect(readFileSync(path.join(secrets, 'auth-secret'), 'utf8')).toBe(secret);
      expect(readFileSync(path.join(secrets, 'codec-key'), 'utf8')).toBe(keys);
      expect(mode(secrets)).toBe(0o700);
      expect(mode(path.join(secrets, 'auth-secret'))).toBe(0o600);
      expect(mode(path.join(secrets, 'codec-key'))).toBe(0o600);
    } finally {
      rmSync(runtime, { recursive: true, force: true });
    }
  });
});

describe('the start script’s key check', () => {
  const servers: Server[] = [];
  const healthServing = async (keys: unknown): Promise<string> => {
    const server = createServer((_, res) => res.end(JSON.stringify({ status: 'up', keys })));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/health`;
  };
  afterAll(() => servers.forEach((s) => s.close()));
  const compare = (...targets: string[]) =>
    run(process.execPath, ['infra/scripts/compare-keys.mjs', ...targets], { cwd: root }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  it('passes apps that hold the same keys and refuses, naming them, apps that do not', async () => {
    const codec = { activeKeyId: 'local-20261201-0a0b0c0d', keys: { 'local-20261201-0a0b0c0d': '0123456789abcdef' } };
    const other = { activeKeyId: 'local-20261201-0a0b0c0d', keys: { 'local-20261201-0a0b0c0d': 'fedcba9876543210' } };
    const api = await healthServing({ codec, token: 'aaaa' });
    const worker = await healthServing({ codec, token: null });
    const bridge = await healthServing({ codec: other, token: null });
    expect(await compare(`api=${api}`, `worker=${worker}`)).toMatchObject({ code: 0 });
    const refused = await compare(`api=${api}`, `worker=${worker}`, `bridge=${bridge}`);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/bridge and api hold different payload-encryption or action-signing keys/);
    const down = await compare(`api=${api}`, 'worker=http://127.0.0.1:9/health');
    expect(down.code).toBe(1);
    expect(down.out).toMatch(/cannot read worker's keys/);
  });
});

describe('npm start -- --demo on an empty runtime folder', () => {
  let environment: TestEnvironment;
  beforeAll(async () => {
    environment = await createTestEnvironment('sqlite', 3280);
  });
  afterAll(() => environment.dispose());

  /** Ports and names of this run; no secret, no read-model path: the script makes those. */
  const settings = (runtime: string) =>
    newcomerEnv(runtime, {
      ...environment.env,
      COMITY_BRIDGE_GROUP: `${environment.runId}-bridge`,
      COMITY_API_PORT: '3280',
      COMITY_DASHBOARD_PORT: '3281',
      COMITY_WORKER_HEALTH_PORT: '3282',
      COMITY_PROJECTOR_HEALTH_PORT: '3283',
      COMITY_BRIDGE_HEALTH_PORT: '3284',
      COMITY_SIMULATOR_HEALTH_PORT: '3285',
      COMITY_APP_START_TIMEOUT: '150',
    });
  const stopApps = (env: NodeJS.ProcessEnv) => run('bash', ['infra/scripts/stop-apps.sh'], { cwd: root, env });
  const answers = (port: number) =>
    fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) }).then(
      () => true,
      () => false,
    );

  it('brings every demo process to its final stage, with every app on the same keys', async () => {
    const runtime = emptyRuntime();
    const env = settings(runtime);
    try {
      const started = await run('bash', ['infra/scripts/start-system.sh', '--demo', '--detach'], {
        cwd: root,
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      const output = started.stdout + started.stderr;
      const agreed = /keys: ([a-z, -]+) hold the same payload-encryption and action-signing keys/.exec(output)?.[1];
      expect(agreed?.split(', ').sort()).toEqual(['api', 'bridge', 'worker']);
      const health = (await (await fetch('http://127.0.0.1:3282/health')).json()) as { keys: { codec: unknown } };
      const apiHealth = (await (await fetch('http://127.0.0.1:3280/health')).json()) as { keys: { codec: unknown } };
      expect(health.keys.codec).toEqual(apiHealth.keys.codec);
      expect(JSON.stringify(apiHealth)).not.toContain(
        readFileSync(path.join(runtime, 'secrets/codec-key'), 'utf8').split(':')[1],
      );

      const secret = readFileSync(path.join(runtime, 'secrets/auth-secret'), 'utf8');
      const token = await issueLocalToken(secret, { userId: 'newcomer', role: 'coordinator' });
      const demoCase = demoCaseOf(output);
      const items = await demoProcessesWhenFinal(demoCase, async () => {
        const res = await fetch(`http://127.0.0.1:3280/api/v1/processes?caseId=${encodeURIComponent(demoCase)}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return res.ok ? ((await res.json()) as { items: DemoProcess[] }).items : undefined;
      });
      expect(items.filter((p) => p.stage !== demoFinalStages[p.type])).toEqual([]);
      // What the apps keep is theirs alone.
      expect(mode(path.join(runtime, 'read-model/comity.sqlite')) & 0o077).toBe(0);
    } finally {
      await stopApps(env);
      rmSync(runtime, { recursive: true, force: true });
    }
  }, 420_000);

  it('fails loudly when an app cannot start, and stops the apps it started', async () => {
    const runtime = emptyRuntime();
    const env = settings(runtime);
    const squatter = createServer((_, res) => res.writeHead(500).end());
    await new Promise<void>((resolve) => squatter.listen(3281, '127.0.0.1', resolve)); // the dashboard's port
    try {
      const child = spawn('bash', ['infra/scripts/start-system.sh', '--detach'], { cwd: root, env });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).not.toBe(0);
      expect(output).toMatch(/dashboard (exited while starting|did not answer)/);
      expect(output).not.toMatch(/Comity is running/);
      // The others were up before the dashboard was checked; none is left running.
      for (const app of ['worker', 'projector', 'bridge', 'api']) expect(output).toContain(`${app} is up`);
      for (const port of [3280, 3282, 3283, 3284]) expect(await answers(port)).toBe(false);
    } finally {
      squatter.close();
      await stopApps(env);
      rmSync(runtime, { recursive: true, force: true });
    }
  }, 240_000);
});
