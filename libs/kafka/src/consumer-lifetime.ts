import type { Consumer, ConsumerRunConfig } from 'kafkajs';
import { log as processLog } from '@comity/observability';

export interface ConsumerLifetime {
  /** Resolves when the consumer has stopped for good, that is once stop() has been called. */
  readonly done: Promise<void>;
  /** Disconnects the consumer (committing what it has processed) and resolves `done`. */
  stop(): Promise<void>;
}

/** The longest pause between two attempts to start a crashed consumer again. */
const MAX_RESTART_PAUSE_MS = 30_000;

/**
 * Runs a consumer for an app's whole life. kafkajs restarts a consumer after most failures, but
 * gives up for good on some: a broker that is down longer than its retries last ends in a
 * non-retriable "Failed to find group coordinator" (seen in the fault suite, test/faults). Then
 * this starts it again — its subscriptions are kept — with a pause that doubles up to 30 s, until
 * stop() is called: a broker outage delays the app's work, it never ends the app.
 */
export async function runConsumer(
  consumer: Consumer,
  config: ConsumerRunConfig,
  log: (line: string) => void = (line) => processLog.warn(line),
): Promise<ConsumerLifetime> {
  let stopping = false;
  let failures = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));

  const restartLater = () => {
    if (stopping || pending) return;
    const pause = Math.min(MAX_RESTART_PAUSE_MS, 1_000 * 2 ** failures);
    failures += 1;
    pending = setTimeout(() => {
      pending = undefined;
      if (stopping) return;
      consumer
        .connect()
        .then(() => consumer.run(config))
        .catch((err: unknown) => {
          log(`kafka consumer: could not start again (${err instanceof Error ? err.message : String(err)})`);
          restartLater();
        });
    }, pause);
  };

  consumer.on(consumer.events.GROUP_JOIN, () => (failures = 0));
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart || stopping) return;
    log(`kafka consumer: kafkajs gave up after '${payload.error.message}'; starting it again`);
    restartLater();
  });
  await consumer.run(config);
  return {
    done,
    stop: async () => {
      stopping = true;
      clearTimeout(pending);
      await consumer.disconnect();
      stopped();
    },
  };
}
