import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * Jest setup of the `cluster` project: every test file, and every app it starts, talks to the
 * cluster topology (infra/lib/cluster.sh, as `npm start -- --topology cluster` configures the apps),
 * set before any module reads its configuration.
 */
const root = path.resolve(__dirname, '../..');
const lines = execFileSync('bash', [path.join(root, 'infra/scripts/cluster-env.sh')], { encoding: 'utf8' });
for (const line of lines.split('\n')) {
  const at = line.indexOf('=');
  if (at > 0) process.env[line.slice(0, at)] = line.slice(at + 1);
}
