import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { root } from './apps';

/**
 * Builds the release into `folder` with the script the image's build stage runs
 * (infra/deploy/build-release.sh), then gives it the production dependencies only.
 */
export async function buildRelease(folder: string): Promise<void> {
  await promisify(execFile)('bash', [path.join(root, 'infra/deploy/build-release.sh'), folder], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  linkProductionModules(folder);
}

/**
 * The packages `npm ci --omit=dev` installs (those of the lockfile not marked dev), copied from
 * the installed tree rather than installed again: the same files the image gets, without the
 * minutes better-sqlite3 takes to compile here (its prebuilt binaries are not reachable). A
 * platform package the lockfile lists for other machines is not installed here, and not linked.
 */
function linkProductionModules(folder: string): void {
  const lock = JSON.parse(readFileSync(path.join(folder, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; link?: boolean }>;
  };
  const modules = path.join(root, 'node_modules');
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (!location.startsWith('node_modules/') || entry.dev || entry.link) continue;
    const source = path.join(modules, location.slice('node_modules/'.length));
    if (!existsSync(source)) continue;
    const target = path.join(folder, location);
    mkdirSync(path.dirname(target), { recursive: true });
    // Nested node_modules are entries of their own, each dev or not.
    cpSync(source, target, {
      recursive: true,
      dereference: false,
      filter: (from) => !path.relative(source, from).split(path.sep).includes('node_modules'),
    });
  }
}
