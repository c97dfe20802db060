import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Documents of processes (where their encrypted bytes are, what was checked) and their chain of custody. */
export class Documents1734200000000 implements MigrationInterface {
  name = 'Documents1734200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number, isNullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
    });
    await queryRunner.createTable(
      new Table({
        name: 'documents',
        columns: [
          { ...text('document_id', 40), isPrimary: true },
          text('process_id', 200),
          text('kind', 30),
          { name: 'name', type: 'text' },
          text('media_type', 127),
          text('language', 2, true),
          { name: 'size', type: 'bigint' },
          { name: 'part_size', type: 'integer' },
          text('declared_sha256', 64, true),
          text('sha256', 64, true),
          text('status', 16),
          text('problem', 500, true),
          text('object_key', 200),
          text('upload_id', 400, true),
          text('etag', 200, true),
          { name: 'data_key', type: 'text' },
          { name: 'seal', type: 'text', isNullable: true },
          text('uploaded_by_user', 200),
          text('uploaded_by_role', 20),
          text('uploaded_by_agency', 64, true),
          text('created_at', 30),
          text('updated_at', 30),
        ],
      }),
    );
    await queryRunner.createIndex(
      'documents',
      new TableIndex({ name: 'idx_documents_process', columnNames: ['process_id', 'created_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'document_custody',
        columns: [
          { ...text('document_id', 40), isPrimary: true },
          { name: 'sequence', type: 'integer', isPrimary: true },
          text('event', 30),
          text('actor_user', 200),
          text('actor_role', 20),
          text('actor_agency', 64, true),
          text('at', 30),
          { name: 'detail', type: 'text' },
          text('previous_hash', 64),
          text('key_id', 100),
          text('hash', 64),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('document_custody');
    await queryRunner.dropTable('documents');
  }
}
