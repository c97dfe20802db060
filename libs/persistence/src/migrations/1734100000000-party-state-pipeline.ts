import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A board narrowed to a state (requests sent to it and from it) counted from the party rows of that
 * state, one index range, as an agency's is from its own rows, instead of by visiting every process.
 */
export class PartyStatePipeline1734100000000 implements MigrationInterface {
  name = 'PartyStatePipeline1734100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'process_parties',
      new TableIndex({
        name: 'idx_process_parties_state',
        columnNames: ['state', 'type', 'stage', 'overdue', 'updated_at', 'process_id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('process_parties', 'idx_process_parties_state');
  }
}
