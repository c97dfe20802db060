import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The pipeline without counting every process (issue 6: p95 under 50 ms with 100,000 processes):
 * counts per type and stage kept by the projection; the oldest change per stage from an index on
 * (type, stage, updated_at), which replaces the one on (type, stage); and on each party row the
 * process's type, stage, overdue flag and last change, so an agency's pipeline is one index range.
 */
export class Pipeline1733400000000 implements MigrationInterface {
  name = 'Pipeline1733400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'processes',
      new TableIndex({ name: 'idx_processes_pipeline', columnNames: ['type', 'stage', 'updated_at'] }),
    );
    await queryRunner.dropIndex('processes', 'idx_processes_type_stage');
    await queryRunner.createTable(
      new Table({
        name: 'pipeline_counts',
        columns: [
          { name: 'type', type: 'varchar', length: '60', isPrimary: true },
          { name: 'stage', type: 'varchar', length: '60', isPrimary: true },
          { name: 'processes', type: 'integer' },
          { name: 'overdue', type: 'integer' },
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO pipeline_counts (type, stage, processes, overdue)
       SELECT type, stage, COUNT(*), SUM(CASE WHEN overdue THEN 1 ELSE 0 END) FROM processes GROUP BY type, stage`,
    );
    await queryRunner.addColumns('process_parties', [
      new TableColumn({ name: 'type', type: 'varchar', length: '60', isNullable: true }),
      new TableColumn({ name: 'stage', type: 'varchar', length: '60', isNullable: true }),
      new TableColumn({ name: 'overdue', type: 'boolean', isNullable: true }),
      new TableColumn({ name: 'updated_at', type: 'varchar', length: '30', isNullable: true }),
    ]);
    const of = (column: string) => `(SELECT p.${column} FROM processes p WHERE p.id = process_parties.process_id)`;
    await queryRunner.query(
      `UPDATE process_parties SET type = ${of('type')}, stage = ${of('stage')}, overdue = ${of('overdue')},
       updated_at = ${of('updated_at')}`,
    );
    await queryRunner.createIndex(
      'process_parties',
      new TableIndex({
        name: 'idx_process_parties_pipeline',
        columnNames: ['agency_id', 'type', 'stage', 'overdue', 'updated_at', 'process_id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('process_parties', 'idx_process_parties_pipeline');
    for (const column of ['updated_at', 'overdue', 'stage', 'type']) {
      await queryRunner.dropColumn('process_parties', column);
    }
    await queryRunner.dropTable('pipeline_counts');
    await queryRunner.createIndex(
      'processes',
      new TableIndex({ name: 'idx_processes_type_stage', columnNames: ['type', 'stage'] }),
    );
    await queryRunner.dropIndex('processes', 'idx_processes_pipeline');
  }
}
