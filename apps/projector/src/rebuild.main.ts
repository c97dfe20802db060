/**
 * Rebuilds the read model from the process-events topic into an empty database (the one the
 * configuration names), with a progress bar on stderr, then compares row counts.
 *   COMITY_SQLITE_PATH=/path/to/new.sqlite npm run projector:rebuild
 * Exit codes: 0 rebuilt and consistent; 1 counts differ or the rebuild failed; 78 bad configuration.
 */
import { ConfigError, loadConfig } from '@comity/config';
import { progressBar, rebuildReadModel, RebuildError } from './rebuild';

async function main(): Promise<number> {
  const config = loadConfig();
  const target = config.database.type === 'sqlite' ? config.database.path : 'PostgreSQL (COMITY_DATABASE_URL)';
  process.stderr.write(`rebuild: ${config.kafka.topics.processEvents} from offset 0 -> ${target}\n`);
  const report = await rebuildReadModel(config, progressBar(process.stderr));
  const line = (name: string, expected: number, rows: number) =>
    `  ${name.padEnd(11)} ${String(expected).padStart(9)} ${String(rows).padStart(9)}${expected === rows ? '' : '  <- differs'}`;
  console.log(
    [
      `rebuild: read ${report.messages} messages (${report.skipped} not valid events, skipped)`,
      `  ${'table'.padEnd(11)} ${'expected'.padStart(9)} ${'rows'.padStart(9)}`,
      line('timeline', report.expected.timeline, report.rows.timeline),
      line('processes', report.expected.processes, report.rows.processes),
      line('statistics', report.expected.statistics, report.rows.statistics),
      line('cases', report.expected.cases, report.rows.cases),
      report.consistent ? 'rebuild: consistent' : 'rebuild: row counts differ',
    ].join('\n'),
  );
  return report.consistent ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) {
      console.error(`rebuild: ${err.message}`);
      process.exit(78);
    }
    console.error(err instanceof RebuildError ? `rebuild: ${err.message}` : err);
    process.exit(1);
  },
);
