import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The gateway's inbox (with each process's head) and outbox (docs/federation.md). */
export class FederationGateway1734500000000 implements MigrationInterface {
  name = 'FederationGateway1734500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'federation_inbox',
        columns: [
          { name: 'partner', type: 'varchar', length: '64', isPrimary: true },
          { name: 'message_id', type: 'varchar', length: '200', isPrimary: true },
          { name: 'process_id', type: 'varchar', length: '200' },
          { name: 'sequence', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '80' },
          { name: 'envelope_digest', type: 'varchar', length: '64' },
          { name: 'content_digest', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'body', type: 'text' },
          { name: 'signed_message', type: 'text' },
          { name: 'received_at', type: 'varchar', length: '30' },
          { name: 'evidence', type: 'text' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'federation_inbox',
      new TableIndex({ name: 'idx_federation_inbox_process', columnNames: ['partner', 'process_id', 'sequence'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'federation_inbox_heads',
        columns: [
          { name: 'partner', type: 'varchar', length: '64', isPrimary: true },
          { name: 'process_id', type: 'varchar', length: '200', isPrimary: true },
          { name: 'received_through', type: 'integer' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'federation_outbox',
        columns: [
          { name: 'message_id', type: 'varchar', length: '200', isPrimary: true },
          { name: 'partner', type: 'varchar', length: '64' },
          { name: 'process_id', type: 'varchar', length: '200' },
          { name: 'sequence', type: 'integer' },
          { name: 'content_digest', type: 'varchar', length: '64' },
          { name: 'envelope', type: 'text' },
          { name: 'envelope_digest', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'submission_evidence', type: 'text' },
          { name: 'answer_evidence', type: 'text', isNullable: true },
          { name: 'non_delivery_evidence', type: 'text', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'settled_at', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'federation_outbox',
      new TableIndex({ name: 'idx_federation_outbox_status', columnNames: ['status', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('federation_outbox');
    await queryRunner.dropTable('federation_inbox_heads');
    await queryRunner.dropTable('federation_inbox');
  }
}
