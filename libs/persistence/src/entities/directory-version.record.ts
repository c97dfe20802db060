import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One version of the directory of competent authorities, as imported: never changed, so what a
 * process was checked against can be read again. The newest version is the directory in force.
 */
@Entity({ name: 'directory_versions' })
export class DirectoryVersionRecord {
  @PrimaryColumn({ type: 'integer' })
  version!: number;

  /** The directory as JSON (domain `directoryContent`). */
  @Column({ type: 'text' })
  content!: string;

  /** SHA-256 of `content`, so an export can be compared with what was imported. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'imported_by', type: 'varchar', length: 200 })
  importedBy!: string;

  @Column({ name: 'imported_at', type: 'varchar', length: 30 })
  importedAt!: string;

  /** Why it was imported, in the importer's words. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;
}
