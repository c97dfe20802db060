import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The agency a process waits for: the agencies' task inboxes. */
export class AwaitingAgency1733000000000 implements MigrationInterface {
  name = 'AwaitingAgency1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'processes',
      new TableColumn({ name: 'awaiting_agency', type: 'varchar', length: '120', isNullable: true }),
    );
    await queryRunner.createIndex(
      'processes',
      new TableIndex({
        name: 'idx_processes_awaiting',
        columnNames: ['awaiting_agency', 'priority_rank', 'next_due_at'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('processes', 'idx_processes_awaiting');
    await queryRunner.dropColumn('processes', 'awaiting_agency');
  }
}
