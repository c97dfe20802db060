import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Actor } from '@comity/domain';
import { apiClient } from '../support/api-client';
import { startReleasedApp, waitFor, type AppName, type RunningApp } from '../support/apps';
import { createTestEnvironment, type TestEnvironment } from '../support/environment';
import { buildRelease } from '../support/release';

/**
 * What the image runs, run here: infra/deploy/build-release.sh (the Dockerfile's build stage) into
 * a temporary folder with the production dependencies only, every app started from its compiled
 * main.js by plain node, against this run's topics, task queue and PostgreSQL database.
 */
const apiPort = 3290;
const dashboardPort = 3291;
const healthPorts: Partial<Record<AppName, number>> = {
  worker: 3292,
  projector: 3293,
  bridge: 3294,
  'agency-simulator': 3295,
};
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };

let release: string;
let environment: TestEnvironment;
const apps: RunningApp[] = [];

const start = async (name: AppName, extra: Record<string, string> = {}) => {
  const port = healthPorts[name];
  const env = { ...environment.env, NODE_ENV: 'production', ...extra };
  const app = await startReleasedApp(release, name, port ? { ...env, COMITY_HEALTH_PORT: String(port) } : env);
  apps.push(app);
  return app;
};

beforeAll(async () => {
  release = mkdtempSync(path.join(tmpdir(), 'comity-release-'));
  await buildRelease(release);
  environment = await createTestEnvironment('postgres', apiPort);
  await Promise.all([start('worker'), start('projector'), start('bridge'), start('api')]);
  await start('dashboard', { COMITY_DASHBOARD_PORT: String(dashboardPort) });
  // The demo scenario, compiled into the simulator.
  await start('agency-simulator');
}, 300_000);

afterAll(async () => {
  const codes = await Promise.all(apps.map((app) => app.stop()));
  await environment?.dispose();
  if (release) rmSync(release, { recursive: true, force: true });
  const unclean = apps.filter((_, i) => codes[i] !== 0).map((app) => `${app.name}:\n${app.output()}`);
  if (unclean.length) throw new Error(`apps that did not exit cleanly:\n${unclean.join('\n')}`);
}, 60_000);

it('holds compiled JavaScript and production dependencies only', () => {
  const resolvable = (name: string) => {
    try {
      require.resolve(name, { paths: [path.join(release, 'dist/api')] });
      return true;
    } catch {
      return false;
    }
  };
  // TypeScript itself stays: an optional peer of @nestjs/swagger, which npm ci --omit=dev keeps too.
  expect(['@swc-node/register', 'esbuild', 'jest', 'eslint', 'nx'].filter(resolvable)).toEqual([]);
  expect(['@nestjs/core', '@temporalio/worker', 'typeorm', 'kafkajs'].filter((name) => !resolvable(name))).toEqual([]);
});

it('answers GET /health on every app', async () => {
  const api = await fetch(`http://127.0.0.1:${apiPort}/health`);
  expect(api.status).toBe(200);
  expect(await api.json()).toMatchObject({
    status: 'ok',
    checks: { temporal: { status: 'up' }, kafka: { status: 'up' }, database: { status: 'up', type: 'postgres' } },
  });
  // The dashboard's /health is the API's, through it; its page is the prebuilt one.
  expect((await fetch(`http://127.0.0.1:${dashboardPort}/health`)).status).toBe(200);
  const page = await fetch(`http://127.0.0.1:${dashboardPort}/app.js`);
  expect(page.status).toBe(200);
  expect((await page.text()).length).toBeGreaterThan(1000);
  for (const [name, port] of Object.entries(healthPorts)) {
    expect({ name, status: (await fetch(`http://127.0.0.1:${port}/health`)).status }).toEqual({ name, status: 200 });
  }
});

it('runs the workflows from the bundle built beside the worker', () => {
  const worker = apps.find((app) => app.name === 'worker');
  expect(worker?.output()).toContain(`"msg":"workflows from ${path.join(release, 'dist/worker/workflow-bundle.js')}"`);
});

it('starts a process with the compiled CLI and the agencies answer its tasks to the end', async () => {
  const api = apiClient(`http://127.0.0.1:${apiPort}`, environment.token);
  const opened = await api.as(coordinator).post<{ caseId: string }>('/api/v1/cases', {
    caseId: `${environment.runId}-release`,
    title: 'release',
    handlingCode: 'H1',
  });
  expect(opened.status).toBe(201);
  const caseId = opened.body.caseId;
  const { COMITY_TOKEN: _ignored, ...inherited } = process.env;
  const cli = await promisify(execFile)(
    process.execPath,
    [
      'dist/cli/main.js',
      'start',
      'transfer-of-proceedings',
      '--legal-basis',
      'UNTOC',
      '--case',
      caseId,
      '--party',
      'requesting=gr-prosecutor-piraeus:GR',
      '--party',
      'requested=tr-chief-prosecutor-izmir:TR',
      '--json',
    ],
    {
      cwd: release,
      env: {
        ...inherited,
        NODE_ENV: 'production',
        COMITY_API_URL: `http://127.0.0.1:${apiPort}`,
        COMITY_TOKEN: await environment.token(coordinator),
      },
    },
  );
  const { id } = JSON.parse(cli.stdout) as { id: string };
  // Five steps, each a task to one of the simulator's agencies and its answer through the bridge.
  await waitFor(
    `${id} taken over`,
    async () => {
      const res = await api
        .as(coordinator)
        .get<{ items: { id: string; stage: string }[] }>(`/api/v1/processes?caseId=${encodeURIComponent(caseId)}`);
      return res.body.items.find((p) => p.id === id && p.stage === 'taken-over');
    },
    90_000,
  );
}, 120_000);
