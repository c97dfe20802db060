import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Agencies' tasks (open and closed) and cases, projected from process events. */
export class TasksAndCases1733500000000 implements MigrationInterface {
  name = 'TasksAndCases1733500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'tasks',
        columns: [
          { name: 'task_id', type: 'varchar', length: '200', isPrimary: true },
          { name: 'process_id', type: 'varchar', length: '120' },
          { name: 'process_type', type: 'varchar', length: '60' },
          { name: 'agency_id', type: 'varchar', length: '120' },
          { name: 'party', type: 'varchar', length: '40' },
          { name: 'stage', type: 'varchar', length: '60' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'assigned_at', type: 'varchar', length: '30' },
          { name: 'due_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'closed_at', type: 'varchar', length: '30', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'idx_tasks_agency', columnNames: ['agency_id', 'status', 'assigned_at'] }),
          new TableIndex({ name: 'idx_tasks_process', columnNames: ['process_id', 'status'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cases',
        columns: [
          { name: 'case_id', type: 'varchar', length: '120', isPrimary: true },
          { name: 'handling_code', type: 'varchar', length: '2' },
          { name: 'processes', type: 'integer' },
          { name: 'open_processes', type: 'integer' },
          { name: 'first_event_at', type: 'varchar', length: '30' },
          { name: 'last_event_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('cases');
    await queryRunner.dropTable('tasks');
  }
}
