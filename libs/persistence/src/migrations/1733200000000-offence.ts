import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The coded offence a process is about; null for processes started without one. */
export class Offence1733200000000 implements MigrationInterface {
  name = 'Offence1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'processes',
      new TableColumn({ name: 'offence', type: 'varchar', length: '60', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('processes', 'offence');
  }
}
