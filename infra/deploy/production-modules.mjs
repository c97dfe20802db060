// Gives a release folder (infra/deploy/build-release.sh) the packages `npm ci --omit=dev` installs —
// the lockfile's entries not marked dev — copied from the installed node_modules instead of
// installed again: the same files, without compiling better-sqlite3 from source (minutes here,
// where its prebuilt binaries are not reachable). A platform package the lockfile lists for other
// machines is not installed here, and not copied.
//   node infra/deploy/production-modules.mjs <release folder>
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const folder = path.resolve(process.argv[2] ?? '');
const lock = JSON.parse(readFileSync(path.join(folder, 'package-lock.json'), 'utf8'));
const modules = path.join(root, 'node_modules');
let copied = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  if (!location.startsWith('node_modules/') || entry.dev || entry.link) continue;
  const source = path.join(modules, location.slice('node_modules/'.length));
  if (!existsSync(source)) continue;
  const target = path.join(folder, location);
  mkdirSync(path.dirname(target), { recursive: true });
  // Nested node_modules are entries of their own, each dev or not.
  cpSync(source, target, {
    recursive: true,
    filter: (from) => !path.relative(source, from).split(path.sep).includes('node_modules'),
  });
  copied++;
}
console.log(`copied ${copied} production packages into ${path.join(folder, 'node_modules')}`);
