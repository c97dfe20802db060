import { once } from 'node:events';
import { discoverOidc } from '@comity/auth';
import { loadConfig, runMain, type ComityConfig } from '@comity/config';
import { log } from '@comity/observability';
import { dashboardAssets } from './server/bundle';
import { createDashboardServer, type DashboardAuth } from './server/dashboard-server';
import { userPickerOf } from './server/user-picker';

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

runMain('dashboard', async () => {
  const config = loadConfig();
  const { dashboard } = config;
  const picker = userPickerOf(config);
  if (config.auth.mode === 'local' && !picker.issue) log.warn(`no user picker on the sign-in page: ${picker.why}`);
  const server = createDashboardServer(await dashboardAssets(), dashboard.apiUrl, await pageAuth(config), picker.issue);
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
