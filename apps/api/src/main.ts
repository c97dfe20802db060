import { loadConfig, runMain } from '@comity/config';
import { log } from '@comity/observability';
import { createApi } from './api';

runMain('api', async () => {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.api.port, config.api.host);
  const base = `http://${config.api.host}:${config.api.port}`;
  log.info(`listening on ${base} (docs ${base}/docs)`);
  const server = app.getHttpServer();
  const done = new Promise<void>((resolve) => server.on('close', resolve));
  return { done, shutdown: () => app.close() };
});
