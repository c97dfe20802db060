import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { encryptAnswer } from '@comity/auth';
import type { Actor } from '@comity/domain';
import { agencyTask } from '@comity/events';
import { agencyKafka, observeDeadLetters, registerTestAgency, type TestAgency } from '../support/agency-channel';
import { brokerTls, testKafka } from '../support/kafka-access';
import { startStack, type Stack } from '../support/stack';
import type { TopicObserver } from '../support/topic-observer';

/**
 * The agency channel as an attacker meets it (findings 1 and 2 of issue 13): a client without
 * credentials, or with a wrong password, gets nothing in or out; a registered agency reads only its
 * own tasks and writes only its own answers; each service's principal does its own work and nothing
 * else; an answer not encrypted to the installation, or not signed by a key the agency registered —
 * unsigned, forged, signed with a revoked key or another agency's, or with a key slipped into the
 * registry's table — is refused.
 * Port 3174, on PostgreSQL (the registry's table is changed there as a database operator would).
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const admin: Actor = { userId: 'registry-admin', role: 'admin' };
let stack: Stack;
let police: TestAgency;
let border: TestAgency;
let deadLetters: TopicObserver;

beforeAll(async () => {
  stack = await startStack('postgres', 3174);
  [police, border] = await Promise.all([
    registerTestAgency(stack.environment, stack.base, 'at-police'),
    registerTestAgency(stack.environment, stack.base, 'rs-border-police'),
  ]);
  deadLetters = await observeDeadLetters(stack.environment);
}, 180_000);

afterAll(async () => {
  await Promise.all([police?.close(), border?.close(), deadLetters?.stop()]);
  await stack?.stop();
}, 60_000);

/** No retries: a refusal should be seen at once, not waited out. Over TLS, as every client of the broker. */
const quick = (): Partial<KafkaConfig> => ({
  logLevel: logLevel.NOTHING,
  retry: { retries: 0 },
  connectionTimeout: 3000,
  ...brokerTls(stack.environment.brokers),
});
const aMessage = () => ({ key: 'mla-x', value: JSON.stringify({ forged: randomUUID() }) });

async function produce(kafka: Kafka, topic: string): Promise<void> {
  const producer = kafka.producer();
  try {
    await producer.connect();
    await producer.send({ topic, messages: [aMessage()] });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

async function readOffsets(kafka: Kafka, topic: string) {
  const client = kafka.admin();
  try {
    await client.connect();
    return await client.fetchTopicOffsets(topic);
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

/** Joins a consumer group and reads the topic from its start; resolves once a message arrives. */
async function consume(kafka: Kafka, groupId: string, topic: string): Promise<void> {
  const consumer = kafka.consumer({ groupId, retry: { retries: 0 } });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      void consumer.run({ eachMessage: async () => resolve() }).catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

const as = (agency: TestAgency) =>
  new Kafka({
    clientId: `probe-${agency.agencyId}`,
    brokers: stack.environment.brokers,
    sasl: { mechanism: 'scram-sha-512', username: agency.principal, password: agency.password },
    ...quick(),
  });
const service = (principal: string) => testKafka(`probe-${principal}`, stack.environment.brokers, principal, quick());
const denied = /authori[sz]/i;
/** kafkajs reports a group the principal may not use as a coordinator it cannot find (the broker said GROUP_AUTHORIZATION_FAILED). */
const groupDenied = /authori[sz]|Failed to find group coordinator/i;

async function startMla(): Promise<string> {
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
    type: 'mla',
    legalBasis: 'UNTOC',
    parties: {
      requesting: { agencyId: police.agencyId, state: 'AT' },
      requested: { agencyId: border.agencyId, state: 'RS' },
    },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

it('refuses a client without credentials: it can neither write an answer nor list the topics', async () => {
  const anonymous = new Kafka({ clientId: 'intruder', brokers: stack.environment.brokers, ...quick() });
  await expect(produce(anonymous, police.answersTopic)).rejects.toThrow();
  const client = anonymous.admin();
  await expect(client.connect().then(() => client.listTopics())).rejects.toThrow();
  await client.disconnect().catch(() => undefined);
});

it('speaks only TLS: a client in plain text gets no answer, even with valid credentials', async () => {
  const plain = new Kafka({
    clientId: 'plain',
    brokers: stack.environment.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 3000,
    authenticationTimeout: 3000,
    sasl: { mechanism: 'scram-sha-512', username: police.principal, password: police.password },
  });
  const client = plain.admin();
  await expect(client.connect()).rejects.toThrow();
  await client.disconnect().catch(() => undefined);
});

it('refuses a wrong password, an agency whose credential was rotated, and a suspended one', async () => {
  const impostor = agencyKafka(stack.environment, police.principal, 'guessed');
  await expect(impostor.admin().connect()).rejects.toThrow(/SASL|authenticat/i);

  const spare = await registerTestAgency(stack.environment, stack.base, 'at-customs');
  await spare.close();
  const rotated = await stack.api.as(admin).post(`/api/v1/agencies/${spare.agencyId}/credentials`, {});
  expect(rotated.status).toBe(201);
  const old = agencyKafka(stack.environment, spare.principal, spare.password).admin();
  await expect(old.connect()).rejects.toThrow(/SASL|authenticat/i);

  const suspended = await stack.api.as(admin).post(`/api/v1/agencies/${spare.agencyId}/suspend`, {});
  expect(suspended.body).toMatchObject({ status: 'suspended' });
  const current = agencyKafka(stack.environment, spare.principal, String(rotated.body['password'])).admin();
  await expect(current.connect()).rejects.toThrow(/SASL|authenticat/i);
  await old.disconnect().catch(() => undefined);
  await current.disconnect().catch(() => undefined);
}, 60_000);

describe('an agency reads only its own tasks and writes only its own answers', () => {
  it('reads its own task topic', async () => {
    await startMla();
    await expect(consume(as(police), `${police.principal}.probe`, police.tasksTopic)).resolves.toBeUndefined();
  });

  it("may not read another agency's tasks, the process events or the dead letters", async () => {
    await expect(consume(as(police), `${police.principal}.probe2`, border.tasksTopic)).rejects.toThrow(denied);
    await expect(readOffsets(as(police), border.tasksTopic)).rejects.toThrow(denied);
    await expect(readOffsets(as(police), stack.environment.topics.processEvents)).rejects.toThrow(denied);
    await expect(readOffsets(as(police), stack.environment.topics.deadLetter)).rejects.toThrow(denied);
  });

  it("may not write another agency's answer topic, nor any task topic, nor the bridge's retry topic", async () => {
    await expect(produce(as(police), border.answersTopic)).rejects.toThrow(denied);
    await expect(produce(as(police), police.tasksTopic)).rejects.toThrow(denied);
    await expect(produce(as(police), stack.environment.topics.agencyResponsesRetry)).rejects.toThrow(denied);
  });

  it("may not consume in a group outside its own prefix (the bridge's, another agency's)", async () => {
    // The same topic, the same principal: in a group of its own it reads, in any other it may not.
    await expect(consume(as(police), `${police.principal}.again`, police.tasksTopic)).resolves.toBeUndefined();
    const bridgeGroup = stack.environment.env['COMITY_BRIDGE_GROUP'] ?? '';
    await expect(consume(as(police), bridgeGroup, police.tasksTopic)).rejects.toThrow(groupDenied);
    await expect(consume(as(police), `${border.principal}.steal`, police.tasksTopic)).rejects.toThrow(groupDenied);
  });
});

describe('each service principal may do its own work and nothing else', () => {
  it('the worker writes events and tasks, and may not write answers', async () => {
    const { topics } = stack.environment;
    await expect(produce(service('comity-worker'), topics.processEvents)).resolves.toBeUndefined();
    await expect(produce(service('comity-worker'), border.tasksTopic)).resolves.toBeUndefined();
    await expect(produce(service('comity-worker'), police.answersTopic)).rejects.toThrow(denied);
  });

  it('the projector and the API read events and may write nothing; the bridge may not write tasks', async () => {
    const { topics } = stack.environment;
    await expect(readOffsets(service('comity-projector'), topics.processEvents)).resolves.toHaveLength(3);
    await expect(produce(service('comity-projector'), topics.processEvents)).rejects.toThrow(denied);
    await expect(produce(service('comity-api'), police.tasksTopic)).rejects.toThrow(denied);
    await expect(readOffsets(service('comity-api'), police.answersTopic)).rejects.toThrow(denied);
    await expect(produce(service('comity-bridge'), police.tasksTopic)).rejects.toThrow(denied);
  });

  it('the registrar provisions agencies and may read nothing', async () => {
    const { topics } = stack.environment;
    await expect(readOffsets(service('comity-registrar'), topics.processEvents)).rejects.toThrow(denied);
    await expect(consume(service('comity-registrar'), 'registrar-probe', police.answersTopic)).rejects.toThrow(
      groupDenied,
    );
  });
});

describe('an answer counts only when signed by a key the agency registered', () => {
  const checkOf = async (marker: string) =>
    (await deadLetters.until(`the dead letter of ${marker}`, (m) => m.content.includes(marker))).headers;

  it('refuses answers unsigned, tampered, signed by another agency, with a revoked key, or with a key slipped into the table', async () => {
    const id = await startMla();
    const message = await police.tasks.until(`the draft task of ${id}`, (m) => m.content.includes(id));
    const task = agencyTask.parse(JSON.parse(message.content));
    const answer = (marker: string) => ({
      taskId: task.id,
      processId: id,
      action: 'submit-for-review',
      payload: {},
      idempotencyKey: `${id}-${marker}`,
    });

    // Signed but not encrypted: its content would be readable on the broker.
    await police.send(id, await police.sign(JSON.stringify({ data: answer('clear') })));
    // Encrypted, but to a key of no installation, or with its ciphertext altered.
    const elsewhere = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' });
    await police.send(
      id,
      await encryptAnswer(await police.sign(JSON.stringify({ data: answer('x') })), {
        ...elsewhere,
        kid: 'other.answers',
      }),
    );
    const parts = (await police.encrypt(await police.sign(JSON.stringify({ data: answer('y') })))).split('.');
    parts[3] = Buffer.from('altered').toString('base64url');
    await police.send(id, parts.join('.'));
    // Encrypted but unsigned: the CloudEvent as plain JSON.
    await police.send(id, await police.encrypt(JSON.stringify({ data: answer('plain') })));
    // Tampered: a valid signature over other content.
    const [header, , signature] = (await police.sign(JSON.stringify({ data: answer('original') }))).split('.');
    const swapped = Buffer.from(JSON.stringify({ data: answer('tampered') })).toString('base64url');
    await police.send(id, await police.encrypt(`${header}.${swapped}.${signature}`));
    // Signed with the border police's key, sent on the police's topic.
    await police.send(id, await police.encrypt(await border.sign(JSON.stringify({ data: answer('other-key') }))));

    expect(await checkOf(`${id}-clear`)).toMatchObject({
      'comity-dead-letter-check': 'encryption',
      'comity-dead-letter-code': 'ANSWER_NOT_ENCRYPTED',
    });
    const refusedCodes = async (code: string) =>
      deadLetters.until(`a dead letter ${code}`, (m) => m.headers['comity-dead-letter-code'] === code && m.key === id);
    await refusedCodes('ANSWER_NOT_FOR_US');
    await refusedCodes('ANSWER_NOT_DECRYPTED');
    expect(await checkOf(`${id}-plain`)).toMatchObject({ 'comity-dead-letter-code': 'ANSWER_NOT_SIGNED' });
    expect(await checkOf(`${id}-tampered`)).toMatchObject({ 'comity-dead-letter-code': 'ANSWER_SIGNATURE_INVALID' });
    expect(await checkOf(`${id}-other-key`)).toMatchObject({ 'comity-dead-letter-code': 'ANSWER_KEY_UNKNOWN' });

    // A database operator adds a key of their own to the registry's table: not sealed, not trusted.
    const rogue = generateKeyPairSync('ed25519');
    const { kty, crv, x } = rogue.publicKey.export({ format: 'jwk' });
    const db = new PgClient({ connectionString: stack.environment.env['COMITY_DATABASE_URL'] });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO agency_keys (agency_id, kid, algorithm, public_jwk, status, added_at, revoked_at, seal)
         VALUES ($1, 'slipped-in', 'EdDSA', $2, 'active', $3, NULL, 'eyJhbGciOiJFZERTQSJ9..AAAA')`,
        [police.agencyId, JSON.stringify({ kty, crv, x }), new Date().toISOString()],
      );
    } finally {
      await db.end();
    }
    const listed = await stack.api
      .as(admin)
      .get<{ keys: { kid: string; sealed: boolean }[] }>(`/api/v1/agencies/${police.agencyId}`);
    expect(listed.body.keys.find((k) => k.kid === 'slipped-in')).toMatchObject({ sealed: false });
    const { CompactSign } = await import('jose');
    const slipped = await new CompactSign(Buffer.from(JSON.stringify({ data: answer('slipped') })))
      .setProtectedHeader({ alg: 'EdDSA', kid: 'slipped-in', typ: 'comity-answer+jws' })
      .sign(rogue.privateKey);
    await police.send(id, await police.encrypt(slipped));
    expect(await checkOf(`${id}-slipped`)).toMatchObject({ 'comity-dead-letter-code': 'ANSWER_KEY_UNKNOWN' });

    // A revoked key: what it signs after the revocation is refused.
    const revoked = await stack.api.as(admin).post(`/api/v1/agencies/${police.agencyId}/keys/${police.kid}/revoke`, {});
    expect(revoked.body).toMatchObject({ status: 'revoked', sealed: true });
    // (The test environment has the bridge read the registry afresh for every answer: COMITY_REGISTRY_CACHE_MS=0.)
    await police.answer(answer('revoked'));
    expect(await checkOf(`${id}-revoked`)).toMatchObject({ 'comity-dead-letter-code': 'ANSWER_KEY_UNKNOWN' });

    // None of it moved the process.
    const state = await stack.api.as(coordinator).get(`/api/v1/processes/${id}`);
    expect(state.body).toMatchObject({ stage: 'draft', sequence: 1 });
  }, 90_000);
});
