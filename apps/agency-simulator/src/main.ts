/**
 * Plays agencies from a scenario file, each onboarded through the agency registry and using only its own topics:
 *   node -r @swc-node/register apps/agency-simulator/src/main.ts [scenario.json]
 * (default: apps/agency-simulator/scenarios/demo.json, compiled in, so the release build carries it).
 */
import * as path from 'node:path';
import { loadConfig, runMain } from '@comity/config';
import { log } from '@comity/observability';
import demoScenario from '../scenarios/demo.json';
import { startSimulator } from './simulator';
import { parseSimulatorConfig, readSimulatorConfig } from './simulator-config';

runMain('agency-simulator', async () => {
  const config = loadConfig();
  const file = process.argv[2] && path.resolve(process.argv[2]);
  const scenario = file ? readSimulatorConfig(file) : parseSimulatorConfig(demoScenario, 'the demo scenario');
  const simulator = await startSimulator(config, scenario);
  log.info(`playing ${scenario.agencies.map((a) => a.agencyId).join(', ')} (${file ?? 'the demo scenario'})`);
  return simulator;
});
