import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per message a consumer dead-lettered (comity.dead-letter.v1): where it came from, which
 * check it failed and why. Never its bytes: an answer stays encrypted on the topic, and what failed a
 * check is not trusted enough to store beside the read model. Its id is where the dead letter sits
 * (`<dead-letter topic>/<partition>/<offset>`), so a dead letter read twice is one row.
 */
@Entity({ name: 'dead_letters' })
@Index('idx_dead_letters_time', ['deadLetteredAt', 'id'])
export class DeadLetterRecord {
  @PrimaryColumn({ type: 'varchar', length: 320 })
  id!: string;

  @Column({ name: 'original_topic', type: 'varchar', length: 249, nullable: true })
  originalTopic!: string | null;

  /** The agency whose answer topic it came from; null for another topic. */
  @Column({ name: 'agency_id', type: 'varchar', length: 120, nullable: true })
  agencyId!: string | null;

  /** The message's key as text (a process id for events and answers), when it is printable and short. */
  @Column({ name: 'message_key', type: 'varchar', length: 200, nullable: true })
  messageKey!: string | null;

  /** The check it failed: parse, schema, signature, agency, process, task, action, idempotency, retry, sealed… */
  @Column({ name: 'failed_check', type: 'varchar', length: 40 })
  check!: string;

  /** The domain's stable code, when the domain refused it. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  code!: string | null;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  /** When it was dead-lettered (the dead letter's broker time), ISO 8601. */
  @Column({ name: 'dead_lettered_at', type: 'varchar', length: 30 })
  deadLetteredAt!: string;
}
