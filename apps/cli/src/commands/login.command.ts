import { positionals } from '../args';
import { defineCommand } from '../command';
import { credentialsPath, decodeClaims, expiryOf, removeToken, saveToken, type TokenClaims } from '../credentials';
import { CliError, ExitCode, UsageError } from '../exit-codes';
import { timeLeft } from '../humanise';
import { renderFields } from '../output';

const describe = (claims: TokenClaims, now: Date): [string, string][] => {
  const expiry = expiryOf(claims);
  return [
    ['user', claims.sub ?? '(none)'],
    ['role', claims.role ?? '(none)'],
    ['agency', claims.agency_id ?? '-'],
    ['expires', expiry ? `${expiry} (${timeLeft(expiry, now)})` : 'never'],
  ];
};

const claimsJson = (claims: TokenClaims, now: Date) => ({
  user: claims.sub,
  role: claims.role,
  agencyId: claims.agency_id,
  expiresAt: expiryOf(claims),
  expired: typeof claims.exp === 'number' && claims.exp * 1000 <= now.getTime(),
});

export const loginCommand = defineCommand({
  name: 'login',
  summary: 'store a bearer token for the other commands',
  usage: `usage: comity login --token <jwt>
       comity token --user officer-1 --role coordinator | comity login --token -

Stores the token (--token - reads it from stdin) in
\${COMITY_CLI_HOME:-\$XDG_CONFIG_HOME/comity or ~/.config/comity}/credentials.json, mode 0600.
The token is decoded, not verified: the API verifies it on every request.`,
  options: {},
  run: async (ctx, { values, positionals: args }) => {
    positionals(args, []);
    let token = values.token;
    if (token === '-') token = (await ctx.runtime.readStdin()).trim();
    if (!token) throw new UsageError('--token <jwt> is required (or --token - to read it from stdin)');
    const claims = decodeClaims(token);
    const now = ctx.runtime.now();
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= now.getTime()) {
      throw new UsageError(`the token expired at ${expiryOf(claims)}; issue a new one`);
    }
    const file = saveToken(ctx.env, token, now);
    ctx.print({ stored: file, ...claimsJson(claims, now) }, () =>
      [`logged in; token stored in ${file}`, renderFields(describe(claims, now))].join('\n'),
    );
  },
});

export const logoutCommand = defineCommand({
  name: 'logout',
  summary: 'remove the stored token',
  usage: 'usage: comity logout',
  options: {},
  run: async (ctx, { positionals: args }) => {
    positionals(args, []);
    const file = credentialsPath(ctx.env);
    const removed = removeToken(ctx.env);
    ctx.print({ removed, file }, () => (removed ? `removed ${file}` : `no stored token (${file})`));
  },
});

export const whoamiCommand = defineCommand({
  name: 'whoami',
  summary: "decode the token's claims: user, role, agency, expiry",
  usage: `usage: comity whoami

Decodes the token the other commands would send (--token, COMITY_TOKEN, or the stored one)
without verifying it.`,
  options: {},
  run: async (ctx, { positionals: args }) => {
    positionals(args, []);
    const found = ctx.token();
    if (!found) {
      throw new CliError(ExitCode.NotAuthenticated, 'NO_TOKEN', 'not logged in', [
        'run `comity login --token <jwt>`, set COMITY_TOKEN, or pass --token',
      ]);
    }
    const claims = decodeClaims(found.token);
    const now = ctx.runtime.now();
    ctx.print({ ...claimsJson(claims, now), source: found.source }, () =>
      renderFields([...describe(claims, now), ['source', found.source]]),
    );
  },
});
