import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry } from 'kafkajs';
import type { KafkaConfig } from '@comity/config';

/**
 * Comity's Kafka principals: one per service, each allowed only what it does. The operator
 * (`comity-admin`, a super user) creates topics and grants these; in production each agency is a
 * principal of its own too (docs/security.md).
 */
export const KafkaPrincipals = {
  worker: 'comity-worker',
  projector: 'comity-projector',
  bridge: 'comity-bridge',
  api: 'comity-api',
  agencySimulator: 'comity-agency-simulator',
} as const;

/** The consumer-group prefix of the API's event streams (each API instance reads in a group of its own). */
export const API_STREAM_GROUP_PREFIX = 'comity-api-stream-';
/** The consumer-group prefix of the agency simulator (a group per set of agencies it plays). */
export const SIMULATOR_GROUP_PREFIX = 'comity-agency-simulator-';

type Operation = keyof typeof AclOperationTypes;
type Grant = readonly [
  principal: string,
  resource: AclResourceTypes,
  name: string,
  pattern: 'literal' | 'prefixed',
  ops: readonly Operation[],
];

/**
 * The ACLs that let each service do its work on these topics and groups, and nothing else:
 * - worker: writes process events and agency tasks (idempotently);
 * - projector: reads process events in its group (and its rebuild groups, which it deletes after),
 *   and dead-letters events it cannot project;
 * - bridge: reads agency answers, writes dead letters, reads and writes its retry topic;
 * - api: reads process events for the event stream, describes the cluster for /health;
 * - agency simulator: reads tasks and writes answers, as the agencies it plays would.
 */
export function serviceAcls(kafka: Pick<KafkaConfig, 'topics' | 'projectorGroup' | 'bridgeGroup'>): AclEntry[] {
  const { topics } = kafka;
  const { TOPIC, GROUP, CLUSTER } = AclResourceTypes;
  const p = KafkaPrincipals;
  const grants: Grant[] = [
    [p.worker, TOPIC, topics.processEvents, 'literal', ['WRITE', 'DESCRIBE']],
    [p.worker, TOPIC, topics.agencyTasks, 'literal', ['WRITE', 'DESCRIBE']],
    [p.worker, CLUSTER, 'kafka-cluster', 'literal', ['IDEMPOTENT_WRITE']],
    [p.projector, TOPIC, topics.processEvents, 'literal', ['READ', 'DESCRIBE']],
    [p.projector, GROUP, kafka.projectorGroup, 'prefixed', ['READ', 'DESCRIBE', 'DELETE']],
    [p.projector, TOPIC, topics.deadLetter, 'literal', ['WRITE', 'DESCRIBE']],
    [p.projector, CLUSTER, 'kafka-cluster', 'literal', ['IDEMPOTENT_WRITE']],
    [p.bridge, TOPIC, topics.agencyResponses, 'literal', ['READ', 'DESCRIBE']],
    [p.bridge, TOPIC, topics.agencyResponsesRetry, 'literal', ['READ', 'WRITE', 'DESCRIBE']],
    [p.bridge, TOPIC, topics.deadLetter, 'literal', ['WRITE', 'DESCRIBE']],
    [p.bridge, GROUP, kafka.bridgeGroup, 'prefixed', ['READ', 'DESCRIBE']],
    [p.bridge, CLUSTER, 'kafka-cluster', 'literal', ['IDEMPOTENT_WRITE']],
    [p.api, TOPIC, topics.processEvents, 'literal', ['READ', 'DESCRIBE']],
    [p.api, GROUP, API_STREAM_GROUP_PREFIX, 'prefixed', ['READ', 'DESCRIBE', 'DELETE']],
    [p.api, CLUSTER, 'kafka-cluster', 'literal', ['DESCRIBE']],
    [p.agencySimulator, TOPIC, topics.agencyTasks, 'literal', ['READ', 'DESCRIBE']],
    [p.agencySimulator, TOPIC, topics.agencyResponses, 'literal', ['WRITE', 'DESCRIBE']],
    [p.agencySimulator, GROUP, SIMULATOR_GROUP_PREFIX, 'prefixed', ['READ', 'DESCRIBE']],
    [p.agencySimulator, CLUSTER, 'kafka-cluster', 'literal', ['IDEMPOTENT_WRITE']],
  ];
  return grants.flatMap(([principal, resourceType, resourceName, pattern, ops]) =>
    ops.map((op) => ({
      resourceType,
      resourceName,
      resourcePatternType: pattern === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
      principal: `User:${principal}`,
      host: '*',
      operation: AclOperationTypes[op],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}
