import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The statistics facts of each process (FATF R.33 / IO.2), indexed for period and type queries. */
export class ProcessStatistics1733300000000 implements MigrationInterface {
  name = 'ProcessStatistics1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'process_statistics',
        columns: [
          { name: 'process_id', type: 'varchar', length: '120', isPrimary: true },
          { name: 'type', type: 'varchar', length: '60' },
          { name: 'legal_basis', type: 'varchar', length: '60' },
          { name: 'offence', type: 'varchar', length: '60', isNullable: true },
          { name: 'requesting_state', type: 'varchar', length: '2', isNullable: true },
          { name: 'requested_state', type: 'varchar', length: '2', isNullable: true },
          { name: 'opened_at', type: 'varchar', length: '30' },
          { name: 'acknowledged_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'decided_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'finished_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'outcome', type: 'varchar', length: '20', isNullable: true },
          { name: 'refusal_ground', type: 'varchar', length: '80', isNullable: true },
          { name: 'within_deadline', type: 'boolean', isNullable: true },
          { name: 'counts', type: 'text' },
          { name: 'assets', type: 'text' },
          { name: 'last_sequence', type: 'integer' },
          { name: 'last_ground', type: 'varchar', length: '80', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'idx_process_statistics_opened', columnNames: ['opened_at'] }),
          new TableIndex({ name: 'idx_process_statistics_type_opened', columnNames: ['type', 'opened_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('process_statistics');
  }
}
