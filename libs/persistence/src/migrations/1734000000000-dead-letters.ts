import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Dead-lettered messages, for the incidents view: where each came from, the check it failed, why. */
export class DeadLetters1734000000000 implements MigrationInterface {
  name = 'DeadLetters1734000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'dead_letters',
        columns: [
          { name: 'id', type: 'varchar', length: '320', isPrimary: true },
          { name: 'original_topic', type: 'varchar', length: '249', isNullable: true },
          { name: 'agency_id', type: 'varchar', length: '120', isNullable: true },
          { name: 'message_key', type: 'varchar', length: '200', isNullable: true },
          { name: 'failed_check', type: 'varchar', length: '40' },
          { name: 'code', type: 'varchar', length: '80', isNullable: true },
          { name: 'reason', type: 'varchar', length: '1000' },
          { name: 'dead_lettered_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'dead_letters',
      new TableIndex({ name: 'idx_dead_letters_time', columnNames: ['dead_lettered_at', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('dead_letters');
  }
}
