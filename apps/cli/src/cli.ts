import { takeWord } from './args';
import type { Command } from './command';
import { commands } from './commands';
import type { Runtime } from './context';
import { CliError, ExitCode, UsageError } from './exit-codes';
import { commandHelp, groupHelp, mainHelp } from './help';
import { errorJson, formatError, terminalSafe, toJson } from './output';

/** Flags before a bare `--` (after it everything is an argument). */
const flagsOf = (argv: readonly string[]) => argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
const wantsHelp = (argv: readonly string[]) => flagsOf(argv).some((a) => a === '--help' || a === '-h');

/** Finds the command (`list`, or `cases open`) and the arguments left for it. */
function resolve(argv: readonly string[]): { command?: Command; group?: string; rest: string[] } {
  const first = takeWord(argv);
  if (!first.word) return { rest: first.rest };
  const direct = commands.find((c) => c.name === first.word);
  if (direct) return { command: direct, rest: first.rest };
  if (!commands.some((c) => c.name.startsWith(`${first.word} `))) {
    throw new UsageError(`unknown command '${first.word}'; see comity --help`);
  }
  const second = takeWord(first.rest);
  const sub = commands.find((c) => c.name === `${first.word} ${second.word}`);
  if (sub) return { command: sub, rest: second.rest };
  if (!second.word) return { group: first.word, rest: second.rest };
  throw new UsageError(`unknown command '${first.word} ${second.word}'; see comity ${first.word} --help`);
}

/** Runs the CLI; answers the exit code. Never throws. */
export async function run(argv: readonly string[], terminal: Runtime): Promise<ExitCode> {
  const runtime: Runtime = { ...terminal, output: terminalSafe(terminal.output) };
  const json = flagsOf(argv).includes('--json');
  try {
    const { command, group, rest } = resolve(argv);
    if (group) {
      if (wantsHelp(rest)) return help(runtime, groupHelp(group, commands));
      const members = commands.filter((c) => c.name.startsWith(`${group} `)).map((c) => `comity ${c.name}`);
      throw new UsageError(`missing the ${group} subcommand`, [`one of: ${members.join(', ')}`]);
    }
    if (!command) {
      if (wantsHelp(rest)) return help(runtime, mainHelp(commands));
      throw new UsageError('missing the command', ['comity --help lists the commands']);
    }
    if (wantsHelp(rest)) return help(runtime, commandHelp(command));
    return await command.execute(rest, runtime);
  } catch (err) {
    const error =
      err instanceof CliError
        ? err
        : new CliError(ExitCode.Failure, 'INTERNAL', err instanceof Error ? err.message : String(err));
    runtime.output.err(formatError(error));
    if (error instanceof UsageError && !json) runtime.output.err('(comity --help for usage)');
    if (json) runtime.output.out(toJson(errorJson(error)));
    return error.exitCode;
  }
}

function help(runtime: Runtime, text: string): ExitCode {
  runtime.output.out(text);
  return ExitCode.Ok;
}
