// Jest projects: `unit` (specs beside the code; fast, fakes allowed), `workflow` (workflows on Temporal's
// real time-skipping test server), `e2e` (the real Temporal server, Kafka broker and database,
// started by infra/services.sh; run serially) and `cluster` (the same on the cluster topology).
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};
// Only the source folders: the installed tools (.tools, with Go's module cache of some 150,000 files,
// .snap ones among them) and the runtime state (.runtime) are neither tests nor modules, and crawling
// them cost every project minutes.
const roots = ['apps', 'libs', 'workflows', 'activities', 'test'].map((dir) => `<rootDir>/${dir}`);
const common = { rootDir: __dirname, roots, testEnvironment: 'node', transform, moduleNameMapper };

module.exports = {
  // A fresh process for every test file (test-all runs them one at a time, --maxWorkers=1): a file
  // never inherits another's native Temporal runtime, leftover workers or timers. Jest replaces a
  // worker whose memory is over this limit after a file, and every worker that ran one is.
  workerIdleMemoryLimit: '1MB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{apps,libs,workflows,activities}/**/*.spec.ts',
        '<rootDir>/test/architecture/**/*.spec.ts',
        '<rootDir>/test/support/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflows/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.ts'],
      slowTestThreshold: 60,
    },
    {
      // The production-shaped topology (npm start -- --topology cluster): its smoke test and fault
      // suite, every app configured for it by the setup file (infra/lib/cluster.sh).
      ...common,
      displayName: 'cluster',
      testMatch: ['<rootDir>/test/cluster/**/*.cluster.ts'],
      setupFiles: ['<rootDir>/test/cluster/cluster-env.ts'],
      slowTestThreshold: 120,
    },
  ],
};
