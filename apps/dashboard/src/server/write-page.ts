/**
 * Writes the dashboard's page (index.html, app.css, app.js) to a folder:
 *   node -r @swc-node/register apps/dashboard/src/server/write-page.ts [folder]   (default dist/dashboard)
 * Apart from bundle.ts, which the server imports: compiled into the server, this would run there.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleDashboard } from './bundle';

const out = path.resolve(process.argv[2] ?? 'dist/dashboard');
bundleDashboard().then(
  (assets) => {
    mkdirSync(out, { recursive: true });
    for (const [name, asset] of assets) writeFileSync(path.join(out, name), asset.body);
    console.log(`wrote ${[...assets.keys()].join(', ')} to ${path.relative(process.cwd(), out) || '.'}`);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
