import { loadConfig, runMain } from '@comity/config';
import { startProjector } from './projector';

runMain('projector', async () => {
  const config = loadConfig();
  const projector = await startProjector(config);
  console.log(`projector: ${config.kafka.topics.processEvents} -> ${config.database.type} read model`);
  return projector;
});
