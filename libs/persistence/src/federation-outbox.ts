import type { DataSource } from 'typeorm';
import { FederationOutboxRecord, type OutboxStatus } from './entities/federation-outbox.record';

export type NewOutboxMessage = Omit<
  FederationOutboxRecord,
  'status' | 'answerEvidence' | 'nonDeliveryEvidence' | 'settledAt'
>;

/** A message id already in the outbox for another message: the caller's bug, never sent. */
export class OutboxConflictError extends Error {
  override readonly name = 'OutboxConflictError';
  readonly code = 'MESSAGE_ID_REUSED';
  readonly retriable = false;
}

/** The gateway's outbox: each message sealed once and kept with what became of it. */
export class FederationOutbox {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(FederationOutboxRecord);
  }

  /**
   * Adds a sealed message, or answers the one already there under its id when it is the same
   * message (a second send after a crash between sealing and starting its delivery): its first
   * envelope stays the one sent.
   */
  async add(message: NewOutboxMessage): Promise<FederationOutboxRecord> {
    const inserted = await this.repository
      .createQueryBuilder()
      .insert()
      .values({ ...message, status: 'sending', answerEvidence: null, nonDeliveryEvidence: null, settledAt: null })
      .orIgnore()
      .execute();
    const row = await this.get(message.messageId);
    if (!row) throw new Error(`outbox row ${message.messageId} missing after its insert (${inserted.raw})`);
    if (row.contentDigest !== message.contentDigest || row.partner !== message.partner)
      throw new OutboxConflictError(`message id ${message.messageId} is already in the outbox for another message`);
    return row;
  }

  get(messageId: string): Promise<FederationOutboxRecord | null> {
    return this.repository.findOneBy({ messageId });
  }

  /** Records how a message ended; only once (a settled message keeps its first outcome). */
  async settle(
    messageId: string,
    status: Exclude<OutboxStatus, 'sending'>,
    evidence: { answer?: string; nonDelivery?: string },
    at: string,
  ): Promise<void> {
    await this.repository.update(
      { messageId, status: 'sending' },
      {
        status,
        answerEvidence: evidence.answer ?? null,
        nonDeliveryEvidence: evidence.nonDelivery ?? null,
        settledAt: at,
      },
    );
  }

  async list(): Promise<FederationOutboxRecord[]> {
    return this.repository.find({ order: { createdAt: 'ASC', messageId: 'ASC' } });
  }
}
