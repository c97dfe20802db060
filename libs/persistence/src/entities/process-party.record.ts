import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Which agency plays which party slot of a process: scopes what an agency may see. It repeats the
 * process's type, stage, overdue flag and last change, so an agency's or a state's pipeline is read
 * from its own rows (one index range) rather than by visiting every process.
 */
@Entity({ name: 'process_parties' })
@Index('idx_process_parties_agency', ['agencyId', 'processId'])
@Index('idx_process_parties_pipeline', ['agencyId', 'type', 'stage', 'overdue', 'updatedAt', 'processId'])
@Index('idx_process_parties_state', ['state', 'type', 'stage', 'overdue', 'updatedAt', 'processId'])
export class ProcessPartyRecord {
  @PrimaryColumn({ name: 'process_id', type: 'varchar', length: 120 })
  processId!: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  slot!: string;

  @Column({ name: 'agency_id', type: 'varchar', length: 120 })
  agencyId!: string;

  @Column({ type: 'varchar', length: 2 })
  state!: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  type!: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  stage!: string | null;

  @Column({ type: 'boolean', nullable: true })
  overdue!: boolean | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 30, nullable: true })
  updatedAt!: string | null;
}
