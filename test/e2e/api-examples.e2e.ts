import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { definedNames, mismatches, readDocExamples, type DocExample } from '../support/doc-examples';
import { startStack, type Stack } from '../support/stack';

/**
 * docs/api.md's examples, run as written, in order, against the real stack: every documented
 * answer must match what the API answers. A read-model answer may trail the last action by a
 * moment, so a block that only reads (no POST) is retried for a few seconds before it fails.
 */
const ROOT = path.resolve(__dirname, '../..');
const examples = readDocExamples(path.join(ROOT, 'docs/api.md'));
const state = path.join(mkdtempSync(path.join(tmpdir(), 'api-examples-')), 'state.sh');
const names = examples.map((e) => definedNames(e.script));
const variables = [...new Set(names.flatMap((n) => n.variables))];
const functions = [...new Set(names.flatMap((n) => n.functions))];
let stack: Stack;

beforeAll(async () => {
  stack = await startStack('sqlite', 3110);
  writeFileSync(state, '');
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

/** Runs one block in bash with what the blocks before it defined; saves what it defines. */
function run(example: DocExample): { status: number | null; stdout: string; stderr: string } {
  const save = `{ declare -p ${variables.join(' ')} 2>/dev/null; declare -f ${functions.join(' ')}; } >'${state}' || true`;
  const script = `set -euo pipefail\nsource '${state}'\n${example.script}\n${save}\n`;
  const result = spawnSync('bash', ['-c', script], {
    cwd: ROOT,
    env: { ...process.env, ...stack.environment.env, API: stack.base },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

it('documents examples with their answers', () => {
  expect(examples.length).toBeGreaterThanOrEqual(10);
  expect(examples.filter((e) => e.expected !== undefined).length).toBeGreaterThanOrEqual(10);
});

describe.each(examples.map((example) => [example.line, example] as const))(
  'docs/api.md example at line %i',
  (_, example) => {
    it('runs and answers as documented', async () => {
      const readOnly = !/-X POST|^act /m.test(example.script);
      const deadline = Date.now() + (readOnly ? 10_000 : 0);
      for (;;) {
        const { status, stdout, stderr } = run(example);
        const problems =
          status !== 0
            ? [`exit ${status}: ${stderr}`]
            : example.expected === undefined
              ? []
              : (() => {
                  try {
                    return mismatches(JSON.parse(stdout), example.expected);
                  } catch {
                    return [`not JSON: ${stdout}`];
                  }
                })();
        if (problems.length === 0 || Date.now() > deadline) {
          expect(problems).toEqual([]);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }, 90_000);
  },
);
