import type { parseArgs } from 'node:util';
import { parseCommandArgs, type globalOptions, type Options } from './args';
import { Context, type Globals, type Runtime } from './context';
import type { ExitCode } from './exit-codes';

export type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof globalOptions & O; strict: true; allowPositionals: true }>
>;

export interface CommandSpec<O extends Options> {
  /** `list`, or `cases open` for a subcommand. */
  readonly name: string;
  readonly summary: string;
  /** The usage line(s) and options, printed by `comity <command> --help`. */
  readonly usage: string;
  readonly options: O;
  run(ctx: Context, args: Parsed<O>): Promise<ExitCode | void>;
}

/** A command with its flags parsed: what the dispatcher runs. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  execute(argv: readonly string[], runtime: Runtime): Promise<ExitCode>;
}

export function defineCommand<O extends Options>(spec: CommandSpec<O>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
    execute: async (argv, runtime) => {
      const parsed = parseCommandArgs(argv, spec.options) as Parsed<O>;
      const ctx = new Context(runtime, parsed.values as Globals);
      return (await spec.run(ctx, parsed)) ?? 0;
    },
  };
}
