/**
 * The officer's command line. Today: `token`, which issues a locally signed bearer token.
 *   npm run cli -- token --user officer-1 --role coordinator
 *   npm run cli -- token --user es-clerk --role agency --agency es-central-authority [--expires 8h]
 */
import { parseArgs } from 'node:util';
import { issueLocalToken } from '@comity/auth';
import { ConfigError, loadConfig } from '@comity/config';
import { Roles, type Role } from '@comity/domain';

const usage = `usage: comity token --user <id> --role <${Roles.join('|')}> [--agency <agency id>] [--expires 8h]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'token') {
    console.error(usage);
    return 64;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      user: { type: 'string' },
      role: { type: 'string' },
      agency: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  if (!values.user || !values.role || !(Roles as readonly string[]).includes(values.role)) {
    console.error(usage);
    return 64;
  }
  const config = loadConfig();
  if (config.auth.mode !== 'local' || !config.auth.secret) {
    throw new ConfigError('invalid configuration:\n  COMITY_AUTH_SECRET: required to issue local tokens');
  }
  const token = await issueLocalToken(
    config.auth.secret,
    { userId: values.user, role: values.role as Role, agencyId: values.agency },
    { audience: config.auth.audience, expiresIn: values.expires },
  );
  console.log(token);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(err instanceof ConfigError ? 78 : 1);
  },
);
