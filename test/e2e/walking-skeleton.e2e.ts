import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { processEvent, type ProcessEvent } from '@comity/events';
import { startApp, waitFor, type RunningApp } from '../support/apps';
import { createTestEnvironment, type DatabaseKind, type TestEnvironment } from '../support/environment';

/**
 * The walking skeleton through the real stack: API (NestJS) -> Temporal workflow -> activity ->
 * Kafka -> projector -> read model -> API, on each read-model database.
 */
const databases: DatabaseKind[] = ['sqlite', 'postgres'];

describe.each(databases)('one MLA end to end on %s', (database) => {
  const apiPort = database === 'sqlite' ? 3101 : 3102;
  const base = `http://127.0.0.1:${apiPort}`;
  let environment: TestEnvironment;
  let apps: RunningApp[] = [];
  let consumer: Consumer;
  const seen: ProcessEvent[] = [];

  beforeAll(async () => {
    environment = await createTestEnvironment(database, apiPort);
    apps = await Promise.all([
      startApp('worker', environment.env),
      startApp('projector', environment.env),
      startApp('api', environment.env),
    ]);
    consumer = new Kafka({ clientId: 'e2e-observer', brokers: environment.brokers, logLevel: logLevel.WARN }).consumer({
      groupId: `${environment.runId}-observer`,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: environment.topics.processEvents, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(processEvent.parse(JSON.parse(message.value?.toString() ?? '')));
      },
    });
  }, 180_000);

  afterAll(async () => {
    await consumer?.disconnect();
    const codes = await Promise.all(apps.map((app) => app.stop()));
    expect(codes).toEqual(apps.map(() => 0));
    await environment?.dispose();
  }, 60_000);

  it('reports Temporal, Kafka and the database as up', async () => {
    const res = await fetch(`${base}/health`);
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      checks: { temporal: { status: 'up' }, kafka: { status: 'up' }, database: { status: 'up', type: database } },
    });
  });

  it('starts a process, publishes its CloudEvent and projects it into the read model', async () => {
    const res = await fetch(`${base}/api/v1/processes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'mla',
        caseId: 'case-aegean-route',
        legalBasis: 'UNTOC',
        priority: 'urgent',
        parties: {
          requesting: { agencyId: 'gr-central-authority', state: 'GR' },
          requested: { agencyId: 'tr-central-authority', state: 'TR' },
        },
        data: { summary: 'bank records of a smuggling network' },
      }),
    });
    expect(res.status).toBe(201);
    const started = (await res.json()) as { id: string; stage: string };
    expect(started).toMatchObject({ type: 'mla', stage: 'draft', created: true });
    expect(res.headers.get('location')).toBe(`/api/v1/processes/${started.id}`);

    const projected = await waitFor('the process in the read model', async () => {
      const r = await fetch(`${base}/api/v1/processes/${started.id}`);
      const body = (await r.json()) as Record<string, unknown>;
      return r.status === 200 && body['lastSequence'] === 0 ? body : undefined;
    });
    expect(projected).toMatchObject({
      id: started.id,
      type: 'mla',
      stage: 'draft',
      terminal: false,
      caseId: 'case-aegean-route',
      priority: 'urgent',
      legalBasis: 'UNTOC',
      parties: { requested: { agencyId: 'tr-central-authority', state: 'TR' } },
    });

    const event = await waitFor('the started event on Kafka', async () => seen.find((e) => e.subject === started.id));
    expect(event).toMatchObject({
      specversion: '1.0',
      id: `${started.id}:0`,
      type: 'comity.mla.started.v1',
      datacontenttype: 'application/json',
      handlingcode: 'H1',
      data: { processId: started.id, sequence: 0, action: 'start', stage: 'draft', caseId: 'case-aegean-route' },
    });
  });

  it('rejects a bad body with 400 naming each field, and starts nothing', async () => {
    const res = await fetch(`${base}/api/v1/processes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'mla',
        legalBasis: '',
        parties: { requesting: { agencyId: 'x', state: 'france' } },
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; details: string[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^body\.legalBasis:/),
        expect.stringMatching(/^body\.parties\.requesting\.state:/),
      ]),
    );

    const missingParty = await fetch(`${base}/api/v1/processes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'mla',
        legalBasis: 'UNTOC',
        parties: { requesting: { agencyId: 'x', state: 'FR' } },
      }),
    });
    expect(missingParty.status).toBe(400);
    expect(await missingParty.json()).toMatchObject({
      code: 'PARTIES_INVALID',
      details: ['parties.requested: required for mla'],
    });
  });

  it('answers 404 for an unknown process, 400 for malformed JSON and 413 for an oversized body', async () => {
    const unknown = await fetch(`${base}/api/v1/processes/mla-does-not-exist`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'PROCESS_NOT_FOUND' });

    const malformed = await fetch(`${base}/api/v1/processes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "mla",',
    });
    expect(malformed.status).toBe(400);

    const oversized = await fetch(`${base}/api/v1/processes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: 'x'.repeat(300 * 1024) }),
    });
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('returns the same process for a repeated idempotency key', async () => {
    const body = JSON.stringify({
      type: 'mla',
      legalBasis: 'UNTOC',
      idempotencyKey: `${environment.runId}-repeat`,
      parties: {
        requesting: { agencyId: 'it-central-authority', state: 'IT' },
        requested: { agencyId: 'ly-central-authority', state: 'LY' },
      },
    });
    const post = () =>
      fetch(`${base}/api/v1/processes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const first = await post();
    const second = await post();
    expect([first.status, second.status]).toEqual([201, 200]);
    const [a, b] = [(await first.json()) as { id: string }, (await second.json()) as { id: string; created: boolean }];
    expect(b).toMatchObject({ id: a.id, created: false });
  });
});
