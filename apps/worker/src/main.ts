import { loadConfig, runMain } from '@comity/config';
import { startWorker } from './worker';

runMain('worker', async () => {
  const config = loadConfig();
  const worker = await startWorker(config);
  console.log(`worker: polling task queue '${config.temporal.taskQueue}' on ${config.temporal.address}`);
  return worker;
});
