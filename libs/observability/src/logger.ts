import { isSpanContextValid, trace } from '@opentelemetry/api';

export const LogLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LogLevels)[number];

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds these fields to every record. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  readonly service: string;
  readonly level?: LogLevel;
  /** Where a line goes (without its newline); by default stdout, warnings and errors to stderr. */
  readonly write?: (line: string, level: LogLevel) => void;
  readonly now?: () => Date;
}

/** The record's own keys: a field of the same name cannot overwrite them. */
const RESERVED = new Set(['time', 'level', 'service', 'msg', 'trace_id', 'span_id']);

const writeToConsoleStreams = (line: string, level: LogLevel): void => {
  (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
};

/** An Error as JSON can hold it (JSON.stringify gives `{}` for one); a cause is followed once. */
function plain(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const { name, message, stack } = value;
  const code = (value as { code?: unknown }).code;
  return {
    name,
    message,
    ...(code === undefined ? {} : { code }),
    stack,
    ...(value.cause === undefined ? {} : { cause: value.cause instanceof Error ? value.cause.message : value.cause }),
  };
}

/**
 * A structured logger: one JSON object per line with `time`, `level`, `service`, `msg`, the
 * active span's `trace_id` and `span_id` (when a span is active, so a log line leads to its trace),
 * then the fields. A value JSON cannot hold (a cycle, a BigInt) does not lose the line: it is
 * written as a string.
 */
export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
  const threshold = LogLevels.indexOf(options.level ?? 'info');
  const write = options.write ?? writeToConsoleStreams;
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (LogLevels.indexOf(level) < threshold) return;
    const record: Record<string, unknown> = { time: now().toISOString(), level, service: options.service, msg };
    const span = trace.getActiveSpan()?.spanContext();
    if (span && isSpanContextValid(span)) {
      record['trace_id'] = span.traceId;
      record['span_id'] = span.spanId;
    }
    for (const [key, value] of Object.entries({ ...bound, ...fields })) {
      if (!RESERVED.has(key) && value !== undefined) record[key] = plain(value);
    }
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify(
        Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)])),
      );
    }
    write(line, level);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

let processLogger = createLogger({ service: 'comity' });

let routesWarnings = false;

/**
 * Names the service (and level) of the process's logger; runMain calls it first thing. Node's own
 * process warnings (a dependency's deprecation, say) become records too, instead of Node's
 * plain-text lines among the JSON ones.
 */
export function configureLogging(options: LoggerOptions): void {
  processLogger = createLogger(options);
  if (routesWarnings) return;
  routesWarnings = true;
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (!isKnownHarmless(warning)) log.warn(warning.message, { warning: warning.name });
  });
}

/**
 * kafkajs 2.2.4 schedules its first check of throttled requests at `-1 - Date.now()` ms (its
 * "not throttled" mark is -1), which Node clamps to 1 ms with a TimeoutNegativeWarning at every
 * start: the check runs 1 ms later, as kafkajs means it to. Not worth a line in every app's log.
 */
export function isKnownHarmless(warning: Error): boolean {
  return (
    warning.name === 'TimeoutNegativeWarning' &&
    /kafkajs[\\/]src[\\/]network[\\/]requestQueue/.test(warning.stack ?? '')
  );
}

/**
 * The process's logger, for code that runs inside an app (libraries included): its records carry
 * the service that configureLogging named.
 */
export const log: Logger = delegate(() => processLogger);

/** Resolved at each call, so a logger made at import time still writes as the configured service. */
function delegate(current: () => Logger): Logger {
  return {
    debug: (msg, fields) => current().debug(msg, fields),
    info: (msg, fields) => current().info(msg, fields),
    warn: (msg, fields) => current().warn(msg, fields),
    error: (msg, fields) => current().error(msg, fields),
    child: (fields) => delegate(() => current().child(fields)),
  };
}
