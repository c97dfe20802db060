import type { KafkaMessage, Producer } from 'kafkajs';

export interface DeadLetterReason {
  /** Which check failed, e.g. `schema`, `agency`, `action`. */
  readonly check: string;
  readonly reason: string;
  /** The domain's stable error code, when the domain refused. */
  readonly code?: string;
}

/**
 * Sends a message that cannot be applied to the dead-letter topic with its original key and bytes
 * and headers saying why and where it came from. Nothing is swallowed: the consumer commits the
 * original's offset only after this send succeeds.
 */
export async function sendToDeadLetter(
  producer: Producer,
  deadLetterTopic: string,
  origin: { topic: string; partition: number; message: KafkaMessage },
  why: DeadLetterReason,
): Promise<void> {
  await producer.send({
    topic: deadLetterTopic,
    acks: -1,
    messages: [
      {
        key: origin.message.key,
        value: origin.message.value,
        headers: {
          'comity-dead-letter-check': why.check,
          'comity-dead-letter-reason': why.reason,
          ...(why.code ? { 'comity-dead-letter-code': why.code } : {}),
          'comity-original-topic': origin.topic,
          'comity-original-partition': String(origin.partition),
          'comity-original-offset': origin.message.offset,
        },
      },
    ],
  });
}

/** Parses a message value as JSON. */
export function parseJson(value: Buffer | null): { ok: true; json: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, json: JSON.parse(value?.toString('utf8') ?? '') };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
