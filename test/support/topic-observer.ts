import type { Consumer } from 'kafkajs';
import { waitFor } from './apps';
import { testKafka } from './kafka-access';

export interface ObservedMessage {
  readonly key: string;
  readonly value: string;
  /** What the value carries: the payload of a compact JWS (agency channel), else the value itself. */
  readonly content: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Reads a topic from the start and keeps every message, as an agency's consumer would see it. */
export class TopicObserver {
  readonly messages: ObservedMessage[] = [];
  private readonly consumer: Consumer;

  constructor(
    brokers: string[],
    groupId: string,
    /** What a value carries, for assertions: by default contentOf (an installation can also decrypt; see agency-channel). */
    private readonly open: (value: string) => Promise<string> | string = contentOf,
  ) {
    this.consumer = testKafka('e2e-observer', brokers).consumer({ groupId });
  }

  async start(topic: string): Promise<this> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value?.toString() ?? '';
        this.messages.push({
          key: message.key?.toString() ?? '',
          value,
          content: await this.open(value),
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

/** The payload of a compact JWS, decoded; any other value as it is. */
export function contentOf(value: string): string {
  const parts = value.split('.');
  if (parts.length !== 3 || !/^[\w-]+$/.test(parts[1] ?? '')) return value;
  return Buffer.from(parts[1] ?? '', 'base64url').toString('utf8');
}
