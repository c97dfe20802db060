/**
 * Builds the dashboard page: the browser TypeScript under ../web bundled by esbuild into one script,
 * with the HTML and the stylesheet beside it. Run from its sources, the server builds it in memory
 * when it starts; write-page.ts writes the same files to a folder, for a static host
 * (`nx run dashboard:build`) or beside the compiled server in the release build
 * (infra/deploy/build-release.sh), which then serves them as they are: esbuild is a dev dependency,
 * not in the image.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Asset {
  readonly contentType: string;
  readonly body: Buffer;
}

const web = path.resolve(__dirname, '../web');
/** Where the release build puts the page, beside the compiled server's main.js. */
const prebuilt = path.join(__dirname, 'web');

type PageFile = '/index.html' | '/app.css' | '/app.js';
const contentTypes: Readonly<Record<PageFile, string>> = {
  '/index.html': 'text/html; charset=utf-8',
  '/app.css': 'text/css; charset=utf-8',
  '/app.js': 'text/javascript; charset=utf-8',
};

function pageAssets(bodies: Record<PageFile, Buffer>): ReadonlyMap<string, Asset> {
  return new Map(
    (Object.keys(contentTypes) as PageFile[]).map((name) => [
      name,
      { contentType: contentTypes[name], body: bodies[name] },
    ]),
  );
}

/** The page's files by URL path: the release build's when they are there, else bundled from the sources now. */
export async function dashboardAssets(): Promise<ReadonlyMap<string, Asset>> {
  if (!existsSync(path.join(prebuilt, 'index.html'))) return bundleDashboard();
  const read = (name: PageFile) => readFileSync(path.join(prebuilt, name));
  return pageAssets({ '/index.html': read('/index.html'), '/app.css': read('/app.css'), '/app.js': read('/app.js') });
}

export async function bundleDashboard(): Promise<ReadonlyMap<string, Asset>> {
  const { build } = await import('esbuild');
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
  return pageAssets({
    '/index.html': readFileSync(path.join(web, 'index.html')),
    '/app.css': readFileSync(path.join(web, 'app.css')),
    '/app.js': Buffer.from(script.contents),
  });
}
