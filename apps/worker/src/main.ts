import { loadConfig, runMain } from '@comity/config';
import { log } from '@comity/observability';
import { startWorker } from './worker';

runMain('worker', async () => {
  const config = loadConfig();
  const worker = await startWorker(config);
  log.info(`polling task queue '${config.temporal.taskQueue}' on ${config.temporal.address}`);
  return worker;
});
