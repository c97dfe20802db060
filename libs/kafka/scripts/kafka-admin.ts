/**
 * The local broker's operator, acting as the super user comity-admin: creates Comity's topics and
 * grants each service its ACLs (@comity/kafka serviceAcls), then warms the group coordinator (the
 * first group lookup on a fresh broker creates __consumer_offsets, which would otherwise delay the
 * first consumer). Idempotent. infra/kafka/service.sh runs it with the admin credentials:
 *   node -r @swc-node/register libs/kafka/scripts/kafka-admin.ts ensure <topic>:<partitions>...
 */
import { loadConfig } from '@comity/config';
import { createKafka } from '../src/kafka-client';
import { serviceAcls } from '../src/kafka-acls';

async function main(): Promise<void> {
  const [command, ...specs] = process.argv.slice(2);
  if (command !== 'ensure' || specs.length === 0)
    throw new Error('usage: kafka-admin.ts ensure <topic>:<partitions>...');
  const topics = specs.map((spec) => {
    const at = spec.lastIndexOf(':');
    const numPartitions = Number(spec.slice(at + 1));
    if (at <= 0 || !Number.isInteger(numPartitions) || numPartitions < 1)
      throw new Error(`not <topic>:<partitions>: ${spec}`);
    // No replication factor: the broker's default (1 on the single local node, 3 in the cluster).
    return { topic: spec.slice(0, at), numPartitions };
  });
  const config = loadConfig();
  const admin = createKafka(config.kafka, 'operator').admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length) await admin.createTopics({ waitForLeaders: true, topics: missing });
    await admin.createAcls({ acl: serviceAcls(config.kafka) });
    await admin.describeGroups(['comity-warmup']);
  } finally {
    await admin.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`kafka-admin: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
