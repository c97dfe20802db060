/**
 * Plays agencies from a scenario file, each onboarded through the agency registry and using only its own topics:
 *   node -r @swc-node/register apps/agency-simulator/src/main.ts [scenario.json]
 * (default: apps/agency-simulator/scenarios/demo.json).
 */
import * as path from 'node:path';
import { loadConfig, runMain } from '@comity/config';
import { log } from '@comity/observability';
import { startSimulator } from './simulator';
import { readSimulatorConfig } from './simulator-config';

runMain('agency-simulator', async () => {
  const config = loadConfig();
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, '../scenarios/demo.json'));
  const scenario = readSimulatorConfig(file);
  const simulator = await startSimulator(config, scenario);
  log.info(`playing ${scenario.agencies.map((a) => a.agencyId).join(', ')} (${file})`);
  return simulator;
});
