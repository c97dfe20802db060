import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Each timeline entry keeps its link of the process's audit chain. */
export class AuditChain1733100000000 implements MigrationInterface {
  name = 'AuditChain1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('timeline', [
      new TableColumn({ name: 'audit_previous_hash', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'audit_hash', type: 'varchar', length: '64', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('timeline', 'audit_hash');
    await queryRunner.dropColumn('timeline', 'audit_previous_hash');
  }
}
