import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit-codes';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts, before or after the command name. */
export const globalOptions = {
  api: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/**
 * Takes the first positional argument (a command or subcommand name) out of argv. Only global
 * flags may come before it, so only their values need skipping.
 */
export function takeWord(argv: readonly string[]): { word?: string; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg === '--api' || arg === '--token') i++;
    else if (!arg.startsWith('-')) return { word: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { rest: [...argv] };
}

/** node:util parseArgs, strict, with the global flags added; a parse error is a usage error. */
export function parseCommandArgs<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...globalOptions, ...options },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    // Node's message, without the error code prefix some runtimes add and the hint after the first sentence.
    const text = (err instanceof Error ? err.message : String(err)).replace(/^\w*Error \[[A-Z_]+\]: /, '');
    throw new UsageError((text.split(/\.\s/)[0] ?? text).replace(/\.$/, ''));
  }
}

/** `requesting=it-ministry-of-justice:IT` → `{ requesting: { agencyId, state } }` for every --party. */
/** `<slot>=<agency>:<state>`, or `<slot>=<state>` for the directory's competent authority there. */
export function parseParties(values: readonly string[]): Record<string, { agencyId?: string; state: string }> {
  const parties: Record<string, { agencyId?: string; state: string }> = {};
  for (const value of values) {
    const match = /^([^=\s]+)=(?:(.+):)?([A-Za-z]{2})$/.exec(value.trim());
    if (!match) {
      throw new UsageError(
        `--party '${value}' is not <slot>=<agency id>:<state> or <slot>=<state>, e.g. requested=ly-ag:LY or requested=LY`,
      );
    }
    const [, slot = '', agencyId, state = ''] = match;
    if (slot in parties) throw new UsageError(`--party ${slot} is given twice`);
    parties[slot] = { ...(agencyId ? { agencyId } : {}), state: state.toUpperCase() };
  }
  return parties;
}

/**
 * `--set key=value` (a string) and `--set key:=<json>` (a number, boolean, object…) into an object;
 * a dotted key (`a.b=c`) nests.
 */
export function applySets(base: Record<string, unknown>, sets: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = structuredClone(base);
  for (const set of sets) {
    const match = /^([^=:]+)(:?=)([\s\S]*)$/.exec(set);
    if (!match || !match[1]?.trim()) throw new UsageError(`--set '${set}' is not key=value or key:=<json>`);
    const [, key = '', operator, raw = ''] = match;
    const value = operator === ':=' ? parseJson(raw, `--set ${key}`) : raw;
    const path = key.trim().split('.');
    if (path.some((p) => !p)) throw new UsageError(`--set '${set}' has an empty key segment`);
    let target = result;
    for (const segment of path.slice(0, -1)) {
      const next = target[segment];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[segment] = {};
      target = target[segment] as Record<string, unknown>;
    }
    target[path[path.length - 1] ?? key] = value;
  }
  return result;
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A JSON object given inline, or `@file` to read it from a file. */
export function parseJsonObject(
  text: string,
  flag: string,
  readFile: (path: string) => string,
): Record<string, unknown> {
  let source = text;
  if (text.startsWith('@')) {
    try {
      source = readFile(text.slice(1));
    } catch (err) {
      throw new UsageError(
        `${flag}: cannot read ${text.slice(1)}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  const value = parseJson(source, flag);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${flag} must be a JSON object, e.g. '{"key": "value"}'`);
  }
  return value as Record<string, unknown>;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value;
}

export function positiveInt(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max}`);
  return n;
}

/** Exactly the positional arguments a command takes. */
export function positionals(values: readonly string[], names: readonly string[]): string[] {
  if (values.length < names.length) throw new UsageError(`missing <${names[values.length]}>`);
  if (values.length > names.length) throw new UsageError(`unexpected argument '${values[names.length]}'`);
  return [...values];
}
