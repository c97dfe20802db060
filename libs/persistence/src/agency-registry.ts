import type { DataSource } from 'typeorm';
import { sealHolds, sealKey, type InstallationKey, type VerificationKey } from '@comity/auth';
import { AgencyKeyRecord, AgencyRecord } from './entities/agency.record';

export type AgencyStatus = 'active' | 'suspended';

export interface AgencyRegistration {
  readonly agencyId: string;
  readonly name: string;
  readonly state: string;
}

export interface NewAgencyKey {
  readonly kid: string;
  readonly algorithm: string;
  /** The public JWK, already checked to be a public key of `algorithm`. */
  readonly publicJwk: Record<string, unknown>;
}

export class RegistryConflictError extends Error {
  override readonly name = 'RegistryConflictError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The agency registry's records (tables `agencies` and `agency_keys`): who the agencies are and the
 * keys they sign their answers with. Every key row is sealed by the installation when written; a
 * row whose seal does not hold is not trusted (docs/security.md, "database operator").
 */
export class AgencyRegistry {
  constructor(
    private readonly dataSource: DataSource,
    /** The installation's sealing keys (registrySealingKeys); the first seals, any verifies. */
    private readonly sealing: readonly InstallationKey[],
  ) {}

  private get agencies() {
    return this.dataSource.getRepository(AgencyRecord);
  }

  private get keyRows() {
    return this.dataSource.getRepository(AgencyKeyRecord);
  }

  /** Registers an agency, or updates its name and state; answers whether it is new. */
  async register(registration: AgencyRegistration, now = new Date().toISOString()) {
    const existing = await this.agencies.findOneBy({ agencyId: registration.agencyId });
    const record = existing
      ? { ...existing, name: registration.name, state: registration.state, updatedAt: now }
      : {
          ...registration,
          status: 'active',
          registeredAt: now,
          updatedAt: now,
          credentialIssuedAt: null,
        };
    await this.agencies.save(record);
    return { record: record as AgencyRecord, created: !existing };
  }

  get(agencyId: string): Promise<AgencyRecord | null> {
    return this.agencies.findOneBy({ agencyId });
  }

  list(): Promise<AgencyRecord[]> {
    return this.agencies.find({ order: { agencyId: 'ASC' } });
  }

  async setStatus(agencyId: string, status: AgencyStatus, now = new Date().toISOString()): Promise<void> {
    await this.agencies.update({ agencyId }, { status, updatedAt: now });
  }

  async credentialIssued(agencyId: string, now = new Date().toISOString()): Promise<void> {
    await this.agencies.update({ agencyId }, { credentialIssuedAt: now, updatedAt: now });
  }

  /** Every key of the agency, with whether its seal holds. */
  async keys(agencyId: string): Promise<(AgencyKeyRecord & { sealed: boolean })[]> {
    const rows = await this.keyRows.find({ where: { agencyId }, order: { addedAt: 'ASC', kid: 'ASC' } });
    return Promise.all(rows.map(async (row) => ({ ...row, sealed: await sealHolds(row, this.sealing) })));
  }

  async addKey(agencyId: string, key: NewAgencyKey, now = new Date().toISOString()): Promise<AgencyKeyRecord> {
    if (await this.keyRows.findOneBy({ agencyId, kid: key.kid })) {
      throw new RegistryConflictError('KEY_EXISTS', `agency '${agencyId}' already has a key '${key.kid}'`);
    }
    const fields = {
      agencyId,
      kid: key.kid,
      algorithm: key.algorithm,
      publicJwk: JSON.stringify(key.publicJwk),
      status: 'active',
      revokedAt: null,
    };
    const row = { ...fields, addedAt: now, seal: await this.seal(fields) };
    await this.keyRows.insert(row);
    return row;
  }

  /** Revokes a key for good: answers signed with it are refused from now on. */
  async revokeKey(agencyId: string, kid: string, now = new Date().toISOString()): Promise<AgencyKeyRecord | null> {
    const row = await this.keyRows.findOneBy({ agencyId, kid });
    if (!row) return null;
    if (row.status === 'revoked') return row;
    const revoked = { ...row, status: 'revoked', revokedAt: now };
    revoked.seal = await this.seal(revoked);
    await this.keyRows.save(revoked);
    return revoked;
  }

  /**
   * The keys that may verify the agency's answers now: active, sealed by this installation, of an
   * active agency. None for an agency that is unknown or suspended.
   */
  async verificationKeys(agencyId: string): Promise<VerificationKey[]> {
    const agency = await this.get(agencyId);
    if (agency?.status !== 'active') return [];
    const rows = await this.keys(agencyId);
    return rows
      .filter((row) => row.status === 'active' && row.sealed)
      .map((row) => ({ kid: row.kid, algorithm: row.algorithm, publicJwk: JSON.parse(row.publicJwk) as never }));
  }

  private seal(fields: Parameters<typeof sealKey>[0]): Promise<string> {
    const key = this.sealing[0];
    if (!key) throw new Error('the registry has no sealing key (COMITY_ACTION_KEYS)');
    return sealKey(fields, key);
  }
}

/** Verification keys by agency, read from the registry at most once per `cacheMs` per agency. */
export class CachedAgencyKeys {
  private readonly cache = new Map<string, { at: number; keys: Promise<VerificationKey[]> }>();

  constructor(
    private readonly registry: Pick<AgencyRegistry, 'verificationKeys'>,
    private readonly cacheMs: number,
  ) {}

  keysOf(agencyId: string): Promise<VerificationKey[]> {
    const hit = this.cache.get(agencyId);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.keys;
    const keys = this.registry.verificationKeys(agencyId);
    this.cache.set(agencyId, { at: Date.now(), keys });
    keys.catch(() => this.cache.delete(agencyId));
    return keys;
  }
}
