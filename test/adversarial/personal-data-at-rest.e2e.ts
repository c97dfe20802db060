import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Partitioners } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { Connection } from '@temporalio/client';
import { temporal as temporalProto } from '@temporalio/proto';
import { loadConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import { CLOUDEVENTS_CONTENT_TYPE, sealProcessEvent } from '@comity/events';
import { temporalConnectionOptions } from '@comity/temporal';
import { registerTestAgency, type TestAgency } from '../support/agency-channel';
import { waitFor } from '../support/apps';
import type { DatabaseKind } from '../support/environment';
import { testKafka } from '../support/kafka-access';
import { cipherOf, testCipher } from '../support/sealing';
import { startStack, type Stack } from '../support/stack';
import { readWholeTopic } from '../support/topic-reader';

/**
 * "No personal data in plain text on any topic" (issue 13), and none at rest: processes carrying
 * unique canaries (a suspect's name and passport number, a victim, free text, the officer's user id,
 * the case's title, an agency's answer sent over its own Kafka topic) run through the real API,
 * worker, projector, bridge, Kafka, Temporal and read model; then every message of every topic of
 * the run (as it is, and with any JWS in it decoded), every raw Temporal history (read without the
 * codec) and the read model's raw bytes (SQLite file and WAL) or rows (PostgreSQL) are searched
 * for them. The search proves it can see: the case id, clear by design, is found in each store, and
 * the canaries come back whole through Comity's own API. Ports 3175 (SQLite) and 3176 (PostgreSQL).
 */
const tag = randomBytes(6).toString('hex');
const canaries = {
  name: `Zqname${tag}`,
  passport: `ZQPASS${tag}`,
  victim: `Zqvictim${tag}`,
  reasons: `zqreasons${tag}`,
  questions: `zqquestions${tag}`,
  officer: `zqofficer${tag}`,
  title: `Zqtitle${tag}`,
};
const secrets = Object.values(canaries);
/** Where a canary was found in plain text, by store and place; [] when nowhere. */
const found = (where: string, text: string, words: readonly string[] = secrets) =>
  words.filter((w) => text.includes(w)).map((w) => `${w} in ${where}`);

describe.each<[DatabaseKind, number]>([
  ['sqlite', 3175],
  ['postgres', 3176],
])('personal data at rest and in transit (%s read model)', (kind, port) => {
  let stack: Stack;
  let caseId: string;
  let processId: string;
  const officer: Actor = { userId: canaries.officer, role: 'coordinator' };
  const requested: Actor = { userId: 'tr-officer', role: 'agency', agencyId: 'tr-central-authority' };
  let agencies: TestAgency[] = [];

  beforeAll(async () => {
    stack = await startStack(kind, port);
    // Both parties are registered agencies: their tasks and answers cross the broker too.
    agencies = await Promise.all(
      ['gr-central-authority', 'tr-central-authority'].map((id) =>
        registerTestAgency(stack.environment, stack.base, id),
      ),
    );
    const requestedAgency = agencies[1] as TestAgency;
    caseId = `${stack.environment.runId}-clear-case-ref`;
    const opened = await stack.api.as(officer).post('/api/v1/cases', { caseId, title: canaries.title });
    expect(opened.status).toBe(201);
    const started = await stack.api.as(officer).post<{ id: string }>('/api/v1/processes', {
      type: 'mla',
      caseId,
      legalBasis: 'UNTOC',
      parties: {
        requesting: { agencyId: 'gr-central-authority', state: 'GR' },
        requested: { agencyId: 'tr-central-authority', state: 'TR' },
      },
      data: {
        suspect: { name: canaries.name, passport: canaries.passport },
        victims: [{ name: canaries.victim }],
      },
    });
    expect(started.status).toBe(201);
    processId = started.body.id;
    const steps: [Actor, string, Record<string, unknown>][] = [
      [officer, 'submit-for-review', {}],
      [officer, 'return-to-draft', { reasons: `the file on ${canaries.name}: ${canaries.reasons}` }],
      [officer, 'submit-for-review', {}],
      [officer, 'record-translation', { language: 'en' }],
      [officer, 'transmit', {}],
      [requested, 'acknowledge', {}],
    ];
    for (const [actor, action, payload] of steps) {
      const res = await stack.api.as(actor).post(`/api/v1/processes/${processId}/actions`, { action, payload });
      if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // The requested agency's questions come over Kafka, signed and encrypted by its system.
    const task = await requestedAgency.tasks.until('the task to execute', (m) => {
      const data = JSON.parse(m.content).data;
      return data.processId === processId && data.stage === 'acknowledged';
    });
    await requestedAgency.answer({
      taskId: JSON.parse(task.content).id,
      processId,
      action: 'request-further-info',
      payload: { questions: canaries.questions },
      idempotencyKey: `${processId}-questions`,
    });
    // Every step is in the read model before anything is searched.
    await waitFor('the last step in the read model', async () => {
      const res = await stack.api
        .as(officer)
        .get<{ items: { action: string }[] }>(`/api/v1/processes/${processId}/timeline`);
      return res.body.items?.some((e) => e.action === 'request-further-info') ? true : undefined;
    });
  }, 240_000);
  afterAll(async () => {
    await Promise.all(agencies.map((a) => a.close()));
    await stack?.stop();
  }, 60_000);

  it('gives every canary back, whole, to those allowed through Comity’s own API', async () => {
    const timeline = await stack.api.as(officer).get(`/api/v1/processes/${processId}/timeline`);
    const theCase = await stack.api.as(officer).get(`/api/v1/cases/${caseId}`);
    const shown = JSON.stringify([timeline.body, theCase.body]);
    expect(secrets.filter((c) => !shown.includes(c))).toEqual([]);
  });

  it('leaves no canary in plain text on any topic of the run, and sees the clear case id there', async () => {
    const admin = testKafka('comity-e2e', stack.environment.brokers).admin();
    await admin.connect();
    const topics = (await admin.listTopics().finally(() => admin.disconnect())).filter((t) =>
      t.startsWith(`${stack.environment.runId}.`),
    );
    // Every topic the run made, whatever its name: the agencies' own included.
    const { topics: names } = stack.environment;
    expect(topics).toEqual(
      expect.arrayContaining([
        names.processEvents,
        names.agencyResponsesRetry,
        names.deadLetter,
        ...agencies.flatMap((a) => [a.tasksTopic, a.answersTopic]),
      ]),
    );
    let all = '';
    const leaks: string[] = [];
    const counts = new Map<string, number>();
    for (const topic of topics) {
      const messages = await readWholeTopic(stack.environment.brokers, topic);
      counts.set(topic, messages.length);
      for (const m of messages) {
        // A JWS is only encoded: what one carries counts as plain text.
        const text = `${m.key}\n${m.value}\n${m.content}\n${JSON.stringify(m.headers)}`;
        leaks.push(...found(topic, text));
        all += text;
      }
    }
    expect(leaks).toEqual([]);
    expect(all).toContain(caseId);
    expect(all).toContain(processId);
    // The scan read the agencies' traffic too: the questions' answer and the tasks.
    expect(counts.get((agencies[1] as TestAgency).answersTopic)).toBeGreaterThanOrEqual(1);
    expect(counts.get((agencies[1] as TestAgency).tasksTopic)).toBeGreaterThanOrEqual(1);
  });

  it('leaves no canary in plain text in the raw Temporal histories, and sees the clear case id there', async () => {
    const { temporal } = loadConfig({ ...process.env, ...stack.environment.env });
    const connection = await Connection.connect(temporalConnectionOptions(temporal));
    const leaks: string[] = [];
    let all = '';
    try {
      const service = connection.workflowService;
      const { executions } = await service.listWorkflowExecutions({
        namespace: temporal.namespace,
        query: `TaskQueue = '${temporal.taskQueue}'`,
      });
      const ids = executions.map((e) => e.execution?.workflowId);
      expect(ids).toEqual(expect.arrayContaining([processId, `case:${caseId}`]));
      for (const { execution } of executions) {
        let nextPageToken: Uint8Array | undefined;
        do {
          const page = await service.getWorkflowExecutionHistory({
            namespace: temporal.namespace,
            execution,
            nextPageToken,
          });
          const raw = Buffer.from(temporalProto.api.history.v1.History.encode(page.history ?? {}).finish()).toString(
            'latin1',
          );
          leaks.push(...found(`the history of ${execution?.workflowId}`, raw));
          all += raw;
          nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
        } while (nextPageToken);
        const described = await service.describeWorkflowExecution({ namespace: temporal.namespace, execution });
        const info = temporalProto.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(described).finish();
        leaks.push(...found(`the description of ${execution?.workflowId}`, Buffer.from(info).toString('latin1')));
      }
    } finally {
      await connection.close();
    }
    expect(leaks).toEqual([]);
    expect(all).toContain(caseId);
  });

  it('leaves no canary in plain text in the read model’s raw bytes or rows, and sees the clear case id there', async () => {
    const { database } = loadConfig({ ...process.env, ...stack.environment.env });
    let all = '';
    const leaks: string[] = [];
    if (database.type === 'sqlite') {
      for (const file of [database.path, `${database.path}-wal`, `${database.path}-shm`]) {
        if (!existsSync(file)) continue;
        const raw = readFileSync(file).toString('latin1');
        leaks.push(...found(file, raw));
        all += raw;
      }
    } else {
      const client = new PgClient({ connectionString: database.url });
      await client.connect();
      try {
        const { rows: tables } = await client.query<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
        );
        expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['timeline', 'processes', 'cases']));
        for (const { name } of tables) {
          const { rows } = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
          for (const { row } of rows) {
            leaks.push(...found(`table ${name}`, row));
            all += row;
          }
        }
      } finally {
        await client.end();
      }
    }
    expect(leaks).toEqual([]);
    expect(all).toContain(caseId);
  });

  it('dead-letters, with a reason, a process event that does not open, and projects the next one', async () => {
    const cipher = cipherOf(stack.environment.env);
    const [first] = stack.observer.of(processId);
    if (!first) throw new Error('no event of the process observed');
    const marker = { ...first, id: `${processId}:opens`, data: { ...first.data, sequence: 99, action: 'marker' } };
    const bad = {
      // As events were before sealing; it holds no canary, so the scans above stay meaningful when run again.
      plaintext: {
        ...first,
        id: `${processId}:plain`,
        data: { ...first.data, actor: { ...first.data.actor, userId: 'someone' }, payload: { note: 'not sealed' } },
      },
      foreignKey: sealProcessEvent({ ...first, id: `${processId}:foreign` }, testCipher()),
      tampered: ((e) => ({ ...e, data: { ...e.data, payload: { ...e.data.payload, iv: 'AAAAAAAAAAAAAAAA' } } }))(
        sealProcessEvent({ ...first, id: `${processId}:tampered` }, cipher),
      ),
      moved: ((e) => ({ ...e, id: `${processId}:moved` }))(
        sealProcessEvent({ ...first, id: `${processId}:x` }, cipher),
      ),
    };
    const producer = testKafka('comity-e2e', stack.environment.brokers).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    // One key: one partition, in this order; a stalled projector would never reach the marker.
    await producer.send({
      topic: stack.environment.topics.processEvents,
      messages: [...Object.values(bad), sealProcessEvent(marker, cipher)].map((e) => ({
        key: processId,
        value: JSON.stringify(e),
        headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
      })),
    });
    await producer.disconnect();
    await waitFor('the marker in the read model', async () => {
      const res = await stack.api
        .as(officer)
        .get<{ items: { action: string }[] }>(`/api/v1/processes/${processId}/timeline`);
      return res.body.items?.some((e) => e.action === 'marker') ? true : undefined;
    });
    const letters = await waitFor('four dead letters', async () => {
      const all = await readWholeTopic(stack.environment.brokers, stack.environment.topics.deadLetter);
      const ours = all.filter((m) => Object.values(bad).some((e) => m.value.includes(`"id":"${e.id}"`)));
      return ours.length >= 4 ? ours : undefined;
    });
    const why = Object.fromEntries(
      letters.map((m) => [
        (JSON.parse(m.value) as { id: string }).id.replace(`${processId}:`, ''),
        `${m.headers['comity-dead-letter-check']}: ${m.headers['comity-dead-letter-reason']}`,
      ]),
    );
    expect(why).toEqual({
      plain: expect.stringMatching(/^schema: /),
      foreign: expect.stringMatching(/^sealed: UNKNOWN_KEY/),
      tampered: expect.stringMatching(/^sealed: NOT_AUTHENTIC/),
      moved: expect.stringMatching(/^sealed: NOT_AUTHENTIC/),
    });
  });
});
