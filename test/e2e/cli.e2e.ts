import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Actor } from '@comity/domain';
import { agencyKafka } from '../support/agency-channel';
import { root, waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * The officer's command line (apps/cli) as a user runs it: a separate process against the real
 * API, with its output and exit codes as scripts see them.
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const italy: Actor = { userId: 'it-clerk', role: 'agency', agencyId: 'it-ministry-of-justice' };
const libya: Actor = { userId: 'ly-clerk', role: 'agency', agencyId: 'ly-attorney-general' };
const auditor: Actor = { userId: 'auditor-1', role: 'auditor' };
const startMla = ['start', 'mla', '--legal-basis', 'UNTOC', '--party', 'requesting=it-ministry-of-justice:IT'].concat([
  '--party',
  'requested=ly-attorney-general:LY',
]);

let stack: Stack;
let home: string;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `comity <args>`; `done` resolves when it exits. */
function spawnCli(args: string[], env: Record<string, string> = {}, input?: string) {
  const { COMITY_TOKEN: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: root,
    env: { ...inherited, COMITY_API_URL: stack.base, COMITY_CLI_HOME: home, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  const done = new Promise<Run>((resolve) =>
    child.on('exit', (code, signal) => setImmediate(() => resolve({ code, signal, stdout, stderr }))),
  );
  return { child, done, stdout: () => stdout };
}

const comity = (args: string[], env?: Record<string, string>, input?: string) => spawnCli(args, env, input).done;
const as = async (actor: Actor) => ({ COMITY_TOKEN: await stack.environment.token(actor) });

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'comity-cli-e2e-'));
  stack = await startStack('sqlite', 3120);
}, 180_000);

afterAll(async () => {
  rmSync(home, { recursive: true, force: true });
  await stack?.stop();
}, 60_000);

it('logs in, opens a case, starts an MLA, lists, shows and acts on it, with exit codes for every refusal', async () => {
  const login = await comity(['login', '--token', '-'], {}, await stack.environment.token(coordinator));
  expect(login).toMatchObject({ code: 0, stderr: '' });
  expect(statSync(path.join(home, 'credentials.json')).mode & 0o777).toBe(0o600);
  expect((await comity(['whoami'])).stdout).toMatch(/user\s+officer-1\nrole\s+coordinator/);

  // Cases are new in the API: an API without them makes the CLI say so (69), and the process goes without one.
  const opened = await comity(['cases', 'open', '--title', 'Central Mediterranean network', '--json']);
  let caseId: string | undefined;
  if (opened.code === 69) expect(opened.stderr).toMatch(/this API has no cases endpoint/);
  else {
    expect(opened).toMatchObject({ code: 0, stderr: '' });
    const body = JSON.parse(opened.stdout) as { caseId?: string; id?: string };
    caseId = body.caseId ?? body.id;
  }
  const inCase = caseId ? ['--case', caseId] : [];

  const started = await comity([...startMla, ...inCase, '--json']);
  expect(started).toMatchObject({ code: 0, stderr: '' });
  const { id, stage } = JSON.parse(started.stdout) as { id: string; stage: string };
  expect(stage).toBe('draft');

  await waitFor('the process in the list', async () => {
    const run = await comity(['list', ...inCase, '--limit', '200', '--json']);
    const items = (JSON.parse(run.stdout) as { items: { id: string }[] }).items;
    return items.some((p) => p.id === id) ? run : undefined;
  });
  const table = await comity(['list', ...inCase, '--limit', '200']);
  expect(table.stdout).toMatch(/^ID\s+TYPE\s+STAGE\s+PRIORITY\s+NEXT DUE\s+OVERDUE$/m);
  expect(table.stdout).toMatch(new RegExp(`^${id}\\s+mla\\s+draft\\s+normal\\s`, 'm'));

  const shown = await comity(['show', id]);
  expect(shown).toMatchObject({ code: 0, stderr: '' });
  expect(shown.stdout).toMatch(/^stage\s+draft/m);
  expect(shown.stdout).toMatch(/^ {2}submit-for-review +Submit to the central authority$/m);
  if (caseId) {
    const shownCase = await comity(['cases', 'show', caseId]);
    expect(shownCase).toMatchObject({ code: 0, stdout: expect.stringContaining(id) });
  }

  const submitted = await comity(['act', id, 'submit-for-review'], await as(italy));
  expect(submitted).toMatchObject({ code: 0, stderr: '' });
  expect(submitted.stdout).toMatch(/^stage\s+ca-review/);

  const early = await comity(['act', id, 'acknowledge'], await as(libya));
  expect(early.code).toBe(6);
  expect(early.stderr).toMatch(/^error: .+ \(ACTION_NOT_ALLOWED_IN_STATE\)/);

  const invalid = await comity(['act', id, 'record-translation', '--set', 'language=arabic']);
  expect(invalid.code).toBe(7);
  expect(invalid.stderr).toMatch(/\n {2}payload\.language: /);

  const unknown = await comity(['show', 'mla-no-such-process']);
  expect(unknown.code).toBe(5);
  expect(unknown.stderr).toMatch(/\(PROCESS_NOT_FOUND\)/);

  const forbidden = await comity([...startMla, '--json'], await as(auditor));
  expect(forbidden.code).toBe(4);
  expect(JSON.parse(forbidden.stdout)).toMatchObject({ error: { statusCode: 403, exitCode: 4 } });

  expect(await comity(['logout'])).toMatchObject({ code: 0 });
  expect(await comity(['list'])).toMatchObject({ code: 3, stderr: expect.stringMatching(/NO_TOKEN/) });
  expect(await comity(['list'], { COMITY_TOKEN: 'not.a.token' })).toMatchObject({ code: 3 });
  const down = await comity(['list', '--api', `http://127.0.0.1:${await closedPort()}`], await as(coordinator));
  expect(down.code).toBe(69);
  expect(down.stderr).toMatch(/cannot reach the API .*ECONNREFUSED/);
}, 60_000);

it('watches a process until it is executed, and stops on Ctrl-C with 130', async () => {
  const env = await as(coordinator);
  const { id } = JSON.parse((await comity([...startMla, '--json'], env)).stdout) as { id: string };
  const watch = spawnCli(['watch', id, '--interval', '250ms', '--until-final'], env);
  await waitFor('the first watch line', async () => (/#\d+ {2}draft/.test(watch.stdout()) ? true : undefined));
  const steps: [Actor, string, Record<string, unknown>?][] = [
    [italy, 'submit-for-review'],
    [coordinator, 'record-translation', { language: 'ar' }],
    [coordinator, 'transmit'],
    [libya, 'acknowledge'],
    [libya, 'start-execution'],
    [libya, 'complete-execution'],
  ];
  for (const [actor, action, payload] of steps) {
    const res = await stack.api.as(actor).post(`/api/v1/processes/${id}/actions`, { action, payload });
    expect(res.status).toBe(200);
  }
  const watched = await watch.done;
  expect(watched.code).toBe(0);
  expect(watched.stdout.trimEnd().split('\n').at(-1)).toMatch(/ {2}#\d+ {2}executed {2}\[final\]$/);

  const interrupted = spawnCli(['watch', id, '--interval', '10s'], env);
  await waitFor('the watch line', async () => (interrupted.stdout().includes('executed') ? true : undefined));
  interrupted.child.kill('SIGINT');
  expect(await interrupted.done).toMatchObject({ code: 130 });
}, 60_000);

it('keeps the agency registry: register, keys, a credential the broker takes, revocation and suspension, refused to non-admins', async () => {
  const admin = await as({ userId: 'registry-admin', role: 'admin' });
  const registered = await comity(
    ['agencies', 'register', 'mt-armed-forces', '--name', 'Armed Forces of Malta', '--state', 'MT'],
    admin,
  );
  expect(registered).toMatchObject({ code: 0, stderr: '' });
  expect(registered.stdout).toMatch(/^tasks topic\s+\S+agency-tasks\.v1\.mt-armed-forces$/m);

  const { publicKey } = generateKeyPairSync('ed25519');
  const { kty, crv, x } = publicKey.export({ format: 'jwk' });
  const added = await comity(
    ['agencies', 'add-key', 'mt-armed-forces', '--kid', 'afm-2026', '--jwk', JSON.stringify({ kty, crv, x })],
    admin,
  );
  expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('added key afm-2026 (EdDSA)') });
  const privateJwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const secret = await comity(
    ['agencies', 'add-key', 'mt-armed-forces', '--kid', 'afm-x', '--jwk', JSON.stringify(privateJwk)],
    admin,
  );
  expect(secret.code).toBe(7);
  expect(secret.stderr).toMatch(/body\.jwk/);

  const issued = await comity(['agencies', 'credential', 'mt-armed-forces', '--json'], admin);
  expect(issued).toMatchObject({ code: 0, stderr: '' });
  const { principal, password } = JSON.parse(issued.stdout) as { principal: string; password: string };
  const kafka = agencyKafka(stack.environment, principal, password).admin();
  await expect(kafka.connect()).resolves.toBeUndefined();
  await kafka.disconnect();

  const listed = await comity(['agencies', 'list'], admin);
  expect(listed.stdout).toMatch(/^mt-armed-forces\s+MT\s+active\s+1\s/m);
  expect((await comity(['agencies', 'revoke-key', 'mt-armed-forces', 'afm-2026'], admin)).code).toBe(0);
  const shown = await comity(['agencies', 'show', 'mt-armed-forces'], admin);
  expect(shown.stdout).toMatch(/afm-2026\s+EdDSA\s+revoked/);
  expect((await comity(['agencies', 'suspend', 'mt-armed-forces'], admin)).code).toBe(0);
  await expect(agencyKafka(stack.environment, principal, password).admin().connect()).rejects.toThrow(
    /SASL|authenticat/i,
  );

  expect(
    (await comity(['agencies', 'register', 'mt-police', '--name', 'x', '--state', 'MT'], await as(coordinator))).code,
  ).toBe(4);
  const badId = await comity(['agencies', 'register', 'MT_Police!', '--name', 'x', '--state', 'MT'], admin);
  expect(badId.code).toBe(7);
  expect(badId.stderr).toMatch(/path\.agencyId/);
  expect((await comity(['agencies', 'show', 'no-such-agency'], admin)).stderr).toMatch(/AGENCY_NOT_FOUND/);
}, 60_000);
