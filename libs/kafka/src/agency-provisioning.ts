import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry } from 'kafkajs';
import type { KafkaConfig } from '@comity/config';
import { agencyAnswersTopic, agencyTasksTopic } from '@comity/events';
import { createKafka, kafkaClientOptions } from './kafka-client';

/** The broker principal of a registered agency. */
export const agencyPrincipal = (kafka: Pick<KafkaConfig, 'agencyPrincipalPrefix'>, agencyId: string): string =>
  `${kafka.agencyPrincipalPrefix}${agencyId}`;

/** The consumer groups an agency may use: its principal and a dot, then any name. */
export const agencyGroupPrefix = (kafka: Pick<KafkaConfig, 'agencyPrincipalPrefix'>, agencyId: string): string =>
  `${agencyPrincipal(kafka, agencyId)}.`;

/**
 * What an agency may do on the broker: read its own task topic, write its own answer topic, and
 * consume in groups named after it. Nothing else — no other agency's topics, no Comity topic.
 * (Agency ids have no dots, so one agency's group prefix is never another's.)
 */
export function agencyAcls(kafka: Pick<KafkaConfig, 'topics' | 'agencyPrincipalPrefix'>, agencyId: string): AclEntry[] {
  const principal = `User:${agencyPrincipal(kafka, agencyId)}`;
  const entry = (
    resourceType: AclResourceTypes,
    resourceName: string,
    prefixed: boolean,
    operation: keyof typeof AclOperationTypes,
  ): AclEntry => ({
    resourceType,
    resourceName,
    resourcePatternType: prefixed ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
    principal,
    host: '*',
    operation: AclOperationTypes[operation],
    permissionType: AclPermissionTypes.ALLOW,
  });
  const tasks = agencyTasksTopic(kafka.topics, agencyId);
  const answers = agencyAnswersTopic(kafka.topics, agencyId);
  const group = agencyGroupPrefix(kafka, agencyId);
  return [
    entry(AclResourceTypes.TOPIC, tasks, false, 'READ'),
    entry(AclResourceTypes.TOPIC, tasks, false, 'DESCRIBE'),
    entry(AclResourceTypes.TOPIC, answers, false, 'WRITE'),
    entry(AclResourceTypes.TOPIC, answers, false, 'DESCRIBE'),
    entry(AclResourceTypes.GROUP, group, true, 'READ'),
    entry(AclResourceTypes.GROUP, group, true, 'DESCRIBE'),
  ];
}

export class RegistrarNotConfiguredError extends Error {
  override readonly name = 'RegistrarNotConfiguredError';
}

/** The registrar's view of the broker: the configuration, acting as the registrar principal. */
function asRegistrar(kafka: KafkaConfig): KafkaConfig {
  if (!kafka.registrar) {
    throw new RegistrarNotConfiguredError(
      'the agency registry cannot provision agencies on the broker: COMITY_KAFKA_REGISTRAR_USERNAME and _PASSWORD are not set',
    );
  }
  const mechanism = kafka.sasl?.mechanism ?? 'scram-sha-512';
  return { ...kafka, sasl: { mechanism, ...kafka.registrar } };
}

/**
 * Creates an agency's topics (if missing) and grants its principal exactly agencyAcls. Idempotent:
 * registering an agency again repairs what is missing.
 */
export async function provisionAgencyChannel(kafka: KafkaConfig, agencyId: string, partitions = 3): Promise<void> {
  const admin = createKafka(asRegistrar(kafka), 'registrar').admin();
  await admin.connect();
  try {
    const wanted = [agencyTasksTopic(kafka.topics, agencyId), agencyAnswersTopic(kafka.topics, agencyId)];
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        // The broker's default replication factor: 1 on the single local node, 3 in a cluster.
        topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
      });
    }
    await admin.createAcls({ acl: agencyAcls(kafka, agencyId) });
  } finally {
    await admin.disconnect();
  }
}

const SCRAM_SHA_512 = 2;
const SCRAM_ITERATIONS = 8192;

/**
 * Sets (or, with `password` undefined, removes) the agency principal's SCRAM-SHA-512 credential.
 * kafkajs has no call for it, so this one request goes through @platformatic/kafka's protocol
 * layer; the broker stores only the salted password.
 */
export async function setAgencyCredential(kafka: KafkaConfig, agencyId: string, password: string | undefined) {
  const registrar = asRegistrar(kafka);
  const options = kafkaClientOptions(registrar, 'registrar');
  const name = agencyPrincipal(kafka, agencyId);
  // An ES module: loaded when a credential is set, not by everything that imports @comity/kafka.
  const { Connection, alterUserScramCredentialsV0 } = await import('@platformatic/kafka');
  const connection = new Connection(String(options.clientId), {
    sasl: {
      mechanism: 'SCRAM-SHA-512',
      username: registrar.registrar?.username,
      password: registrar.registrar?.password,
    },
    ...(options.ssl ? { tls: options.ssl === true ? {} : options.ssl } : {}),
  });
  const [host, port] = splitBroker(kafka.brokers[0] ?? '');
  await connection.connect(host, port);
  try {
    const upsertions = [];
    if (password !== undefined) {
      const salt = randomBytes(32);
      const saltedPassword = await promisify(pbkdf2)(password, salt, SCRAM_ITERATIONS, 64, 'sha512');
      upsertions.push({ name, mechanism: SCRAM_SHA_512, iterations: SCRAM_ITERATIONS, salt, saltedPassword });
    }
    const deletions = password === undefined ? [{ name, mechanism: SCRAM_SHA_512 }] : [];
    const response = await alterUserScramCredentialsV0.api.async(connection, deletions, upsertions);
    const failed = response.results.find((r) => r.errorCode !== 0 && !(password === undefined && r.errorCode === 91));
    if (failed) throw new Error(`the broker refused ${name}'s credential: ${failed.errorMessage ?? failed.errorCode}`);
  } finally {
    await connection.close();
  }
}

function splitBroker(broker: string): [string, number] {
  const at = broker.lastIndexOf(':');
  return [broker.slice(0, at), Number(broker.slice(at + 1))];
}
