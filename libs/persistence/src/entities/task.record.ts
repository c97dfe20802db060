import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per task the workflow addressed to an agency: opened when a process enters a stage that
 * awaits a party, closed when it leaves it. Its id is the one the task event carried
 * (`<process id>:<sequence>:task`), derived from the process event that opened it.
 */
@Entity({ name: 'tasks' })
@Index('idx_tasks_agency', ['agencyId', 'status', 'assignedAt'])
@Index('idx_tasks_process', ['processId', 'status'])
export class TaskRecord {
  @PrimaryColumn({ name: 'task_id', type: 'varchar', length: 200 })
  taskId!: string;

  @Column({ name: 'process_id', type: 'varchar', length: 120 })
  processId!: string;

  @Column({ name: 'process_type', type: 'varchar', length: 60 })
  processType!: string;

  @Column({ name: 'agency_id', type: 'varchar', length: 120 })
  agencyId!: string;

  @Column({ type: 'varchar', length: 40 })
  party!: string;

  @Column({ type: 'varchar', length: 60 })
  stage!: string;

  /** open | closed */
  @Column({ type: 'varchar', length: 10 })
  status!: string;

  @Column({ name: 'assigned_at', type: 'varchar', length: 30 })
  assignedAt!: string;

  /** The earliest running deadline when the task was opened; null when none ran. */
  @Column({ name: 'due_at', type: 'varchar', length: 30, nullable: true })
  dueAt!: string | null;

  @Column({ name: 'closed_at', type: 'varchar', length: 30, nullable: true })
  closedAt!: string | null;
}
