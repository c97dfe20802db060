import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { sealedColumn } from '../sealed-columns';

/** A whole number stored as bigint: PostgreSQL hands bigint back as text. */
const bigintNumber = { to: (value: number) => value, from: (stored: string | number) => Number(stored) };

/**
 * A document of a process: where its encrypted bytes are in the object store and what the
 * installation checked of them. Not a projection of events but a record of its own, kept by the
 * API (docs/documents.md); what a process shares of it is the claim check its attach-document
 * event carries.
 */
@Entity({ name: 'documents' })
@Index('idx_documents_process', ['processId', 'createdAt'])
export class DocumentRecord {
  @PrimaryColumn({ name: 'document_id', type: 'varchar', length: 40 })
  documentId!: string;

  @Column({ name: 'process_id', type: 'varchar', length: 200 })
  processId!: string;

  @Column({ type: 'varchar', length: 30 })
  kind!: string;

  /** The file's name as uploaded: it can name a person, so it is sealed. */
  @Column({ type: 'simple-json', transformer: sealedColumn('documents.name', (code) => `(unreadable: ${code})`) })
  name!: string;

  @Column({ name: 'media_type', type: 'varchar', length: 127 })
  mediaType!: string;

  /** The language it is in (ISO 639-1), when the uploader said; a translation always says. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  language!: string | null;

  /** Bytes of plain text. */
  @Column({ type: 'bigint', transformer: bigintNumber })
  size!: number;

  @Column({ name: 'part_size', type: 'integer' })
  partSize!: number;

  /** What the uploader said the SHA-256 is, if it said; a different hash is refused. */
  @Column({ name: 'declared_sha256', type: 'varchar', length: 64, nullable: true })
  declaredSha256!: string | null;

  /** The SHA-256 the installation computed of what it stored, once checked. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  /** uploading, scanning, available, quarantined, rejected or expired (deleted past its retention). */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** Why a document was quarantined, rejected or expired (a stable code, then what was found). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  problem!: string | null;

  @Column({ name: 'object_key', type: 'varchar', length: 200 })
  objectKey!: string;

  /** The object store's multipart upload, while the document is uploading. */
  @Column({ name: 'upload_id', type: 'varchar', length: 400, nullable: true })
  uploadId!: string | null;

  /** The stored object's entity tag once complete: a changed object has another. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  etag!: string | null;

  /**
   * The document's own AES-256 key, sealed with the installation's codec keys (envelope encryption);
   * null once destroyed, when the document expired (DocumentRecords.expire).
   */
  @Column({ name: 'data_key', type: 'simple-json', transformer: sealedColumn('documents.data_key') })
  dataKey!: string | null;

  /** The installation's detached JWS over the claim (domain sealedClaim), once checked. */
  @Column({ type: 'text', nullable: true })
  seal!: string | null;

  @Column({ name: 'uploaded_by_user', type: 'varchar', length: 200 })
  uploadedByUser!: string;

  @Column({ name: 'uploaded_by_role', type: 'varchar', length: 20 })
  uploadedByRole!: string;

  @Column({ name: 'uploaded_by_agency', type: 'varchar', length: 64, nullable: true })
  uploadedByAgency!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}

/**
 * One link of a document's chain of custody: uploaded, checked, sealed, quarantined, downloaded,
 * refused. Each link's hash covers the one before, so a link removed or changed breaks the chain.
 */
@Entity({ name: 'document_custody' })
export class DocumentCustodyRecord {
  @PrimaryColumn({ name: 'document_id', type: 'varchar', length: 40 })
  documentId!: string;

  @PrimaryColumn({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'varchar', length: 30 })
  event!: string;

  @Column({ name: 'actor_user', type: 'varchar', length: 200 })
  actorUser!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole!: string;

  @Column({ name: 'actor_agency', type: 'varchar', length: 64, nullable: true })
  actorAgency!: string | null;

  @Column({ type: 'varchar', length: 30 })
  at!: string;

  /** What happened, as JSON (a verdict, a refusal's code, the bytes sent). */
  @Column({ type: 'text' })
  detail!: string;

  @Column({ name: 'previous_hash', type: 'varchar', length: 64 })
  previousHash!: string;

  /** The custody key the hash was made with. */
  @Column({ name: 'key_id', type: 'varchar', length: 100 })
  keyId!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
