import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The versions of the directory of competent authorities. */
export class Directory1734300000000 implements MigrationInterface {
  name = 'Directory1734300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'directory_versions',
        columns: [
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'content', type: 'text' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'imported_by', type: 'varchar', length: '200' },
          { name: 'imported_at', type: 'varchar', length: '30' },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('directory_versions');
  }
}
