import { loadConfig, runMain } from '@comity/config';
import { startGateway } from './gateway';

runMain('gateway', async () => startGateway(loadConfig()));
