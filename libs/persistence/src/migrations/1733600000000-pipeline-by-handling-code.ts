import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The pipeline's counts per handling code too, so those whom a code hides processes from (auditors
 * and H3) get counts without them, still from the maintained rows. The table is rebuilt (its key
 * changes) and refilled from the processes.
 */
export class PipelineByHandlingCode1733600000000 implements MigrationInterface {
  name = 'PipelineByHandlingCode1733600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pipeline_counts');
    await queryRunner.createTable(countsTable(true));
    await queryRunner.query(
      `INSERT INTO pipeline_counts (type, stage, handling_code, processes, overdue)
       SELECT type, stage, handling_code, COUNT(*), SUM(CASE WHEN overdue THEN 1 ELSE 0 END)
       FROM processes GROUP BY type, stage, handling_code`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pipeline_counts');
    await queryRunner.createTable(countsTable(false));
    await queryRunner.query(
      `INSERT INTO pipeline_counts (type, stage, processes, overdue)
       SELECT type, stage, COUNT(*), SUM(CASE WHEN overdue THEN 1 ELSE 0 END) FROM processes GROUP BY type, stage`,
    );
  }
}

function countsTable(byHandlingCode: boolean): Table {
  return new Table({
    name: 'pipeline_counts',
    columns: [
      { name: 'type', type: 'varchar', length: '60', isPrimary: true },
      { name: 'stage', type: 'varchar', length: '60', isPrimary: true },
      ...(byHandlingCode ? [{ name: 'handling_code', type: 'varchar', length: '2', isPrimary: true }] : []),
      { name: 'processes', type: 'integer' },
      { name: 'overdue', type: 'integer' },
    ],
  });
}
