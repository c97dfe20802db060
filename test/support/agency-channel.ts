import { randomUUID, type KeyObject } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  answerEncryptionKeys,
  decryptAnswer,
  encryptAnswer,
  installationKeys,
  onboardAgencies,
  signInWithRetry,
  parseActionKeys,
  signAnswer,
  signAnswerText,
} from '@comity/auth';
import { loadConfig } from '@comity/config';
import { AGENCY_RESPONSE_TYPE, type AgencyResponse } from '@comity/events';
import { brokerTls } from './kafka-access';
import type { TestEnvironment } from './environment';
import { contentOf, TopicObserver } from './topic-observer';

/** An agency's answer as its system would sign it: a CloudEvent around `data`. */
export function agencyAnswer(
  data: Record<string, unknown>,
): Omit<AgencyResponse, 'data'> & { data: Record<string, unknown> } {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'e2e/agency',
    type: AGENCY_RESPONSE_TYPE,
    subject: String(data['processId']),
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

/**
 * An agency as its own system would be, onboarded through the agency registry's API: registered
 * (its topics and grants), with a signing key and a broker credential of its own. It produces on
 * its answer topic as itself; the test observes its task topic and the dead letters as the operator.
 */
export interface TestAgency {
  readonly agencyId: string;
  readonly principal: string;
  readonly password: string;
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly tasksTopic: string;
  readonly answersTopic: string;
  /** Authenticated as the agency. */
  readonly producer: Producer;
  readonly tasks: TopicObserver;
  /** Signs the answer with the agency's key, encrypts it to the installation and sends it on its answer topic, keyed by process id. */
  answer(data: Record<string, unknown>): Promise<void>;
  /** Signs any text as the agency would sign an answer (for content no honest agency would send). */
  sign(text: string): Promise<string>;
  /** Encrypts any text to the installation, as the agency encrypts its signed answers. */
  encrypt(text: string): Promise<string>;
  /** Sends a raw value on its answer topic, to partition 0 unless told (so each is behind the one before). */
  send(key: string, value: string, partition?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Registers the agency, a key and a credential for it, exactly as the agency simulator onboards
 * its agencies (through the registry's API, as an admin of the test's installation), and signs in as it.
 */
export async function registerTestAgency(
  environment: TestEnvironment,
  apiBase: string,
  agencyId: string,
  state = agencyId.slice(0, 2).toUpperCase(),
): Promise<TestAgency> {
  const config = loadConfig({ ...process.env, ...environment.env, COMITY_API_URL: apiBase });
  const [onboarded] = await onboardAgencies(config, [{ agencyId, state }]);
  if (!onboarded) throw new Error(`${agencyId} was not onboarded`);
  const { principal, password, kid, privateKey, tasksTopic, answersTopic } = onboarded;
  const recipient = (await installationKeys(config)).find((jwk) => jwk.use === 'enc');
  if (!recipient) throw new Error('the installation publishes no key to encrypt answers to');
  const encrypt = (text: string) => encryptAnswer(text, recipient);

  const producer = await signInWithRetry(() => {
    const p = agencyKafka(environment, principal, password).producer();
    return p.connect().then(() => p);
  });
  const tasks = await new TopicObserver(environment.brokers, `${environment.runId}-tasks-${agencyId}`).start(
    tasksTopic,
  );
  const send = async (messageKey: string, value: string, partition?: number) => {
    await producer.send({ topic: answersTopic, acks: -1, messages: [{ key: messageKey, value, partition }] });
  };
  const sign = (text: string) => signAnswerText(text, kid, privateKey);
  return {
    agencyId,
    principal,
    password,
    kid,
    privateKey,
    tasksTopic,
    answersTopic,
    producer,
    tasks,
    answer: async (data) =>
      send(String(data['processId']), await encrypt(await signAnswer(agencyAnswer(data), kid, privateKey))),
    sign,
    encrypt,
    send,
    close: async () => {
      await Promise.all([tasks.stop(), producer.disconnect()]);
    },
  };
}

/** A kafkajs client signed in as an agency principal. */
export function agencyKafka(environment: TestEnvironment, principal: string, password: string): Kafka {
  return new Kafka({
    clientId: `e2e-${principal}`,
    brokers: environment.brokers,
    logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'scram-sha-512', username: principal, password },
    ...brokerTls(environment.brokers),
  });
}

/** The dead-letter topic of a test environment, observed as the operator, with answers decrypted as the installation would. */
export function observeDeadLetters(environment: TestEnvironment): Promise<TopicObserver> {
  return new TopicObserver(environment.brokers, `${environment.runId}-dlq`, installationOpener(environment.env)).start(
    environment.topics.deadLetter,
  );
}

/** Opens what an agency sent as the environment's installation would: decrypts an answer, then reads its signed content. */
export function installationOpener(env: Record<string, string>): (value: string) => Promise<string> {
  const keys = answerEncryptionKeys(parseActionKeys(env['COMITY_ACTION_KEYS']));
  return async (value) => {
    const decrypted = await decryptAnswer(value, keys);
    return contentOf(decrypted.ok ? decrypted.content : value);
  };
}
