import type { CliError } from './exit-codes';

/** Where the CLI writes; a fake in unit tests. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

// C0 and C1 controls and DEL, but for the newline the CLI lays its text out with.
const control = /[^\n -~\u00a0-\uffff]/g;

/**
 * Text with every control character shown as a `\u001b`-style escape: a title or message from the
 * API cannot clear the screen, retitle the window or move the cursor. The escape is JSON's own, and
 * JSON.stringify leaves only C1 controls and DEL raw, so --json output parses to the same value.
 */
export const showControls = (text: string): string =>
  text.replace(control, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Everything the CLI prints passes through here, whatever produced it. */
export const terminalSafe = (output: Output): Output => ({
  out: (text) => output.out(showControls(text)),
  err: (text) => output.err(showControls(text)),
});

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string;
}

/** A plain-text table: upper-case headers, columns padded to their widest cell, two spaces apart. */
export function renderTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const cells = rows.map((row) => columns.map((c) => oneLine(c.value(row))));
  const headers = columns.map((c) => c.header.toUpperCase());
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

/** `label   value` lines, one per field, with the labels padded to the same width. */
export function renderFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${label.padEnd(width)}  ${oneLine(value)}`).join('\n');
}

export const indent = (text: string, by = '  '): string =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

export const toJson = (value: unknown): string => JSON.stringify(value, null, 2);

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

/** `error: <message> (<code>)` and one line per detail. */
export function formatError(error: Pick<CliError, 'code' | 'message' | 'details'>): string {
  return [`error: ${error.message} (${error.code})`, ...error.details.map((d) => `  ${d}`)].join('\n');
}

/** The JSON error object printed with --json. */
export function errorJson(error: CliError): Record<string, unknown> {
  const status = 'status' in error && typeof error.status === 'number' ? { statusCode: error.status } : {};
  return {
    error: { ...status, code: error.code, message: error.message, details: error.details, exitCode: error.exitCode },
  };
}
