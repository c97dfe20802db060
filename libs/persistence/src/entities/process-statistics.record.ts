import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per process: the facts the FATF statistics aggregate (see StatisticsFacts in
 * libs/domain), folded from its events. Instants are ISO-8601 UTC strings, so figures can be taken
 * as of any moment by comparing text; amounts stay decimal strings inside `assets`.
 */
@Entity({ name: 'process_statistics' })
@Index('idx_process_statistics_opened', ['openedAt'])
@Index('idx_process_statistics_type_opened', ['type', 'openedAt'])
@Index('idx_process_statistics_case', ['caseId'])
export class ProcessStatisticsRecord {
  @PrimaryColumn({ name: 'process_id', type: 'varchar', length: 120 })
  processId!: string;

  @Column({ type: 'varchar', length: 60 })
  type!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 120, nullable: true })
  caseId!: string | null;

  @Column({ name: 'legal_basis', type: 'varchar', length: 60 })
  legalBasis!: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  offence!: string | null;

  @Column({ name: 'requesting_state', type: 'varchar', length: 2, nullable: true })
  requestingState!: string | null;

  @Column({ name: 'requested_state', type: 'varchar', length: 2, nullable: true })
  requestedState!: string | null;

  @Column({ name: 'opened_at', type: 'varchar', length: 30 })
  openedAt!: string;

  /** Null on rows folded before receipt was recorded: their timeliness counts from opening. */
  @Column({ name: 'received_at', type: 'varchar', length: 30, nullable: true })
  receivedAt!: string | null;

  @Column({ name: 'acknowledged_at', type: 'varchar', length: 30, nullable: true })
  acknowledgedAt!: string | null;

  @Column({ name: 'decided_at', type: 'varchar', length: 30, nullable: true })
  decidedAt!: string | null;

  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true })
  finishedAt!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome!: string | null;

  @Column({ name: 'refusal_ground', type: 'varchar', length: 80, nullable: true })
  refusalGround!: string | null;

  @Column({ name: 'within_deadline', type: 'boolean', nullable: true })
  withinDeadline!: boolean | null;

  /** Named count -> when the process first reached it. */
  @Column({ type: 'simple-json' })
  counts!: Record<string, string>;

  /** Asset movements: `{ at, figure, currency, amount }`, amount a decimal string. */
  @Column({ type: 'simple-json' })
  assets!: { at: string; figure: string; currency: string; amount: string }[];

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence!: number;

  @Column({ name: 'last_ground', type: 'varchar', length: 80, nullable: true })
  lastGround!: string | null;
}
