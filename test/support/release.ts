import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { root } from './apps';

/**
 * Builds the release into `folder` with the script the image's build stage runs
 * (infra/deploy/build-release.sh), then gives it the production dependencies only
 * (infra/deploy/production-modules.mjs: what `npm ci --omit=dev` installs).
 */
export async function buildRelease(folder: string): Promise<void> {
  const run = promisify(execFile);
  await run('bash', [path.join(root, 'infra/deploy/build-release.sh'), folder], { cwd: root, maxBuffer: 64 << 20 });
  await run(process.execPath, [path.join(root, 'infra/deploy/production-modules.mjs'), folder], { cwd: root });
}
