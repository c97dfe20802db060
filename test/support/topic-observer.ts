import type { Consumer } from 'kafkajs';
import { waitFor } from './apps';
import { testKafka } from './kafka-access';

export interface ObservedMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Reads a topic from the start and keeps every message, as an agency's consumer would see it. */
export class TopicObserver {
  readonly messages: ObservedMessage[] = [];
  private readonly consumer: Consumer;

  constructor(brokers: string[], groupId: string) {
    this.consumer = testKafka('e2e-observer', brokers).consumer({ groupId });
  }

  async start(topic: string): Promise<this> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.messages.push({
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        });
      },
    });
    return this;
  }

  /** Waits until a message satisfies the predicate and returns it. */
  until(what: string, predicate: (m: ObservedMessage) => boolean, timeoutMs = 30_000): Promise<ObservedMessage> {
    return waitFor(what, async () => this.messages.find(predicate), timeoutMs);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
