import { positionals, required } from '../args';
import { defineCommand } from '../command';
import { CliError, ExitCode, UsageError } from '../exit-codes';

export const tokenCommand = defineCommand({
  name: 'token',
  summary: 'issue a locally signed development token (needs COMITY_AUTH_SECRET)',
  usage: `usage: comity token --user <id> --role <coordinator|agency|auditor|admin> [--agency <agency id>] [--expires 8h]

Signs a token with COMITY_AUTH_SECRET for a local API (COMITY_AUTH_MODE=local). \`npm run -s cli\`
and apps/cli/bin/comity load the key from .runtime/secrets/ when it is not set.`,
  options: {
    user: { type: 'string' },
    role: { type: 'string' },
    agency: { type: 'string' },
    expires: { type: 'string' },
  },
  run: async (ctx, { values, positionals: args }) => {
    positionals(args, []);
    const user = required(values.user, '--user');
    const role = required(values.role, '--role');
    // Loaded here, not at start-up: the other commands need neither the configuration nor jose.
    const [{ issueLocalToken }, { ConfigError, loadConfig }, { Roles }] = await Promise.all([
      import('@comity/auth'),
      import('@comity/config'),
      import('@comity/domain'),
    ]);
    if (!(Roles as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${Roles.join(', ')}`);
    if (role === 'agency' && !values.agency) throw new UsageError('--agency is required for the agency role');
    let secret: string;
    let audience: string | undefined;
    try {
      const config = loadConfig(ctx.env as NodeJS.ProcessEnv);
      if (config.auth.mode !== 'local' || !config.auth.secret) {
        throw new ConfigError('invalid configuration:\n  COMITY_AUTH_SECRET: required to issue local tokens');
      }
      secret = config.auth.secret;
      audience = config.auth.audience;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      const [message = err.message, ...details] = err.message.split('\n').map((l) => l.trim());
      throw new CliError(ExitCode.Configuration, 'CONFIGURATION', message.replace(/:$/, ''), details);
    }
    let token: string;
    try {
      token = await issueLocalToken(
        secret,
        { userId: user, role: role as (typeof Roles)[number], agencyId: values.agency },
        { audience, expiresIn: values.expires },
      );
    } catch (err) {
      if (values.expires !== undefined)
        throw new UsageError(`--expires '${values.expires}' is not a duration like 8h or 30m`);
      throw err;
    }
    ctx.print({ token }, () => token);
  },
});
