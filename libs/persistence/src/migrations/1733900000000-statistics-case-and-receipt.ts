import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Statistics by case (GET /statistics?caseId=), and the moment the requested side received a
 * request, from which its timeliness counts. Rows folded before stay null: a projector rebuild
 * fills them in from the events.
 */
export class StatisticsCaseAndReceipt1733900000000 implements MigrationInterface {
  name = 'StatisticsCaseAndReceipt1733900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('process_statistics', [
      new TableColumn({ name: 'case_id', type: 'varchar', length: '120', isNullable: true }),
      new TableColumn({ name: 'received_at', type: 'varchar', length: '30', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'process_statistics',
      new TableIndex({ name: 'idx_process_statistics_case', columnNames: ['case_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('process_statistics', 'idx_process_statistics_case');
    await queryRunner.dropColumns('process_statistics', ['case_id', 'received_at']);
  }
}
