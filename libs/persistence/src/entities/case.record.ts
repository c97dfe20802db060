import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per case that has processes, from their events: how many it has, how many are still
 * open, and when its processes last moved. (A case's title lives in its workflow.)
 */
@Entity({ name: 'cases' })
export class CaseRecord {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 120 })
  caseId!: string;

  @Column({ name: 'handling_code', type: 'varchar', length: 2 })
  handlingCode!: string;

  @Column({ type: 'integer' })
  processes!: number;

  @Column({ name: 'open_processes', type: 'integer' })
  openProcesses!: number;

  @Column({ name: 'first_event_at', type: 'varchar', length: 30 })
  firstEventAt!: string;

  @Column({ name: 'last_event_at', type: 'varchar', length: 30 })
  lastEventAt!: string;
}
