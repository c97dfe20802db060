// Compiles every Comity app to one JavaScript file per entry point, for the image's runtime stage:
//   node infra/deploy/build-release.mjs <out>     (run by infra/deploy/build-release.sh)
// esbuild bundles the workspace's own code (the @comity/* path aliases resolved from
// tsconfig.base.json) and leaves every npm package external, so the runtime needs only
// `npm ci --omit=dev` beside it. Each TypeScript file goes through swc first: NestJS injects the API's
// services by their constructor parameter types, which only emitDecoratorMetadata records, and
// esbuild does not emit it (swc is also what @swc-node/register runs the sources with).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { transform } from '@swc/core';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.resolve(process.argv[2] ?? 'dist');

/** Output file (under <out>, without .js) -> source. */
const entryPoints = {
  'api/main': 'apps/api/src/main.ts',
  'worker/main': 'apps/worker/src/main.ts',
  'projector/main': 'apps/projector/src/main.ts',
  'projector/rebuild': 'apps/projector/src/rebuild.main.ts',
  'bridge/main': 'apps/bridge/src/main.ts',
  'dashboard/main': 'apps/dashboard/src/main.ts',
  'agency-simulator/main': 'apps/agency-simulator/src/main.ts',
  'cli/main': 'apps/cli/src/main.ts',
};

/** TypeScript through swc with the tsconfig's legacy decorators and their metadata; esbuild bundles the result. */
const swcTypeScript = {
  name: 'swc-typescript',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const { code, map } = await transform(source, {
        filename: args.path,
        sourceMaps: 'inline',
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
        },
        module: { type: 'es6' },
      });
      return { contents: map ? `${code}\n//# sourceMappingURL=${map}` : code, loader: 'js' };
    });
  },
};

const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entryPoints).map(([name, file]) => [name, path.join(root, file)])),
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  packages: 'external',
  tsconfig: path.join(root, 'tsconfig.base.json'),
  plugins: [swcTypeScript],
  // TypeORM and Nest read class names (entities, migrations, providers in errors).
  keepNames: true,
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});
console.log(`compiled ${Object.keys(entryPoints).length} entry points to ${out} in ${Date.now() - started} ms`);
