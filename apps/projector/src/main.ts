import { loadConfig, runMain } from '@comity/config';
import { log } from '@comity/observability';
import { startProjector } from './projector';

runMain('projector', async () => {
  const config = loadConfig();
  const projector = await startProjector(config);
  log.info(`${config.kafka.topics.processEvents} -> ${config.database.type} read model`);
  return projector;
});
