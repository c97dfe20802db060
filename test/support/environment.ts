import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, logLevel } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { Connection } from '@temporalio/client';
import { issueLocalToken } from '@comity/auth';
import { loadConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import { serviceAcls } from '@comity/kafka';
import { temporalConnectionOptions } from '@comity/temporal';
import { testKafka } from './kafka-access';
import { keycloakReady, keycloakToken } from './keycloak';
import { codecKeysEnv } from './sealing';

/**
 * An isolated environment on the shared local services (started by infra/services.sh): its own
 * Kafka topics, Temporal task queue, consumer group and database, so test runs never see each
 * other's messages or rows.
 */
export interface TestEnvironment {
  readonly runId: string;
  readonly env: Record<string, string>;
  readonly topics: {
    processEvents: string;
    agencyTasksPrefix: string;
    agencyAnswersPrefix: string;
    agencyResponsesRetry: string;
    deadLetter: string;
  };
  /** This run's agencies' principals start with it (each run registers agencies of its own). */
  readonly agencyPrincipalPrefix: string;
  readonly brokers: string[];
  /**
   * A bearer token for the actor: signed with this environment's key, or under COMITY_AUTH_MODE=oidc
   * (the cluster topology) Keycloak's for the realm's user of the actor's role.
   */
  token(actor: Actor): Promise<string>;
  dispose(): Promise<void>;
}

export type DatabaseKind = 'sqlite' | 'postgres';

const defaults = loadConfig(process.env);

export async function createTestEnvironment(database: DatabaseKind, apiPort: number): Promise<TestEnvironment> {
  const runId = `t${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;
  const topics = {
    processEvents: `${runId}.process-events.v1`,
    agencyTasksPrefix: `${runId}.agency-tasks.v1.`,
    agencyAnswersPrefix: `${runId}.agency-answers.v1.`,
    agencyResponsesRetry: `${runId}.agency-responses.retry.v1`,
    deadLetter: `${runId}.dead-letter.v1`,
  };
  const agencyPrincipalPrefix = `${runId}-agency-`;
  // Created here; each agency's own are created by the registry when a test registers it.
  const fixedTopics = [topics.processEvents, topics.agencyResponsesRetry, topics.deadLetter];
  const groups = { projectorGroup: `${runId}-projector`, bridgeGroup: `${runId}-bridge` };
  // This run's topics and groups, and each service's grants on them (as on the default ones).
  const acl = serviceAcls({ topics, ...groups });
  const admin = testKafka('comity-e2e', defaults.kafka.brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      // The brokers' default replication: 1 on the local broker, 3 on the cluster topology's.
      topics: fixedTopics.map((topic) => ({ topic, numPartitions: 3 })),
    });
    await admin.createAcls({ acl });
  } finally {
    await admin.disconnect();
  }

  const db = database === 'sqlite' ? sqliteEnv(runId) : await postgresEnv(runId);
  if (defaults.auth.mode === 'oidc') await keycloakReady();
  const secret = randomUUID() + randomUUID();
  const env: Record<string, string> = {
    ...db.env,
    COMITY_AUTH_SECRET: secret,
    ...codecKeysEnv(),
    ...documentStoreEnv(),
    COMITY_ACTION_KEYS: `e2e:${randomBytes(32).toString('base64')}`,
    COMITY_API_PORT: String(apiPort),
    COMITY_TEMPORAL_TASK_QUEUE: `${runId}-processes`,
    COMITY_PROJECTOR_GROUP: groups.projectorGroup,
    COMITY_BRIDGE_GROUP: groups.bridgeGroup,
    COMITY_TOPIC_PROCESS_EVENTS: topics.processEvents,
    COMITY_TOPIC_AGENCY_TASKS_PREFIX: topics.agencyTasksPrefix,
    COMITY_TOPIC_AGENCY_ANSWERS_PREFIX: topics.agencyAnswersPrefix,
    COMITY_KAFKA_AGENCY_PRINCIPAL_PREFIX: agencyPrincipalPrefix,
    // The worker and the bridge see a registration, a revocation, at once; new topics within a second.
    COMITY_REGISTRY_CACHE_MS: '0',
    COMITY_BRIDGE_TOPIC_REFRESH_MS: '1000',
    COMITY_TOPIC_AGENCY_RESPONSES_RETRY: topics.agencyResponsesRetry,
    COMITY_TOPIC_DEAD_LETTER: topics.deadLetter,
  };
  return {
    runId,
    env,
    topics,
    agencyPrincipalPrefix,
    brokers: defaults.kafka.brokers,
    token: defaults.auth.mode === 'oidc' ? keycloakToken : (actor) => issueLocalToken(secret, actor),
    dispose: async () => {
      await deleteWorkflows(env);
      await db.dispose();
      const cleanup = testKafka('comity-e2e', defaults.kafka.brokers, 'comity-admin', {
        logLevel: logLevel.NOTHING,
      }).admin();
      await cleanup.connect();
      // Every topic of this run, the registered agencies' included.
      const runTopics = (await cleanup.listTopics().catch(() => [])).filter((t) => t.startsWith(`${runId}.`));
      await cleanup.deleteTopics({ topics: runTopics }).catch(() => undefined);
      // Only this run's grants (its topics and groups, its agencies'): those on the cluster and on
      // shared group prefixes are everyone's.
      const described = await cleanup
        .describeAcls({
          resourceType: AclResourceTypes.ANY,
          resourcePatternType: ResourcePatternTypes.ANY,
          operation: AclOperationTypes.ANY,
          permissionType: AclPermissionTypes.ANY,
        })
        .catch(() => ({ resources: [] }));
      const filters = described.resources
        .filter((r) => r.resourceName.startsWith(runId))
        .flatMap(({ resourceType, resourceName, resourcePatternType, acls }) =>
          acls.map((a) => ({ resourceType, resourceName, resourcePatternType, ...a })),
        );
      if (filters.length) await cleanup.deleteAcls({ filters }).catch(() => undefined);
      await cleanup.disconnect();
    },
  };
}

/** A database of its own and its keys, nothing else (no topics, no task queue): for read-model tests. */
export async function createTestDatabase(
  database: DatabaseKind,
): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  const runId = `t${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;
  const db = database === 'sqlite' ? sqliteEnv(runId) : await postgresEnv(runId);
  return { env: { ...db.env, ...codecKeysEnv() }, dispose: db.dispose };
}

function sqliteEnv(runId: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `comity-${runId}-`));
  return {
    env: { COMITY_DB_TYPE: 'sqlite', COMITY_SQLITE_PATH: path.join(dir, 'read-model.sqlite') },
    dispose: async () => undefined,
  };
}

/** A fresh PostgreSQL database per run, created through the configured database (the local server by default). */
async function postgresEnv(runId: string) {
  const configured = loadConfig({ ...process.env, COMITY_DB_TYPE: 'postgres' }).database;
  const adminUrl = configured.type === 'postgres' ? configured.url : '';
  const name = `comity_${runId}`.toLowerCase();
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { COMITY_DB_TYPE: 'postgres', COMITY_DATABASE_URL: url.toString() },
    dispose: async () => {
      const c = new PgClient({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Deletes every workflow this environment started (cases stay open for ever; a process may be
 * mid-way): a later run must not meet a workflow that no worker serves, or whose payloads were
 * encrypted with this run's key, under an id it happens to reuse.
 */
async function deleteWorkflows(env: Record<string, string>): Promise<void> {
  const { temporal } = loadConfig({ ...process.env, ...env });
  const connection = await Connection.connect(temporalConnectionOptions(temporal));
  // The raw listing: it decodes nothing, so workflows encrypted with any key (a first start's own) go too.
  const service = connection.workflowService;
  try {
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await service.listWorkflowExecutions({
        namespace: temporal.namespace,
        query: `TaskQueue = '${temporal.taskQueue}'`,
        nextPageToken,
      });
      for (const { execution } of page.executions) {
        await service
          .deleteWorkflowExecution({ namespace: temporal.namespace, workflowExecution: execution })
          .catch(() => undefined);
      }
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
  } finally {
    await connection.close();
  }
}

/**
 * The local object store (infra/versitygw) and clamd (infra/clamav), with the gateway's credentials
 * from the runtime secrets, as infra/scripts/with-env.sh sets them; nothing when they were never
 * created (documents are then off, their routes answer 503).
 */
export function documentStoreEnv(): Record<string, string> {
  const secrets = path.join(
    process.env['COMITY_RUNTIME'] ?? path.join(__dirname, '../../.runtime'),
    'versitygw/secrets',
  );
  const read = (name: string) => {
    try {
      return readFileSync(path.join(secrets, name), 'utf8').trim();
    } catch {
      return '';
    }
  };
  const accessKeyId = process.env['COMITY_S3_ACCESS_KEY_ID'] ?? read('access-key-id');
  const secretAccessKey = process.env['COMITY_S3_SECRET_ACCESS_KEY'] ?? read('secret-access-key');
  if (!accessKeyId || !secretAccessKey) return {};
  return {
    COMITY_S3_ENDPOINT:
      process.env['COMITY_S3_ENDPOINT'] ?? `http://127.0.0.1:${process.env['COMITY_S3_PORT'] ?? 7070}`,
    COMITY_S3_ACCESS_KEY_ID: accessKeyId,
    COMITY_S3_SECRET_ACCESS_KEY: secretAccessKey,
  };
}
