import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import type { ReadModelSnapshot } from '../faults/fault-run';
import type { ReadModelRow } from '../faults/reconcile';
import { root, waitFor } from '../support/apps';

const run = promisify(execFile);

export type ClusterService = 'postgres-cluster' | 'kafka-cluster' | 'temporal-cluster' | 'keycloak';
/** The topology's services; Keycloak, its identity provider, is the one local Keycloak (infra/lib/cluster.sh). */
export const CLUSTER_SERVICES: readonly ClusterService[] = [
  'postgres-cluster',
  'kafka-cluster',
  'temporal-cluster',
  'keycloak',
];

/** The cluster topology's runtime folder (set by cluster-env.ts). */
export const clusterRuntime = (): string => {
  const runtime = process.env['COMITY_CLUSTER_RUNTIME'];
  if (!runtime) throw new Error('COMITY_CLUSTER_RUNTIME is unset: run this in the jest project `cluster`');
  return runtime;
};

/** `infra/services.sh ACTION SERVICE...` on the cluster topology; `start` restarts what is not running. */
export async function clusterServices(action: 'start' | 'restart', ...names: ClusterService[]): Promise<void> {
  try {
    await run('bash', [path.join(root, 'infra/services.sh'), action, ...names], { cwd: root, timeout: 600_000 });
  } catch (err) {
    const { stderr } = err as { stderr?: string };
    throw new Error(`infra/services.sh ${action} ${names.join(' ')} failed:\n${stderr ?? String(err)}`);
  }
}

/**
 * SIGKILLs the process a pid file (relative to the cluster's runtime folder) names, as a crash
 * would, and waits until it is gone.
 */
export async function killByPidFile(pidFile: string): Promise<number> {
  const pid = Number(readFileSync(path.join(clusterRuntime(), pidFile), 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  await waitFor(`pid ${pid} (${pidFile}) to exit`, async () => {
    try {
      process.kill(pid, 0);
      // A zombie until init reaps it: gone for our purposes once its state says so.
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] === 'Z' ? true : undefined;
    } catch {
      return true;
    }
  });
  return pid;
}

/** The read model on the cluster's PostgreSQL, read directly beside the projectors writing it. */
export class PostgresReadModel implements ReadModelSnapshot {
  constructor(private readonly url: string) {}

  private async query<T>(sql: string): Promise<T[]> {
    const client = new PgClient({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async rows(): Promise<Map<string, ReadModelRow>> {
    const rows = await this.query<{ id: string; stage: string; terminal: boolean; last_sequence: number }>(
      'SELECT id, stage, terminal, last_sequence FROM processes',
    );
    return new Map(
      rows.map((r) => [r.id, { stage: r.stage, terminal: Boolean(r.terminal), lastSequence: Number(r.last_sequence) }]),
    );
  }

  async timelineEventIds(): Promise<string[]> {
    return (await this.query<{ event_id: string }>('SELECT event_id FROM timeline')).map((r) => r.event_id);
  }
}
