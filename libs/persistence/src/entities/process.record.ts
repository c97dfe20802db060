import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per process: its latest known state, projected from process events.
 * Instants are ISO-8601 UTC strings: the same column type on SQLite and PostgreSQL, and they
 * sort chronologically as text.
 */
@Entity({ name: 'processes' })
@Index('idx_processes_type_stage', ['type', 'stage'])
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

  @Column({ name: 'legal_basis', type: 'varchar', length: 60 })
  legalBasis!: string;

  @Column({ type: 'varchar', length: 10 })
  priority!: string;

  @Column({ name: 'handling_code', type: 'varchar', length: 2 })
  handlingCode!: string;

  @Column({ type: 'simple-json' })
  parties!: Record<string, { agencyId: string; state: string }>;

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence!: number;

  @Column({ name: 'started_at', type: 'varchar', length: 30 })
  startedAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
