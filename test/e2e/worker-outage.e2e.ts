import type { Actor } from '@comity/domain';
import { startStack, type Stack } from '../support/stack';

/**
 * With no worker polling, a process's state cannot be read nor an action taken: the API says so
 * with a 503 within its deadline instead of hanging, and works again once a worker is back.
 */
const coordinator: Actor = { userId: 'officer', role: 'coordinator' };
let stack: Stack;

beforeAll(async () => {
  stack = await startStack('sqlite', 3111);
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

it('answers 503 TEMPORAL_UNAVAILABLE while no worker runs, then serves the process again', async () => {
  const officer = stack.api.as(coordinator);
  const started = await officer.post<{ id: string }>('/api/v1/processes', {
    type: 'mla',
    legalBasis: 'UNTOC',
    parties: {
      requesting: { agencyId: 'gr-central-authority', state: 'GR' },
      requested: { agencyId: 'tr-central-authority', state: 'TR' },
    },
  });
  expect(started.status).toBe(201);
  const id = started.body.id;

  const outage = stack.crashAndRestart('worker', 25_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const asked = Date.now();
  const read = await officer.get<{ code: string }>(`/api/v1/processes/${id}`);
  if (read.status !== 503) {
    // What the API logged of it: a full run once answered 500 here, under load, and did not say why.
    const api = stack.apps().find((app) => app.name === 'api');
    throw new Error(
      `expected 503, got ${read.status} ${JSON.stringify(read.body)}; the API said:\n${api?.output().slice(-3000)}`,
    );
  }
  expect(read.body.code).toBe('TEMPORAL_UNAVAILABLE');
  expect(Date.now() - asked).toBeLessThan(13_000);

  const acted = await officer.post<{ code: string; message: string }>(`/api/v1/processes/${id}/actions`, {
    action: 'submit-for-review',
    idempotencyKey: 'outage-submit-1',
  });
  expect(acted.status).toBe(503);
  expect(acted.body.message).toContain('idempotencyKey');
  await outage;

  // The same key again: applied once, whether or not the first attempt reached the workflow.
  const retried = await officer.post<{ stage: string; sequence: number }>(`/api/v1/processes/${id}/actions`, {
    action: 'submit-for-review',
    idempotencyKey: 'outage-submit-1',
  });
  expect(retried.status).toBe(200);
  expect(retried.body).toMatchObject({ stage: 'ca-review', sequence: 2 });
}, 120_000);
