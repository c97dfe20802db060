import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A registered agency: who it is, and whether it may use its channel. Not a projection of process
 * events but a record of its own (the registry), kept by the API; see docs/agencies.md.
 */
@Entity({ name: 'agencies' })
export class AgencyRecord {
  @PrimaryColumn({ name: 'agency_id', type: 'varchar', length: 64 })
  agencyId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 2 })
  state!: string;

  /** active, or suspended (its credential removed, its answers refused). */
  @Column({ type: 'varchar', length: 10 })
  status!: string;

  @Column({ name: 'registered_at', type: 'varchar', length: 30 })
  registeredAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  /** When its broker credential was last issued; null until it has one. */
  @Column({ name: 'credential_issued_at', type: 'varchar', length: 30, nullable: true })
  credentialIssuedAt!: string | null;
}

/**
 * A public key an agency signs its answers with. The installation seals each row (an Ed25519
 * signature over the row, with an action key), so a key written into the table by anyone else —
 * a database operator, say — is not trusted.
 */
@Entity({ name: 'agency_keys' })
export class AgencyKeyRecord {
  @PrimaryColumn({ name: 'agency_id', type: 'varchar', length: 64 })
  agencyId!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  kid!: string;

  /** The JWS algorithm: EdDSA (Ed25519) or ES256 (P-256). */
  @Column({ type: 'varchar', length: 10 })
  algorithm!: string;

  /** The public key as a JWK (JSON). */
  @Column({ name: 'public_jwk', type: 'text' })
  publicJwk!: string;

  /** active or revoked. */
  @Column({ type: 'varchar', length: 10 })
  status!: string;

  @Column({ name: 'added_at', type: 'varchar', length: 30 })
  addedAt!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt!: string | null;

  /** `<action key id>:<hex Ed25519 signature>` over the row's canonical JSON. */
  @Column({ type: 'text' })
  seal!: string;
}
