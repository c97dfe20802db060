import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Ordering by priority and time left, deadlines on the process row, and the parties table. */
export class ProcessOrderAndParties1732900000000 implements MigrationInterface {
  name = 'ProcessOrderAndParties1732900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('processes', [
      new TableColumn({ name: 'priority_rank', type: 'integer', default: 2 }),
      new TableColumn({ name: 'next_due_at', type: 'varchar', length: '30', default: "'9999-12-31T23:59:59.999Z'" }),
      new TableColumn({ name: 'overdue', type: 'boolean', default: false }),
      new TableColumn({ name: 'deadlines', type: 'text', default: "'[]'" }),
    ]);
    await queryRunner.createIndex(
      'processes',
      new TableIndex({ name: 'idx_processes_order', columnNames: ['priority_rank', 'next_due_at', 'id'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'process_parties',
        columns: [
          { name: 'process_id', type: 'varchar', length: '120', isPrimary: true },
          { name: 'slot', type: 'varchar', length: '40', isPrimary: true },
          { name: 'agency_id', type: 'varchar', length: '120' },
          { name: 'state', type: 'varchar', length: '2' },
        ],
        indices: [new TableIndex({ name: 'idx_process_parties_agency', columnNames: ['agency_id', 'process_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('process_parties');
    await queryRunner.dropIndex('processes', 'idx_processes_order');
    for (const column of ['deadlines', 'overdue', 'next_due_at', 'priority_rank']) {
      await queryRunner.dropColumn('processes', column);
    }
  }
}
