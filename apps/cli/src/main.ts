/**
 * `comity`: the coordination officer's command line. `comity --help` lists the commands, their
 * flags and the exit codes; apps/cli/README.md describes them.
 *   npm run -s cli -- token --user officer-1 --role coordinator | npm run -s cli -- login --token -
 *   apps/cli/bin/comity list --overdue
 */
import { readFileSync } from 'node:fs';
import { run } from './cli';
import type { Runtime } from './context';
import { processOutput } from './output';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const runtime: Runtime = {
  env: process.env,
  output: processOutput,
  now: () => new Date(),
  readStdin,
  readFile: (path) => readFileSync(path, 'utf8'),
  onInterrupt: (handler) => {
    process.on('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
};

/** Exits once stdout is flushed, without waiting for idle keep-alive connections. */
const exit = (code: number) => process.stdout.write('', () => process.exit(code));

run(process.argv.slice(2), runtime).then(exit, (err: unknown) => {
  console.error(err);
  exit(1);
});
