import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { sealedColumn } from '../sealed-columns';

/**
 * A message a partner installation's gateway delivered and this one took (docs/federation.md, the
 * inbox): one row per (partner, message id), so a message delivered twice is one row. `received`
 * ones are in order for their process; `held` ones wait for the sequences before them.
 */
@Entity({ name: 'federation_inbox' })
@Index('idx_federation_inbox_process', ['partner', 'processId', 'sequence'])
export class FederationInboxRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  partner!: string;

  @PrimaryColumn({ name: 'message_id', type: 'varchar', length: 200 })
  messageId!: string;

  @Column({ name: 'process_id', type: 'varchar', length: 200 })
  processId!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'varchar', length: 80 })
  kind!: string;

  /** SHA-256 of the envelope's bytes as received: the same bytes again are a retry. */
  @Column({ name: 'envelope_digest', type: 'varchar', length: 64 })
  envelopeDigest!: string;

  /** SHA-256 of the signed message: the same message under a new envelope is a replay. */
  @Column({ name: 'content_digest', type: 'varchar', length: 64 })
  contentDigest!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: 'received' | 'held';

  /** The message's body as JSON (it may name persons): sealed. */
  @Column({ type: 'simple-json', transformer: sealedColumn('federation_inbox.body') })
  body!: string;

  /** The partner's signature over the message (compact JWS): its proof of what it said. Sealed. */
  @Column({ name: 'signed_message', type: 'simple-json', transformer: sealedColumn('federation_inbox.signed_message') })
  signedMessage!: string;

  @Column({ name: 'received_at', type: 'varchar', length: 30 })
  receivedAt!: string;

  /** The evidence this installation answered (`relay`, compact JWS): answered again to a retry. */
  @Column({ type: 'text' })
  evidence!: string;
}

/**
 * How far a partner's messages about one process are received in order: the row an inbox
 * transaction locks (PostgreSQL) so that two deliveries about one process are decided one after
 * the other.
 */
@Entity({ name: 'federation_inbox_heads' })
export class FederationInboxHeadRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  partner!: string;

  @PrimaryColumn({ name: 'process_id', type: 'varchar', length: 200 })
  processId!: string;

  /** Every sequence up to this one is received (0: none yet). */
  @Column({ name: 'received_through', type: 'integer' })
  receivedThrough!: number;
}
