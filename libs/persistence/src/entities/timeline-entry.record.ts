import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OffChannelStep } from '@comity/domain';
import { sealedColumn } from '../sealed-columns';

/** One row per process event; its id makes projecting the same event twice a no-op. */
@Entity({ name: 'timeline' })
@Index('idx_timeline_process_sequence', ['processId', 'sequence'], { unique: true })
export class TimelineEntryRecord {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 160 })
  eventId!: string;

  @Column({ name: 'process_id', type: 'varchar', length: 120 })
  processId!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ name: 'event_type', type: 'varchar', length: 120 })
  eventType!: string;

  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ name: 'from_stage', type: 'varchar', length: 60, nullable: true })
  fromStage!: string | null;

  @Column({ type: 'varchar', length: 60 })
  stage!: string;

  /** Sealed: who acted is personal data. */
  @Column({
    name: 'actor_user',
    type: 'simple-json',
    transformer: sealedColumn('timeline.actor_user', (code) => `(unreadable: ${code})`),
  })
  actorUser!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole!: string;

  @Column({ name: 'actor_agency', type: 'varchar', length: 120, nullable: true })
  actorAgency!: string | null;

  /** Sealed: the action's payload (names, documents, what the evidence says). */
  @Column({ type: 'simple-json', transformer: sealedColumn('timeline.payload') })
  payload!: object;

  /** Sealed: the signed answer the event came from (`{kid, jws}`, the JWS holds the payload), when an agency sent it. */
  @Column({ type: 'simple-json', nullable: true, transformer: sealedColumn('timeline.evidence') })
  evidence!: { kid: string; jws: string } | null;

  /**
   * Sealed: how and when the step was taken when it went outside Comity (by post, through the
   * diplomatic channel; the domain's OffChannelStep), its reference and scans; null otherwise.
   */
  @Column({
    name: 'off_channel',
    type: 'simple-json',
    nullable: true,
    transformer: sealedColumn('timeline.off_channel'),
  })
  offChannel!: OffChannelStep | null;

  @Column({ name: 'occurred_at', type: 'varchar', length: 30 })
  occurredAt!: string;

  /** This event's link of the process's audit chain, as the workflow computed it. */
  @Column({ name: 'audit_previous_hash', type: 'varchar', length: 64, nullable: true })
  auditPreviousHash!: string | null;

  @Column({ name: 'audit_hash', type: 'varchar', length: 64, nullable: true })
  auditHash!: string | null;
}
