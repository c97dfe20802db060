import { parseJsonObject, positionals, required } from '../args';
import type { Agency, AgencyKey, AgencyList, IssuedCredential } from '../api-types';
import { defineCommand } from '../command';
import { shortTime } from '../humanise';
import { indent, renderFields, renderTable } from '../output';

const path = (id: string, rest = '') => `/api/v1/agencies/${encodeURIComponent(id)}${rest}`;

const renderKeys = (keys: readonly AgencyKey[]): string =>
  keys.length
    ? renderTable(
        [
          { header: 'kid', value: (k) => k.kid },
          { header: 'algorithm', value: (k) => k.algorithm },
          { header: 'status', value: (k) => (k.sealed ? k.status : `${k.status} (NOT SEALED: not trusted)`) },
          { header: 'added', value: (k) => shortTime(k.addedAt) },
          { header: 'revoked', value: (k) => (k.revokedAt ? shortTime(k.revokedAt) : '-') },
        ],
        keys,
      )
    : '(no keys: its answers cannot be verified yet)';

const renderAgency = (a: Agency): string =>
  `${renderFields([
    ['agency', a.agencyId],
    ['name', a.name],
    ['state', a.state],
    ['status', a.status],
    ['registered', shortTime(a.registeredAt)],
    ['credential', a.credentialIssuedAt ? `issued ${shortTime(a.credentialIssuedAt)}` : 'none issued'],
    ['principal', a.channel.principal],
    ['tasks topic', a.channel.tasksTopic],
    ['answers topic', a.channel.answersTopic],
    ['groups', `${a.channel.groupPrefix}*`],
  ])}\n\nkeys\n${indent(renderKeys(a.keys))}`;

export const agenciesRegisterCommand = defineCommand({
  name: 'agencies register',
  summary: 'register an agency (admin): its own topics and broker principal',
  usage: `usage: comity agencies register <agency id> --name <name> --state <XX>

  Registering again updates the name and state and repairs the agency's topics and grants.`,
  options: { name: { type: 'string' }, state: { type: 'string' } },
  run: async (ctx, { values, positionals: args }) => {
    const [id = ''] = positionals(args, ['agency id']);
    const body = { name: required(values.name, '--name'), state: required(values.state, '--state') };
    const agency = await ctx.client().put<Agency>(path(id), body);
    ctx.print(agency, () => `registered ${agency.agencyId}\n${renderAgency(agency)}`);
  },
});

export const agenciesListCommand = defineCommand({
  name: 'agencies list',
  summary: 'list the registered agencies',
  usage: 'usage: comity agencies list',
  options: {},
  run: async (ctx, { positionals: args }) => {
    positionals(args, []);
    const { items } = await ctx.client().get<AgencyList>('/api/v1/agencies');
    ctx.print(items, () =>
      items.length
        ? renderTable(
            [
              { header: 'agency', value: (a) => a.agencyId },
              { header: 'state', value: (a) => a.state },
              { header: 'status', value: (a) => a.status },
              { header: 'keys', value: (a) => String(a.keys.filter((k) => k.status === 'active' && k.sealed).length) },
              { header: 'credential', value: (a) => (a.credentialIssuedAt ? shortTime(a.credentialIssuedAt) : '-') },
              { header: 'name', value: (a) => a.name },
            ],
            items,
          )
        : '(no agencies registered)',
    );
  },
});

export const agenciesShowCommand = defineCommand({
  name: 'agencies show',
  summary: 'show an agency, its channel and its keys',
  usage: 'usage: comity agencies show <agency id>',
  options: {},
  run: async (ctx, { positionals: args }) => {
    const [id = ''] = positionals(args, ['agency id']);
    const agency = await ctx.client().get<Agency>(path(id));
    ctx.print(agency, () => renderAgency(agency));
  },
});

export const agenciesAddKeyCommand = defineCommand({
  name: 'agencies add-key',
  summary: 'register a public key the agency signs its answers with (admin)',
  usage: `usage: comity agencies add-key <agency id> --kid <key id> --jwk <json | @file>

  --jwk   the public key as a JWK: {"kty":"OKP","crv":"Ed25519","x":...} or {"kty":"EC","crv":"P-256","x":...,"y":...}.
          A JWK with a private part ("d") is refused.`,
  options: { kid: { type: 'string' }, jwk: { type: 'string' } },
  run: async (ctx, { values, positionals: args }) => {
    const [id = ''] = positionals(args, ['agency id']);
    const jwk = parseJsonObject(required(values.jwk, '--jwk'), '--jwk', ctx.runtime.readFile);
    const key = await ctx.client().post<AgencyKey>(path(id, '/keys'), { kid: required(values.kid, '--kid'), jwk });
    ctx.print(key, () => `added key ${key.kid} (${key.algorithm}) for ${id}`);
  },
});

export const agenciesRevokeKeyCommand = defineCommand({
  name: 'agencies revoke-key',
  summary: 'revoke an agency key for good (admin)',
  usage: 'usage: comity agencies revoke-key <agency id> <key id>',
  options: {},
  run: async (ctx, { positionals: args }) => {
    const [id = '', kid = ''] = positionals(args, ['agency id', 'key id']);
    const key = await ctx.client().post<AgencyKey>(path(id, `/keys/${encodeURIComponent(kid)}/revoke`), {});
    ctx.print(key, () => `revoked key ${key.kid} of ${id}: answers signed with it are refused`);
  },
});

export const agenciesCredentialCommand = defineCommand({
  name: 'agencies credential',
  summary: "issue the agency's broker password, replacing any earlier one (admin; shown once)",
  usage: `usage: comity agencies credential <agency id>

  Prints the principal and the new password once: hand them to the agency's system over a
  channel you trust. The earlier password stops working at once.`,
  options: {},
  run: async (ctx, { positionals: args }) => {
    const [id = ''] = positionals(args, ['agency id']);
    const issued = await ctx.client().post<IssuedCredential>(path(id, '/credentials'), {});
    ctx.print(issued, () =>
      renderFields([
        ['principal', issued.principal],
        ['mechanism', issued.mechanism],
        ['password', issued.password],
        ['brokers', issued.brokers.join(',')],
      ]),
    );
  },
});

export const agenciesSuspendCommand = defineCommand({
  name: 'agencies suspend',
  summary: 'suspend an agency: its credential is removed and its answers refused (admin)',
  usage: 'usage: comity agencies suspend <agency id>',
  options: {},
  run: async (ctx, { positionals: args }) => {
    const [id = ''] = positionals(args, ['agency id']);
    const agency = await ctx.client().post<Agency>(path(id, '/suspend'), {});
    ctx.print(agency, () => `suspended ${agency.agencyId}`);
  },
});

export const agenciesReactivateCommand = defineCommand({
  name: 'agencies reactivate',
  summary: 'reactivate a suspended agency (admin; then issue it a credential)',
  usage: 'usage: comity agencies reactivate <agency id>',
  options: {},
  run: async (ctx, { positionals: args }) => {
    const [id = ''] = positionals(args, ['agency id']);
    const agency = await ctx.client().post<Agency>(path(id, '/reactivate'), {});
    ctx.print(agency, () => `reactivated ${agency.agencyId}; issue it a credential: comity agencies credential ${id}`);
  },
});
