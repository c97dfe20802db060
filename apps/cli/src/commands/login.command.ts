import { positionals } from '../args';
import { defineCommand } from '../command';
import { credentialsPath, decodeClaims, expiryOf, removeToken, saveToken, type TokenClaims } from '../credentials';
import { CliError, ExitCode, UsageError } from '../exit-codes';
import { timeLeft } from '../humanise';
import { deviceLogin } from '../oidc-login';
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
  summary: "sign in at the installation's identity provider (device flow), or store a bearer token",
  usage: `usage: comity login [--issuer <url>] [--client-id comity-cli]
       comity login --token <jwt>
       comity token --user officer-1 --role coordinator | comity login --token -

With an identity provider (--issuer, else COMITY_AUTH_ISSUER): prints an address and a code to
approve in a browser (OAuth 2.0 device authorization grant, client --client-id, else
COMITY_CLI_OIDC_CLIENT_ID, else comity-cli), waits for the approval, and stores the tokens; the
access token is refreshed when it runs out. --token stores a token as given (a local system's
minted tokens; --token - reads it from stdin).
Either way the file is \${COMITY_CLI_HOME:-\$XDG_CONFIG_HOME/comity or ~/.config/comity}/credentials.json,
mode 0600. The token is decoded, not verified: the API verifies it on every request.`,
  options: { issuer: { type: 'string' }, 'client-id': { type: 'string' } },
  run: async (ctx, { values, positionals: args }) => {
    positionals(args, []);
    let token = values.token;
    const issuer = values.issuer ?? ctx.env['COMITY_AUTH_ISSUER'];
    let oidc: { issuer: string; clientId: string; refreshToken: string } | undefined;
    if (token === undefined && issuer) {
      const clientId = values['client-id'] ?? ctx.env['COMITY_CLI_OIDC_CLIENT_ID'] ?? 'comity-cli';
      if (!URL.canParse(issuer)) throw new UsageError(`the issuer '${issuer}' is not a URL`);
      const issued = await deviceLogin(ctx.runtime, { issuer, clientId }, (prompt) =>
        ctx.err(
          [
            `To sign in, open ${prompt.verificationUri} and enter the code ${prompt.userCode}`,
            ...(prompt.verificationUriComplete ? [`(or open ${prompt.verificationUriComplete})`] : []),
            'Waiting for the approval… (Ctrl-C to give up)',
          ].join('\n'),
        ),
      );
      token = issued.accessToken;
      if (issued.refreshToken) oidc = { issuer, clientId, refreshToken: issued.refreshToken };
    }
    if (token === '-') token = (await ctx.runtime.readStdin()).trim();
    if (!token) {
      throw new UsageError(
        '--token <jwt> is required without an identity provider (or --token - to read it from stdin)',
        ['with one, pass --issuer <url> or set COMITY_AUTH_ISSUER'],
      );
    }
    const claims = decodeClaims(token);
    const now = ctx.runtime.now();
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= now.getTime()) {
      throw new UsageError(`the token expired at ${expiryOf(claims)}; issue a new one`);
    }
    const file = saveToken(ctx.env, token, now, oidc);
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
