import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { root } from './apps';
import { registerRuntime } from './kafka-access';

const run = promisify(execFile);

export type ServiceName = 'temporal' | 'kafka';

export interface PrivatePorts {
  readonly temporal: number;
  readonly temporalUi: number;
  readonly kafka: number;
  readonly kafkaController: number;
  /** The Temporal server's Prometheus endpoint; a random port when absent. */
  readonly temporalMetrics?: number;
}

/**
 * A Temporal dev server and a Kafka broker of the caller's own, started by the project's
 * infra/services.sh on other ports and under a runtime folder of their own. Tests that restart or
 * stop a service (the fault suite) use these, never the shared services others are using.
 */
export interface PrivateServices {
  readonly runtime: string;
  readonly temporalAddress: string;
  readonly brokers: string[];
  /** What an app needs to reach these services instead of the shared ones. */
  readonly appEnv: Readonly<Record<string, string>>;
  /** Runs `infra/services.sh ACTION SERVICE` on these services; resolves once it has finished. */
  service(action: 'start' | 'stop' | 'restart', name: ServiceName): Promise<void>;
  /** Stops both services and removes their runtime folder. */
  dispose(): Promise<void>;
}

export async function startPrivateServices(ports: PrivatePorts): Promise<PrivateServices> {
  const runtime = mkdtempSync(path.join(tmpdir(), 'comity-private-services-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    COMITY_RUNTIME: runtime,
    COMITY_TEMPORAL_PORT: String(ports.temporal),
    COMITY_TEMPORAL_UI_PORT: String(ports.temporalUi),
    COMITY_KAFKA_PORT: String(ports.kafka),
    COMITY_KAFKA_CONTROLLER_PORT: String(ports.kafkaController),
    ...(ports.temporalMetrics ? { COMITY_TEMPORAL_METRICS_PORT: String(ports.temporalMetrics) } : {}),
    // A second broker on a shared 2-core machine: a smaller heap than the shared one's.
    COMITY_KAFKA_HEAP: process.env['COMITY_PRIVATE_KAFKA_HEAP'] ?? '-Xms128m -Xmx384m',
  };
  const service = async (action: 'start' | 'stop' | 'restart', name: ServiceName): Promise<void> => {
    try {
      await run('bash', [path.join(root, 'infra/services.sh'), action, name], { env, cwd: root, timeout: 180_000 });
    } catch (err) {
      const { stderr } = err as { stderr?: string };
      throw new Error(`infra/services.sh ${action} ${name} failed:\n${stderr ?? String(err)}`);
    }
  };
  const dispose = async () => {
    const results = await Promise.allSettled([service('stop', 'temporal'), service('stop', 'kafka')]);
    rmSync(runtime, { recursive: true, force: true });
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    await Promise.all([service('start', 'temporal'), service('start', 'kafka')]);
  } catch (err) {
    await dispose().catch(() => undefined);
    throw err;
  }
  const temporalAddress = `127.0.0.1:${ports.temporal}`;
  const brokers = [`127.0.0.1:${ports.kafka}`];
  registerRuntime(brokers, runtime);
  return {
    runtime,
    temporalAddress,
    brokers,
    appEnv: {
      COMITY_TEMPORAL_ADDRESS: temporalAddress,
      COMITY_KAFKA_BROKERS: brokers.join(','),
      COMITY_RUNTIME: runtime,
    },
    service,
    dispose,
  };
}
