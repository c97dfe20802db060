import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ComityConfig } from '@comity/config';
import { agencyAnswersTopic, agencyTasksTopic } from '@comity/events';
import {
  RegistrarNotConfiguredError,
  agencyGroupPrefix,
  agencyPrincipal,
  provisionAgencyChannel,
  setAgencyCredential,
} from '@comity/kafka';
import {
  RegistryConflictError,
  type AgencyKeyRecord,
  type AgencyRecord,
  type AgencyRegistry,
} from '@comity/persistence';
import { ClientError, ServiceUnavailable, notFound } from '../http/api-error';
import { AGENCY_REGISTRY, CONFIG } from '../infrastructure/tokens';
import type { Agency } from '@comity/api-contract';
import type { AddAgencyKeyBody, RegisterAgencyBody } from './agency-requests.dto';

/**
 * The agency registry: registering an agency provisions its channel on the broker (its own task
 * and answer topics and the grants on them), issuing a credential sets its broker password, and
 * its keys verify the answers it signs. See docs/agencies.md.
 */
@Injectable()
export class AgenciesService {
  constructor(
    @Inject(CONFIG) private readonly config: ComityConfig,
    @Inject(AGENCY_REGISTRY) private readonly registry: AgencyRegistry,
  ) {}

  async register(agencyId: string, body: RegisterAgencyBody): Promise<{ view: Agency; created: boolean }> {
    // The channel first: a registration the broker could not provision is not recorded (PUT again).
    await this.onBroker(() => provisionAgencyChannel(this.config.kafka, agencyId));
    const { created } = await this.registry.register({ agencyId, ...body });
    return { view: await this.view(agencyId), created };
  }

  async list(): Promise<Agency[]> {
    const records = await this.registry.list();
    return Promise.all(records.map((record) => this.viewOf(record)));
  }

  async view(agencyId: string): Promise<Agency> {
    return this.viewOf(await this.known(agencyId));
  }

  async addKey(agencyId: string, body: AddAgencyKeyBody) {
    await this.known(agencyId);
    const algorithm = body.jwk.kty === 'OKP' ? 'EdDSA' : 'ES256';
    try {
      await this.registry.addKey(agencyId, { kid: body.kid, algorithm, publicJwk: body.jwk });
    } catch (err) {
      if (err instanceof RegistryConflictError) throw new ClientError(409, err.code, err.message);
      throw err;
    }
    return this.keyView(agencyId, body.kid);
  }

  async revokeKey(agencyId: string, kid: string) {
    await this.known(agencyId);
    if (!(await this.registry.revokeKey(agencyId, kid))) {
      throw notFound('KEY_NOT_FOUND', `agency '${agencyId}' has no key '${kid}'`);
    }
    return this.keyView(agencyId, kid);
  }

  /** A new broker password for the agency, replacing any earlier one; shown once. */
  async issueCredential(agencyId: string) {
    const agency = await this.known(agencyId);
    if (agency.status !== 'active') {
      throw new ClientError(409, 'AGENCY_SUSPENDED', `agency '${agencyId}' is suspended; reactivate it first`);
    }
    const password = randomBytes(32).toString('base64url');
    await this.onBroker(() => setAgencyCredential(this.config.kafka, agencyId, password));
    await this.registry.credentialIssued(agencyId);
    return {
      principal: agencyPrincipal(this.config.kafka, agencyId),
      mechanism: 'SCRAM-SHA-512' as const,
      password,
      brokers: this.config.kafka.brokers,
    };
  }

  /** Suspends an agency: its broker credential is removed and its answers are refused until reactivated. */
  async suspend(agencyId: string): Promise<Agency> {
    await this.known(agencyId);
    await this.onBroker(() => setAgencyCredential(this.config.kafka, agencyId, undefined));
    await this.registry.setStatus(agencyId, 'suspended');
    return this.view(agencyId);
  }

  /** Reactivates a suspended agency; it needs a new credential (POST .../credentials) to connect again. */
  async reactivate(agencyId: string): Promise<Agency> {
    await this.known(agencyId);
    await this.registry.setStatus(agencyId, 'active');
    return this.view(agencyId);
  }

  private async known(agencyId: string): Promise<AgencyRecord> {
    const agency = await this.registry.get(agencyId);
    if (!agency) throw notFound('AGENCY_NOT_FOUND', `no agency '${agencyId}' is registered`);
    return agency;
  }

  private async keyView(agencyId: string, kid: string) {
    const key = (await this.registry.keys(agencyId)).find((k) => k.kid === kid);
    if (!key) throw notFound('KEY_NOT_FOUND', `agency '${agencyId}' has no key '${kid}'`);
    return keyViewOf(key);
  }

  private async viewOf(record: AgencyRecord): Promise<Agency> {
    const { kafka } = this.config;
    return {
      agencyId: record.agencyId,
      name: record.name,
      state: record.state,
      status: record.status as Agency['status'],
      registeredAt: record.registeredAt,
      ...(record.credentialIssuedAt ? { credentialIssuedAt: record.credentialIssuedAt } : {}),
      channel: {
        principal: agencyPrincipal(kafka, record.agencyId),
        tasksTopic: agencyTasksTopic(kafka.topics, record.agencyId),
        answersTopic: agencyAnswersTopic(kafka.topics, record.agencyId),
        groupPrefix: agencyGroupPrefix(kafka, record.agencyId),
      },
      keys: (await this.registry.keys(record.agencyId)).map(keyViewOf),
    };
  }

  private async onBroker(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (err instanceof RegistrarNotConfiguredError)
        throw new ServiceUnavailable('REGISTRAR_NOT_CONFIGURED', err.message);
      const reason = err instanceof Error ? err.message : String(err);
      throw new ServiceUnavailable(
        'BROKER_UNAVAILABLE',
        `the broker did not provision the agency: ${reason.slice(0, 300)}`,
      );
    }
  }
}

function keyViewOf(key: AgencyKeyRecord & { sealed: boolean }) {
  return {
    kid: key.kid,
    algorithm: key.algorithm as 'EdDSA' | 'ES256',
    jwk: JSON.parse(key.publicJwk) as Record<string, unknown>,
    status: key.status as 'active' | 'revoked',
    addedAt: key.addedAt,
    ...(key.revokedAt ? { revokedAt: key.revokedAt } : {}),
    sealed: key.sealed,
  };
}
