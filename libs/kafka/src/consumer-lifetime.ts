import type { Consumer } from 'kafkajs';

export interface ConsumerLifetime {
  /** Resolves when the consumer has stopped for good: shut down, or crashed beyond kafkajs' restarts. */
  readonly done: Promise<void>;
  /** Disconnects the consumer (committing what it has processed) and resolves `done`. */
  stop(): Promise<void>;
}

/** Tracks a running consumer so an app's entry point knows when it has stopped. */
export function consumerLifetime(consumer: Consumer): ConsumerLifetime {
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) stopped();
  });
  return {
    done,
    stop: async () => {
      await consumer.disconnect();
      stopped();
    },
  };
}
