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
  /** The agency registry's (in the API): provisions registered agencies' topics, grants and credentials. */
  registrar: 'comity-registrar',
} as const;

/** The consumer-group prefix of the API's event streams (each API instance reads in a group of its own). */
export const API_STREAM_GROUP_PREFIX = 'comity-api-stream-';

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
 * - worker: writes process events and, on each agency's task topic, its tasks (idempotently);
 * - projector: reads process events in its group (and its rebuild groups, which it deletes after),
 *   dead-letters events it cannot project, and reads the dead letters into the read model;
 * - bridge: reads every agency's answer topic, writes dead letters, reads and writes its retry topic;
 * - api: reads process events for the event stream, describes the cluster for /health;
 * - registrar: creates agencies' task and answer topics, grants each agency its own
 *   (agencyAcls) and sets its credential — ALTER on the cluster, the most powerful grant here;
 * - agencies are not services: each is granted its own topics when it is registered.
 */
export function serviceAcls(kafka: Pick<KafkaConfig, 'topics' | 'projectorGroup' | 'bridgeGroup'>): AclEntry[] {
  const { topics } = kafka;
  const { TOPIC, GROUP, CLUSTER } = AclResourceTypes;
  const p = KafkaPrincipals;
  const grants: Grant[] = [
    [p.worker, TOPIC, topics.processEvents, 'literal', ['WRITE', 'DESCRIBE']],
    [p.worker, TOPIC, topics.agencyTasksPrefix, 'prefixed', ['WRITE', 'DESCRIBE']],
    [p.worker, CLUSTER, 'kafka-cluster', 'literal', ['IDEMPOTENT_WRITE']],
    [p.projector, TOPIC, topics.processEvents, 'literal', ['READ', 'DESCRIBE']],
    [p.projector, GROUP, kafka.projectorGroup, 'prefixed', ['READ', 'DESCRIBE', 'DELETE']],
    [p.projector, TOPIC, topics.deadLetter, 'literal', ['READ', 'WRITE', 'DESCRIBE']],
    [p.projector, CLUSTER, 'kafka-cluster', 'literal', ['IDEMPOTENT_WRITE']],
    [p.bridge, TOPIC, topics.agencyAnswersPrefix, 'prefixed', ['READ', 'DESCRIBE']],
    [p.bridge, TOPIC, topics.agencyResponsesRetry, 'literal', ['READ', 'WRITE', 'DESCRIBE']],
    [p.bridge, TOPIC, topics.deadLetter, 'literal', ['WRITE', 'DESCRIBE']],
    [p.bridge, GROUP, kafka.bridgeGroup, 'prefixed', ['READ', 'DESCRIBE']],
    [p.bridge, CLUSTER, 'kafka-cluster', 'literal', ['IDEMPOTENT_WRITE']],
    [p.api, TOPIC, topics.processEvents, 'literal', ['READ', 'DESCRIBE']],
    [p.api, GROUP, API_STREAM_GROUP_PREFIX, 'prefixed', ['READ', 'DESCRIBE', 'DELETE']],
    [p.api, CLUSTER, 'kafka-cluster', 'literal', ['DESCRIBE']],
    [p.registrar, TOPIC, topics.agencyTasksPrefix, 'prefixed', ['CREATE', 'DESCRIBE']],
    [p.registrar, TOPIC, topics.agencyAnswersPrefix, 'prefixed', ['CREATE', 'DESCRIBE']],
    [p.registrar, CLUSTER, 'kafka-cluster', 'literal', ['ALTER', 'DESCRIBE']],
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
