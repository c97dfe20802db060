import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Which agency plays which party slot of a process: scopes what an agency may see. */
@Entity({ name: 'process_parties' })
@Index('idx_process_parties_agency', ['agencyId', 'processId'])
export class ProcessPartyRecord {
  @PrimaryColumn({ name: 'process_id', type: 'varchar', length: 120 })
  processId!: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  slot!: string;

  @Column({ name: 'agency_id', type: 'varchar', length: 120 })
  agencyId!: string;

  @Column({ type: 'varchar', length: 2 })
  state!: string;
}
