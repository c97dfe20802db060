import { loadConfig, runMain } from '@comity/config';
import { log } from '@comity/observability';
import { startBridge } from './bridge';

runMain('bridge', async () => {
  const config = loadConfig();
  const bridge = await startBridge(config);
  log.info(`${config.kafka.topics.agencyAnswersPrefix}<agency> -> Temporal updates`);
  return bridge;
});
