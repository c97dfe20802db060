import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Sorts after every real due date, so processes without a deadline come last. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/**
 * One row per process: its latest known state, projected from process events.
 * Instants are ISO-8601 UTC strings: the same column type on SQLite and PostgreSQL, and they
 * sort chronologically as text.
 */
@Entity({ name: 'processes' })
@Index('idx_processes_pipeline', ['type', 'stage', 'updatedAt'])
@Index('idx_processes_order', ['priorityRank', 'nextDueAt', 'id'])
@Index('idx_processes_awaiting', ['awaitingAgency', 'priorityRank', 'nextDueAt'])
export class ProcessRecord {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  type!: string;

  @Column({ type: 'varchar', length: 60 })
  stage!: string;

  @Column({ type: 'boolean' })
  terminal!: boolean;

  @Index('idx_processes_case')
  @Column({ name: 'case_id', type: 'varchar', length: 120, nullable: true })
  caseId!: string | null;

  /** The coded offence (see Offences in libs/domain); null when none was given. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  offence!: string | null;

  @Column({ name: 'legal_basis', type: 'varchar', length: 60 })
  legalBasis!: string;

  @Column({ type: 'varchar', length: 10 })
  priority!: string;

  @Column({ name: 'handling_code', type: 'varchar', length: 2 })
  handlingCode!: string;

  @Column({ type: 'simple-json' })
  parties!: Record<string, { agencyId: string; state: string }>;

  /** 0 urgent, 1 high, 2 normal: lists order by priority, then by time left. */
  @Column({ name: 'priority_rank', type: 'integer' })
  priorityRank!: number;

  /** The earliest due date of a running or expired deadline; NO_DEADLINE when there is none. */
  @Column({ name: 'next_due_at', type: 'varchar', length: 30 })
  nextDueAt!: string;

  @Column({ type: 'boolean' })
  overdue!: boolean;

  /** The agency whose action the process waits for; null when it waits for none (or has ended). */
  @Column({ name: 'awaiting_agency', type: 'varchar', length: 120, nullable: true })
  awaitingAgency!: string | null;

  @Column({ type: 'simple-json' })
  deadlines!: { id: string; label: string; startedAt: string; dueAt: string; status: string }[];

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence!: number;

  @Column({ name: 'started_at', type: 'varchar', length: 30 })
  startedAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
