import { loadConfig, runMain } from '@comity/config';
import { startBridge } from './bridge';

runMain('bridge', async () => {
  const config = loadConfig();
  const bridge = await startBridge(config);
  console.log(`bridge: ${config.kafka.topics.agencyAnswersPrefix}<agency> -> Temporal updates`);
  return bridge;
});
