import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The agency registry: agencies and the public keys they sign their answers with; and on the
 * timeline, the signed answer each event came from.
 */
export class AgencyRegistry1733800000000 implements MigrationInterface {
  name = 'AgencyRegistry1733800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('timeline', new TableColumn({ name: 'evidence', type: 'text', isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'agencies',
        columns: [
          { name: 'agency_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'state', type: 'varchar', length: '2' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'registered_at', type: 'varchar', length: '30' },
          { name: 'updated_at', type: 'varchar', length: '30' },
          { name: 'credential_issued_at', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'agency_keys',
        columns: [
          { name: 'agency_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'kid', type: 'varchar', length: '100', isPrimary: true },
          { name: 'algorithm', type: 'varchar', length: '10' },
          { name: 'public_jwk', type: 'text' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'added_at', type: 'varchar', length: '30' },
          { name: 'revoked_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'seal', type: 'text' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('agency_keys');
    await queryRunner.dropTable('agencies');
    await queryRunner.dropColumn('timeline', 'evidence');
  }
}
