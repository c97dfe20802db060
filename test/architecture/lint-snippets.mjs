// Lints code snippets as if each were the content of the named file, with the repository's ESLint
// config. Reads [{ file, code }] as JSON on stdin; writes one list of error messages per snippet.
// A child process because ESLint loads its flat config with a dynamic import, which Jest's VM lacks.
import { ESLint } from 'eslint';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const snippets = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const eslint = new ESLint({ cwd: root });
const out = [];
for (const { file, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  out.push(result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify(out));
