import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { Subject, type Observable } from 'rxjs';
import type { ComityConfig } from '@comity/config';
import { AesGcmFieldCipher, codecKeysFromConfig } from '@comity/crypto';
import { openProcessEvent, sealedProcessEvent, type ProcessEvent } from '@comity/events';
import { API_STREAM_GROUP_PREFIX, createKafka, parseJson } from '@comity/kafka';
import { CONFIG } from '../infrastructure/tokens';

/**
 * Every process event as it happens, for the server-sent-events stream. Each API instance reads
 * the topic in a consumer group of its own, from the newest offset: a stream shows what happens
 * from now on; what happened before is in the read model.
 *
 * Its sealed fields are opened although the stream shows neither: an event that does not open was
 * not sealed by this installation's worker, so no dashboard sees it. It is skipped with a warning,
 * not dead-lettered: the projector reads the same message and dead-letters it once.
 */
@Injectable()
export class ProcessEventStream implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ProcessEventStream');
  private readonly events = new Subject<ProcessEvent>();
  /** Emits when the API starts shutting down: open streams end, so the server can close. */
  readonly closing = new Subject<void>();
  private consumer?: Consumer;
  private readonly cipher: AesGcmFieldCipher;

  constructor(@Inject(CONFIG) private readonly config: ComityConfig) {
    this.cipher = new AesGcmFieldCipher(codecKeysFromConfig(config.temporal.codec));
  }

  get stream(): Observable<ProcessEvent> {
    return this.events.asObservable();
  }

  async onModuleInit(): Promise<void> {
    const kafka = createKafka(this.config.kafka, 'api-stream');
    this.consumer = kafka.consumer({ groupId: `${API_STREAM_GROUP_PREFIX}${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.config.kafka.topics.processEvents, fromBeginning: false });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const parsed = parseJson(message.value);
        const event = parsed.ok ? sealedProcessEvent.safeParse(parsed.json) : undefined;
        if (!event?.success) {
          this.logger.warn(`skipped a message that is not a process event at offset ${message.offset}`);
          return;
        }
        try {
          this.events.next(openProcessEvent(event.data, this.cipher));
        } catch (err) {
          this.logger.warn(`skipped event ${event.data.id}: its sealed fields do not open (${(err as Error).message})`);
        }
      },
    });
  }

  beforeApplicationShutdown(): void {
    this.closing.next();
    this.closing.complete();
  }

  async onApplicationShutdown(): Promise<void> {
    this.events.complete();
    await this.consumer?.disconnect();
  }
}
