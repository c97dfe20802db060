import type { Actor } from '@comity/domain';
import { startApp, waitFor } from '../support/apps';
import type { DatabaseKind } from '../support/environment';
import { startStack, type Stack } from '../support/stack';

/**
 * The walking skeleton through the real stack: API (NestJS) -> Temporal workflow -> activity ->
 * Kafka -> projector -> read model -> API, on each read-model database.
 */
const databases: DatabaseKind[] = ['sqlite', 'postgres'];
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };

const mlaBody = (extra: Record<string, unknown> = {}) => ({
  type: 'mla',
  legalBasis: 'UNTOC',
  parties: {
    requesting: { agencyId: 'gr-central-authority', state: 'GR' },
    requested: { agencyId: 'tr-central-authority', state: 'TR' },
  },
  ...extra,
});

describe.each(databases)('one MLA end to end on %s', (database) => {
  let stack: Stack;
  const officer = () => stack.api.as(coordinator);

  beforeAll(async () => {
    stack = await startStack(database, database === 'sqlite' ? 3101 : 3102);
  }, 180_000);

  afterAll(() => stack?.stop(), 60_000);

  it('reports Temporal, Kafka and the database as up', async () => {
    const res = await stack.api.as(undefined).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      checks: { temporal: { status: 'up' }, kafka: { status: 'up' }, database: { status: 'up', type: database } },
    });
  });

  it('starts a process, publishes its CloudEvent and projects it into the read model', async () => {
    const caseId = await stack.openCase('aegean-route');
    const res = await officer().post<{ id: string }>(
      '/api/v1/processes',
      mlaBody({ caseId, priority: 'urgent', data: { summary: 'bank records' } }),
    );
    expect(res.status).toBe(201);
    const id = res.body.id;
    expect(res.body).toMatchObject({ type: 'mla', stage: 'draft', created: true });
    expect(res.headers.get('location')).toBe(`/api/v1/processes/${id}`);

    const listed = await waitFor('the process in the read model', async () => {
      const page = await officer().get<{ items: Record<string, unknown>[] }>(`/api/v1/processes?caseId=${caseId}`);
      return page.body.items.find((p) => p['id'] === id && p['lastSequence'] === 0);
    });
    expect(listed).toMatchObject({
      type: 'mla',
      stage: 'draft',
      terminal: false,
      priority: 'urgent',
      legalBasis: 'UNTOC',
      parties: { requested: { agencyId: 'tr-central-authority', state: 'TR' } },
    });

    const live = await officer().get(`/api/v1/processes/${id}`);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ id, stage: 'draft', stageLabel: 'Draft', overdue: false });
    expect(live.body['allowedActions']).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'submit-for-review' })]),
    );

    const [event] = await stack.observer.untilAction(id, 'start');
    expect(event).toMatchObject({
      specversion: '1.0',
      id: `${id}:0`,
      type: 'comity.mla.started.v1',
      datacontenttype: 'application/json',
      handlingcode: 'H1',
      data: { processId: id, sequence: 0, action: 'start', stage: 'draft', caseId },
    });
  });

  it('exposes Prometheus metrics: requests by route template and status, processes per type and stage', async () => {
    const res = await fetch(`${stack.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /^comity_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/processes",status="201"\} 1$/m,
    );
    expect(text).toMatch(/^comity_processes\{type="mla",stage="draft"\} 1$/m);
    expect(text).toMatch(/^comity_read_model_up 1$/m);
    expect(text).toMatch(/^comity_api_process_resident_memory_bytes \d+/m);
  });
  it('rejects a bad body with 400 naming each field, and starts nothing', async () => {
    const res = await officer().post<{ code: string; details: string[] }>('/api/v1/processes', {
      type: 'mla',
      legalBasis: '',
      parties: { requesting: { agencyId: 'x', state: 'france' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^body\.legalBasis:/),
        expect.stringMatching(/^body\.parties\.requesting\.state:/),
      ]),
    );

    const missingParty = await officer().post('/api/v1/processes', {
      type: 'mla',
      legalBasis: 'UNTOC',
      parties: { requesting: { agencyId: 'x', state: 'FR' } },
    });
    expect(missingParty.status).toBe(400);
    expect(missingParty.body).toMatchObject({
      code: 'PARTIES_INVALID',
      details: ['parties.requested: required for mla'],
    });

    const wrongBasis = await officer().post('/api/v1/processes', mlaBody({ legalBasis: 'ECE' }));
    expect(wrongBasis.status).toBe(400);
    expect(wrongBasis.body).toMatchObject({ code: 'LEGAL_BASIS_NOT_APPLICABLE' });
  });

  it('answers 401 without a valid token, 403 for a role that may not start processes', async () => {
    expect((await stack.api.as(undefined).post('/api/v1/processes', mlaBody())).status).toBe(401);
    const auditor = await stack.api.as({ userId: 'a', role: 'auditor' }).post('/api/v1/processes', mlaBody());
    expect(auditor.status).toBe(403);
    expect(auditor.body).toMatchObject({ code: 'ROLE_FORBIDDEN' });
    const forged = await fetch(`${stack.base}/api/v1/processes`, { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(forged.status).toBe(401);
  });

  it('answers 404 for an unknown process or a non-process id, 400 for a malformed id or JSON, 413 for an oversized body', async () => {
    const unknown = await officer().get('/api/v1/processes/mla-does-not-exist');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'PROCESS_NOT_FOUND' });

    // Every route that names a process: a case's workflow is no process, and a malformed id is refused.
    const caseId = await stack.openCase('not-a-process');
    const caseBefore = await officer().get(`/api/v1/cases/${caseId}`);
    const routes = (id: string) => [
      officer().get(`/api/v1/processes/${id}`),
      officer().get(`/api/v1/processes/${id}/timeline`),
      officer().get(`/api/v1/processes/${id}/audit`),
      officer().post(`/api/v1/processes/${id}/actions`, { action: 'submit-for-review' }),
    ];
    for (const answer of await Promise.all(routes(`case:${caseId}`))) {
      expect(answer).toMatchObject({ status: 404, body: { code: 'PROCESS_NOT_FOUND' } });
    }
    const malformedIds: [string, RegExp][] = [
      ['mla%20one', /^path\.id: letters, digits/],
      ['mla%2Fone', /^path\.id: letters, digits/],
      ['mla%C3%A9', /^path\.id: letters, digits/],
      ['m'.repeat(101), /^path\.id: .*100 characters/],
    ];
    for (const [id, allowed] of malformedIds) {
      for (const answer of await Promise.all(routes(id))) {
        expect({ id, ...answer.body }).toMatchObject({
          id,
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          details: [expect.stringMatching(allowed)],
        });
      }
    }
    expect(await officer().get(`/api/v1/cases/${caseId}`)).toMatchObject({ status: 200, body: caseBefore.body });
    // A case id no case could have is refused by name too, on both routes that take one.
    for (const id of ['case%3Aone', 'a%2Fb', 'x', 'c'.repeat(101)]) {
      for (const path of [`/api/v1/cases/${id}`, `/api/v1/cases/${id}/timeline`]) {
        expect({ path, ...(await officer().get(path)).body }).toMatchObject({
          path,
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          details: [expect.stringMatching(/^path\.id: /)],
        });
      }
    }

    const malformed = await fetch(`${stack.base}/api/v1/processes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "mla",',
    });
    expect(malformed.status).toBe(400);

    const oversized = await officer().post('/api/v1/processes', { data: 'x'.repeat(300 * 1024) });
    expect(oversized.status).toBe(413);
    expect(oversized.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('returns the same process for a repeated idempotency key, and refuses the key with another body', async () => {
    const body = mlaBody({ idempotencyKey: `${stack.environment.runId}-repeat` });
    const first = await officer().post<{ id: string }>('/api/v1/processes', body);
    const second = await officer().post<{ id: string; created: boolean }>('/api/v1/processes', body);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toMatchObject({ id: first.body.id, created: false });
    const changed = await officer().post<{ code: string }>('/api/v1/processes', { ...body, priority: 'urgent' });
    expect(changed.status).toBe(422);
    expect(changed.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});

describe('API hardening', () => {
  it('sends security headers, allows only configured origins, and rate-limits each client with 429', async () => {
    const stack = await startStack('sqlite', 3105);
    const port = 3106;
    const strict = await startApp('api', {
      ...stack.environment.env,
      COMITY_API_PORT: String(port),
      COMITY_API_RATE_LIMIT: '5',
      COMITY_API_CORS_ORIGINS: 'https://dashboard.comity.example',
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      const allowed = await fetch(`${base}/health`, { headers: { origin: 'https://dashboard.comity.example' } });
      expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.comity.example');
      const foreign = await fetch(`${base}/health`, { headers: { origin: 'https://evil.example' } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

      // Five requests a minute: two above, three here, and the sixth is turned away.
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${base}/health`)).status);
      const limited = await fetch(`${base}/health`);
      expect(statuses).not.toContain(429);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
      // The allowance is the client's across routes, not one per route.
      expect((await fetch(`${base}/api/v1/process-types`)).status).toBe(429);
    } finally {
      expect(await strict.stop()).toBe(0);
      await stack.stop();
    }
  }, 180_000);
});
