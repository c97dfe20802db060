import type { LoggerService } from '@nestjs/common';
import { log } from '@comity/observability';

/**
 * Nest's logger writing Comity's JSON lines: Nest passes the message, then optional parameters
 * whose last string is the context (the class that logs); for an error, a string before it is the stack.
 */
function record(message: unknown, params: unknown[]): [string, Record<string, unknown>] {
  const rest = [...params];
  const ctx = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
  const fields: Record<string, unknown> = ctx ? { context: ctx } : {};
  if (typeof rest[0] === 'string') fields['stack'] = rest.shift();
  if (rest.length) fields['details'] = rest;
  return [message instanceof Error ? message.message : String(message), fields];
}

export const jsonNestLogger: LoggerService = {
  log: (message: unknown, ...params: unknown[]) => log.info(...record(message, params)),
  warn: (message: unknown, ...params: unknown[]) => log.warn(...record(message, params)),
  error: (message: unknown, ...params: unknown[]) => log.error(...record(message, params)),
  debug: (message: unknown, ...params: unknown[]) => log.debug(...record(message, params)),
  verbose: (message: unknown, ...params: unknown[]) => log.debug(...record(message, params)),
  fatal: (message: unknown, ...params: unknown[]) => log.error(...record(message, params)),
};
