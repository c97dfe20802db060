/**
 * Builds the dashboard page: the browser TypeScript under ../web bundled by esbuild into one script,
 * with the HTML and the stylesheet beside it. The server builds it in memory when it starts;
 * `nx run dashboard:build` writes the same files to a folder (dist/dashboard) for a static host.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

export interface Asset {
  readonly contentType: string;
  readonly body: Buffer;
}

const web = path.resolve(__dirname, '../web');

/** The page's files by URL path. */
export async function bundleDashboard(): Promise<ReadonlyMap<string, Asset>> {
  const result = await build({
    entryPoints: [path.join(web, 'main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    write: false,
    tsconfig: path.join(web, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const script = result.outputFiles[0];
  if (!script) throw new Error('esbuild produced no output for the dashboard');
  return new Map<string, Asset>([
    ['/index.html', { contentType: 'text/html; charset=utf-8', body: readFileSync(path.join(web, 'index.html')) }],
    ['/app.css', { contentType: 'text/css; charset=utf-8', body: readFileSync(path.join(web, 'app.css')) }],
    ['/app.js', { contentType: 'text/javascript; charset=utf-8', body: Buffer.from(script.contents) }],
  ]);
}

if (require.main === module) {
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
}
