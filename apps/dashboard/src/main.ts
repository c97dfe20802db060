import { once } from 'node:events';
import { loadConfig, runMain } from '@comity/config';
import { dashboardAssets } from './server/bundle';
import { createDashboardServer } from './server/dashboard-server';

runMain('dashboard', async () => {
  const { dashboard } = loadConfig();
  const server = createDashboardServer(await dashboardAssets(), dashboard.apiUrl);
  server.listen(dashboard.port, dashboard.host);
  await once(server, 'listening');
  console.log(`dashboard: listening on http://${dashboard.host}:${dashboard.port} (API ${dashboard.apiUrl})`);
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
