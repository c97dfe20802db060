import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Steps taken outside Comity (by post, through the diplomatic channel): the timeline keeps how and
 * when each was taken, which its audit link covers. Entries before stay null: none was.
 */
export class OffChannel1734400000000 implements MigrationInterface {
  name = 'OffChannel1734400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('timeline', new TableColumn({ name: 'off_channel', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('timeline', 'off_channel');
  }
}
