// Lint rules that keep the architecture honest (see shared STYLE.md):
// - Nx module boundaries: which kind of project may import which (tags in each project.json).
// - Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O libraries,
//   and activities are imported as types only.
// - The domain is pure TypeScript that workflows can import: no framework, no Node built-ins.
// - The dashboard's page runs in the browser: no Node globals or built-ins, workspace types only.
import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
const ioLibraries = [
  'kafkajs',
  'typeorm',
  'pg',
  'better-sqlite3',
  'express',
  '@nestjs/*',
  '@temporalio/worker',
  '@temporalio/client',
  '@temporalio/activity',
];
const restrictImports = (why) => ({
  paths: nodeBuiltins.map((name) => ({ name, message: why })),
  patterns: [{ group: ioLibraries, message: why }],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', 'coverage/**', '.runtime/**', '.tools/**', '.nx/**'] },
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:domain'] },
            {
              sourceTag: 'type:workflow',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contract', 'type:activities'],
            },
            { sourceTag: 'type:activities', onlyDependOnLibsWithTags: ['type:domain', 'type:contract'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:contract', 'type:infra'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contract',
                'type:infra',
                'type:workflow',
                'type:activities',
              ],
            },
            {
              sourceTag: 'type:test',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contract',
                'type:infra',
                'type:workflow',
                'type:activities',
                'type:app',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/src/**/*.ts', 'workflows/federation/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        restrictImports('workflow code runs in the Temporal sandbox: no Node built-ins or I/O; use an activity'),
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@comity/activities', message: 'workflows import activity types only', allowTypeImports: true },
            {
              name: '@comity/events',
              message:
                "workflows import event types only; build events with '@comity/events/builders' (the contracts' schemas would be evaluated for every process)",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...restrictImports('the domain is pure TypeScript that workflows import: no Node built-ins or frameworks'),
          patterns: [{ group: [...ioLibraries, '@temporalio/*'], message: 'the domain imports no framework' }],
        },
      ],
    },
  },
  {
    // The dashboard's page runs in the browser: its tsconfig has Node's types only because the API's
    // answer types (libs/api-contract) are checked with the domain they name; the page itself uses
    // no Node global or built-in, and takes nothing but types from the workspace's libraries (a value
    // import would bundle zod and the process definitions into the page).
    files: ['apps/dashboard/src/web/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'].map(
          (name) => ({ name, message: 'the dashboard page runs in the browser' }),
        ),
      ],
      'no-restricted-imports': ['error', restrictImports('the dashboard page runs in the browser')],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@comity/*'],
              message: "the page takes types only from the workspace's libraries (esbuild would bundle their code)",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
