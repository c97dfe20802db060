import { Inject, Injectable } from '@nestjs/common';
import type { DirectoryResource } from '@comity/api-contract';
import type { ComityConfig } from '@comity/config';
import {
  competentAuthorities,
  findAuthority,
  definitionOf,
  directoryContent,
  processTypes,
  requirementsFor,
  stateOf,
  unmetOnSending,
  type Actor,
  type DirectoryContent,
  type PartyBinding,
  type ProcessSnapshot,
} from '@comity/domain';
import {
  DirectoryChangedError,
  type AgencyRegistry,
  type DirectoryVersion,
  type DirectoryVersions,
} from '@comity/persistence';
import { ClientError, notFound, validationFailed } from '../http/api-error';
import { AGENCY_REGISTRY, CONFIG, DIRECTORY_VERSIONS } from '../infrastructure/tokens';
import type { CompetentQuery, ImportDirectoryBody } from './directory-requests.dto';

const EMPTY: DirectoryContent = { states: [] };

interface InForce {
  readonly version: number;
  readonly content: DirectoryContent;
  readonly record?: DirectoryVersion;
}

/** A party as a start request names it: its state, and its agency unless the directory is to find it. */
export interface NamedParty {
  readonly agencyId?: string;
  readonly state: string;
}

/**
 * The directory of competent authorities (docs/directory.md): its versions, imported whole and
 * never changed; which authority is competent; and the two checks the directory makes on
 * processes — at the start (each party is an authority competent for the process, found when the
 * request names only its state) and before a request is sent (what the receiving authority
 * requires is carried).
 */
@Injectable()
export class DirectoryService {
  constructor(
    @Inject(DIRECTORY_VERSIONS) private readonly versions: DirectoryVersions,
    @Inject(CONFIG) private readonly config: ComityConfig,
    @Inject(AGENCY_REGISTRY) private readonly agencies: AgencyRegistry,
  ) {}

  /** Whether the agency answers through Comity's agency channel: registered here and active. */
  private async onAgencyChannel(agencyId: string): Promise<boolean> {
    return (await this.agencies.get(agencyId))?.status === 'active';
  }

  /** The directory in force, as stored (it was checked when imported), read again after COMITY_REGISTRY_CACHE_MS. */
  async inForce(): Promise<InForce> {
    if (this.cached && Date.now() - this.cached.at <= this.config.registry.cacheMs) return this.cached.value;
    const record = await this.versions.current();
    const value: InForce = record
      ? { version: record.version, content: record.content as DirectoryContent, record }
      : { version: 0, content: EMPTY };
    this.cached = { at: Date.now(), value };
    return value;
  }

  private cached: { readonly at: number; readonly value: InForce } | undefined;

  /**
   * Whether the action may send a request somewhere the directory sets requirements (it moves a
   * process of some type into a stage that awaits a party): only then is the process read first.
   */
  async maySend(action: string): Promise<boolean> {
    const { content } = await this.inForce();
    if (!content.states.some((s) => s.authorities.some((a) => a.requirements.length))) return false;
    return processTypes.some((type) => {
      const { actions, states } = definitionOf(type);
      const to = actions[action]?.to;
      return to !== undefined && states[to]?.awaiting !== undefined;
    });
  }

  async current(): Promise<DirectoryResource> {
    const { version, content, record } = await this.inForce();
    return this.resource(version, content, record);
  }

  async version(version: number): Promise<DirectoryResource> {
    const record = await this.versions.version(version);
    if (!record) throw notFound('DIRECTORY_VERSION_NOT_FOUND', `no directory version ${version}`);
    return this.resource(version, record.content as DirectoryContent, record);
  }

  list() {
    return this.versions.list().then((items) => ({ items }));
  }

  async import(body: ImportDirectoryBody, actor: Actor): Promise<DirectoryResource> {
    const checked = directoryContent.safeParse({ states: body.states });
    if (!checked.success) {
      throw validationFailed(checked.error.issues.map((i) => `body.${i.path.join('.')}: ${i.message}`));
    }
    try {
      const added = await this.versions.add(checked.data, body.basedOn, actor.userId, body.note);
      this.cached = undefined;
      return this.resource(added.version, checked.data, added);
    } catch (err) {
      if (err instanceof DirectoryChangedError) {
        throw new ClientError(409, 'DIRECTORY_CHANGED', `the directory changed: it is at version ${err.current}`, [
          `body.basedOn: ${body.basedOn}; read version ${err.current} and import again`,
        ]);
      }
      throw err;
    }
  }

  async competent(query: CompetentQuery) {
    const { version, content } = await this.inForce();
    const items = competentAuthorities(content, query.state, query.processType, query.legalBasis).map((authority) => ({
      state: query.state,
      authority,
      requirements: requirementsFor(authority, query.processType, query.legalBasis),
    }));
    return { version, items };
  }

  /**
   * Each party of a process about to start, bound to an authority: where the directory covers the
   * party's state, a named agency must be competent for the type under the instrument, and one not
   * named is the state's one competent authority. A state the directory does not cover keeps the
   * agency named (or is refused, with COMITY_DIRECTORY_REQUIRED=true). With the directory's
   * version, which the process keeps (0: none was in force).
   */
  async resolveParties(
    type: string,
    legalBasis: string,
    parties: Readonly<Record<string, NamedParty>>,
  ): Promise<{ readonly parties: Record<string, PartyBinding>; readonly version: number }> {
    const { version, content } = await this.inForce();
    const resolved: Record<string, PartyBinding> = {};
    for (const [slot, party] of Object.entries(parties)) {
      const field = `body.parties.${slot}`;
      const where = `${type} under ${legalBasis} in ${party.state}`;
      if (!stateOf(content, party.state)) {
        if (this.config.directoryRequired) {
          throw new ClientError(
            409,
            'STATE_NOT_IN_DIRECTORY',
            `the directory (version ${version}) has no ${party.state}`,
            [`${field}.state: no authority of ${party.state} is in the directory`],
          );
        }
        if (!party.agencyId) {
          throw new ClientError(409, 'NO_COMPETENT_AUTHORITY', `the directory has no authority for ${where}`, [
            `${field}.agencyId: required where the directory does not cover ${party.state}`,
          ]);
        }
        resolved[slot] = { agencyId: party.agencyId, state: party.state };
        continue;
      }
      const competent = competentAuthorities(content, party.state, type, legalBasis).map((a) => a.id);
      if (party.agencyId && !competent.includes(party.agencyId)) {
        throw new ClientError(409, 'AUTHORITY_NOT_COMPETENT', `'${party.agencyId}' is not competent for ${where}`, [
          `${field}.agencyId: competent for ${where}: ${competent.join(', ') || 'none'} (directory version ${version})`,
        ]);
      }
      if (!party.agencyId && competent.length !== 1) {
        throw new ClientError(
          409,
          competent.length ? 'AUTHORITY_AMBIGUOUS' : 'NO_COMPETENT_AUTHORITY',
          competent.length
            ? `several authorities are competent for ${where}`
            : `no authority is competent for ${where}`,
          [`${field}.agencyId: ${competent.length ? `name one of ${competent.join(', ')}` : 'none in the directory'}`],
        );
      }
      resolved[slot] = { agencyId: party.agencyId ?? competent[0]!, state: party.state };
    }
    return { parties: resolved, version };
  }

  /**
   * Refuses an action that would send the request to an authority whose requirements the process
   * does not meet (409 REQUIREMENT_UNMET, naming each), before anything reaches the process.
   */
  async checkBeforeSending(
    process: Pick<ProcessSnapshot, 'stage' | 'parties' | 'legalBasis' | 'type' | 'facts'>,
    action: string,
  ): Promise<void> {
    const { version, content } = await this.inForce();
    if (!content.states.length) return;
    const unmet = unmetOnSending(definitionOf(process.type), process, action, content);
    if (!unmet.length) return;
    throw new ClientError(
      409,
      'REQUIREMENT_UNMET',
      `the request does not carry what ${unmet[0]!.authority} requires (directory version ${version})`,
      unmet.map(
        ({ authority, requirement }) => `requirement ${requirement.id} of ${authority}: ${requirement.description}`,
      ),
    );
  }

  /** The directory's name and contacts of each party's authority, by slot (those it lists). */
  async authoritiesOf(
    parties: Readonly<Record<string, PartyBinding>>,
  ): Promise<Record<string, { readonly name: string; readonly contacts: readonly unknown[] }>> {
    const { content } = await this.inForce();
    return Object.fromEntries(
      Object.entries(parties).flatMap(([slot, { agencyId }]) => {
        const listed = findAuthority(content, agencyId)?.authority;
        return listed ? [[slot, { name: listed.name, contacts: listed.contacts }]] : [];
      }),
    );
  }

  /** The process's parties whose authorities the directory in force lists with no `comity` channel. */
  async reachedOutsideComity(
    parties: Readonly<Record<string, PartyBinding>>,
  ): Promise<{ readonly party: string; readonly agencyId: string }[]> {
    const { content } = await this.inForce();
    if (!content.states.length) return [];
    const outside = Object.entries(parties).filter(([, { agencyId }]) => reachedBy(content, agencyId) === 'outside');
    const found: { party: string; agencyId: string }[] = [];
    for (const [party, { agencyId }] of outside) {
      if (!(await this.onAgencyChannel(agencyId))) found.push({ party, agencyId });
    }
    return found;
  }

  /**
   * A step is recorded for another party only when the directory lists that party's authority as
   * reached outside Comity (post, the diplomatic channel, e-mail): an authority on Comity takes its
   * own steps, signed by its own system (409 PARTY_NOT_OFF_CHANNEL).
   */
  async checkReachedOutsideComity(process: Pick<ProcessSnapshot, 'parties'>, party: string): Promise<void> {
    const agencyId = Object.hasOwn(process.parties, party) ? process.parties[party]?.agencyId : undefined;
    // Not a party: the process itself refuses it, naming the field.
    if (agencyId === undefined) return;
    const { version, content } = await this.inForce();
    const reached = reachedBy(content, agencyId);
    const field = `body.offChannel.onBehalfOf: '${party}' is ${agencyId}`;
    if (reached === 'unlisted') {
      throw new ClientError(
        409,
        'PARTY_NOT_OFF_CHANNEL',
        `the directory (version ${version}) does not list '${agencyId}'`,
        [
          `${field}, not in the directory: only an authority it lists as reached by post, the diplomatic channel or e-mail has its steps recorded for it`,
        ],
      );
    }
    if (reached === 'comity' || (await this.onAgencyChannel(agencyId))) {
      throw new ClientError(
        409,
        'PARTY_NOT_OFF_CHANNEL',
        `'${agencyId}' answers through Comity: it takes its own steps`,
        [`${field}, reached through Comity (directory version ${version}, or registered on its agency channel)`],
      );
    }
  }

  private resource(version: number, content: DirectoryContent, record?: DirectoryVersion): DirectoryResource {
    return {
      version,
      ...(record
        ? {
            sha256: record.sha256,
            importedBy: record.importedBy,
            importedAt: record.importedAt,
            ...(record.note ? { note: record.note } : {}),
          }
        : {}),
      states: content.states as unknown as Record<string, unknown>[],
    };
  }
}

/** How the directory says an agency is reached: through Comity, only outside it, or it does not list it. */
function reachedBy(content: DirectoryContent, agencyId: string): 'comity' | 'outside' | 'unlisted' {
  const listed = findAuthority(content, agencyId)?.authority;
  if (!listed) return 'unlisted';
  return listed.channels.some((c) => c.kind === 'comity') ? 'comity' : 'outside';
}
