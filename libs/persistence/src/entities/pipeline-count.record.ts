import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many processes are in each stage of each type, and how many of them are overdue: kept up
 * to date by the projection as processes move, so the pipeline reads a few dozen rows instead of
 * counting every process.
 */
@Entity({ name: 'pipeline_counts' })
export class PipelineCountRecord {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  type!: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  stage!: string;

  @Column({ type: 'integer' })
  processes!: number;

  @Column({ type: 'integer' })
  overdue!: number;
}
