import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const OutboxStatuses = ['sending', 'relayed', 'rejected', 'not-delivered'] as const;
export type OutboxStatus = (typeof OutboxStatuses)[number];

/**
 * A message this installation sends a partner (docs/federation.md, the outbox): sealed once, so
 * every attempt sends the same bytes, and kept with the evidences of what became of it.
 */
@Entity({ name: 'federation_outbox' })
@Index('idx_federation_outbox_status', ['status', 'createdAt'])
export class FederationOutboxRecord {
  @PrimaryColumn({ name: 'message_id', type: 'varchar', length: 200 })
  messageId!: string;

  @Column({ type: 'varchar', length: 64 })
  partner!: string;

  @Column({ name: 'process_id', type: 'varchar', length: 200 })
  processId!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  /** SHA-256 of the signed message, so a second send of the same id can be told from another message. */
  @Column({ name: 'content_digest', type: 'varchar', length: 64 })
  contentDigest!: string;

  /** The compact JWE, encrypted to the partner: what every attempt sends. */
  @Column({ type: 'text' })
  envelope!: string;

  @Column({ name: 'envelope_digest', type: 'varchar', length: 64 })
  envelopeDigest!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: OutboxStatus;

  /** Ours: `submission-accepted`, signed when the message entered the outbox. */
  @Column({ name: 'submission_evidence', type: 'text' })
  submissionEvidence!: string;

  /** The partner's answer, verified: `relay`, or `submission-rejected` with its code. */
  @Column({ name: 'answer_evidence', type: 'text', nullable: true })
  answerEvidence!: string | null;

  /** Ours: `non-delivery`, when no answer came within the delivery timeout. */
  @Column({ name: 'non_delivery_evidence', type: 'text', nullable: true })
  nonDeliveryEvidence!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'settled_at', type: 'varchar', length: 30, nullable: true })
  settledAt!: string | null;
}
