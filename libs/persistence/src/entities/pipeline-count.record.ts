import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many processes are in each stage of each type (per handling code), and how many of them are overdue: kept up
 * to date by the projection as processes move, so the pipeline reads a few dozen rows instead of
 * counting every process.
 */
@Entity({ name: 'pipeline_counts' })
export class PipelineCountRecord {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  type!: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  stage!: string;

  /** Counted per handling code, so a code's processes can be left out for those it hides them from. */
  @PrimaryColumn({ name: 'handling_code', type: 'varchar', length: 2 })
  handlingCode!: string;

  @Column({ type: 'integer' })
  processes!: number;

  @Column({ type: 'integer' })
  overdue!: number;
}
