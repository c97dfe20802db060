import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Processes and their timeline. Written with TypeORM's schema builder so it runs on SQLite and PostgreSQL alike. */
export class ReadModel1732800000000 implements MigrationInterface {
  name = 'ReadModel1732800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'processes',
        columns: [
          { name: 'id', type: 'varchar', length: '120', isPrimary: true },
          { name: 'type', type: 'varchar', length: '60' },
          { name: 'stage', type: 'varchar', length: '60' },
          { name: 'terminal', type: 'boolean' },
          { name: 'case_id', type: 'varchar', length: '120', isNullable: true },
          { name: 'legal_basis', type: 'varchar', length: '60' },
          { name: 'priority', type: 'varchar', length: '10' },
          { name: 'handling_code', type: 'varchar', length: '2' },
          { name: 'parties', type: 'text' },
          { name: 'last_sequence', type: 'integer' },
          { name: 'started_at', type: 'varchar', length: '30' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
        indices: [
          new TableIndex({ name: 'idx_processes_type_stage', columnNames: ['type', 'stage'] }),
          new TableIndex({ name: 'idx_processes_case', columnNames: ['case_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'timeline',
        columns: [
          { name: 'event_id', type: 'varchar', length: '160', isPrimary: true },
          { name: 'process_id', type: 'varchar', length: '120' },
          { name: 'sequence', type: 'integer' },
          { name: 'event_type', type: 'varchar', length: '120' },
          { name: 'action', type: 'varchar', length: '60' },
          { name: 'from_stage', type: 'varchar', length: '60', isNullable: true },
          { name: 'stage', type: 'varchar', length: '60' },
          { name: 'actor_user', type: 'varchar', length: '120' },
          { name: 'actor_role', type: 'varchar', length: '20' },
          { name: 'actor_agency', type: 'varchar', length: '120', isNullable: true },
          { name: 'payload', type: 'text' },
          { name: 'occurred_at', type: 'varchar', length: '30' },
        ],
        indices: [
          new TableIndex({
            name: 'idx_timeline_process_sequence',
            columnNames: ['process_id', 'sequence'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('timeline');
    await queryRunner.dropTable('processes');
  }
}
