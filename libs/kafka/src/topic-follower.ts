import type { Admin, Consumer, ConsumerRunConfig } from 'kafkajs';
import { log as processLog } from '@comity/observability';
import { runConsumer, type ConsumerLifetime } from './consumer-lifetime';

export interface TopicFollowerOptions {
  /** Every topic whose name starts with this is consumed. */
  readonly prefix: string;
  /** How often to look for new topics. */
  readonly refreshMs: number;
  /** A new consumer (same group each time): called at the start and whenever the topics change. */
  readonly consumer: () => Consumer;
  readonly run: ConsumerRunConfig;
  readonly log?: (line: string) => void;
}

/**
 * Consumes every topic with a prefix, and the ones created later: a topic per agency appears when
 * the agency is registered. kafkajs resolves a subscription once, when the consumer starts, so the
 * follower lists the topics every `refreshMs` and, when the set has changed, stops its consumer
 * (committing what it processed) and starts one subscribed to the new set, in the same group — its
 * offsets carry over. With no topic yet, no consumer runs.
 */
export async function followTopics(admin: Admin, options: TopicFollowerOptions): Promise<ConsumerLifetime> {
  const log = options.log ?? ((line: string) => processLog.info(line));
  let current: { topics: string; lifetime: ConsumerLifetime } | undefined;
  let stopping = false;
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));

  const follow = async (): Promise<void> => {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(options.prefix)).sort();
    const key = topics.join('\n');
    if (stopping || key === current?.topics) return;
    await current?.lifetime.stop();
    current = undefined;
    if (topics.length === 0) return;
    const consumer = options.consumer();
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    current = { topics: key, lifetime: await runConsumer(consumer, options.run) };
    log(`consuming ${topics.length} topic(s) starting ${options.prefix}`);
  };

  await follow();
  /** The refresh under way, if any: one at a time, and stop() waits for it. */
  let refreshing: Promise<void> | undefined;
  const timer = setInterval(() => {
    refreshing ??= follow()
      .catch((err: unknown) =>
        log(`could not refresh the topics (${err instanceof Error ? err.message : String(err)})`),
      )
      .finally(() => (refreshing = undefined));
  }, options.refreshMs);

  return {
    done,
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await refreshing;
      await current?.lifetime.stop();
      stopped();
    },
  };
}
