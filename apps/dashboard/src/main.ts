import { once } from 'node:events';
import { discoverOidc, issueLocalToken } from '@comity/auth';
import { loadConfig, runMain, type ComityConfig } from '@comity/config';
import { log } from '@comity/observability';
import { dashboardAssets } from './server/bundle';
import { createDashboardServer, type DashboardAuth } from './server/dashboard-server';
import { isLoopbackHost, type IssueToken } from './server/user-picker';

/** In OIDC mode the page signs in at the issuer's endpoints, read once at start-up from its discovery document. */
async function pageAuth({ auth, dashboard }: ComityConfig): Promise<DashboardAuth> {
  if (auth.mode === 'local' || !auth.issuer) return { mode: 'local' };
  const provider = await discoverOidc(auth.issuer);
  return {
    mode: 'oidc',
    clientId: dashboard.oidcClientId,
    authorizationEndpoint: provider.authorization_endpoint,
    tokenEndpoint: provider.token_endpoint,
    endSessionEndpoint: provider.end_session_endpoint,
  };
}

/**
 * Local development: the page may sign in as any user it picks, with the local key, as the CLI's
 * `token` command does; only when the dashboard listens on a loopback address and the picker is not
 * turned off (COMITY_DASHBOARD_USER_PICKER=false).
 */
function userPicker({ auth, dashboard }: ComityConfig): IssueToken | undefined {
  const { secret } = auth;
  if (auth.mode !== 'local' || !secret || !dashboard.userPicker) return undefined;
  if (!isLoopbackHost(dashboard.host)) {
    log.warn(`no user picker: the dashboard listens on ${dashboard.host}, not a loopback address`);
    return undefined;
  }
  return (user) => issueLocalToken(secret, user, { audience: auth.audience });
}

runMain('dashboard', async () => {
  const config = loadConfig();
  const { dashboard } = config;
  const server = createDashboardServer(
    await dashboardAssets(),
    dashboard.apiUrl,
    await pageAuth(config),
    userPicker(config),
  );
  server.listen(dashboard.port, dashboard.host);
  await once(server, 'listening');
  log.info(`listening on http://${dashboard.host}:${dashboard.port} (API ${dashboard.apiUrl})`);
  const done = once(server, 'close').then(() => undefined);
  return {
    done,
    // Open event streams would hold close() for ever: idle connections end now, the rest after a grace second.
    shutdown: async () => {
      server.close();
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), 1000);
      await done;
      clearTimeout(grace);
    },
  };
});
