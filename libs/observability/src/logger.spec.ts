import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { createLogger, isKnownHarmless, type LogLevel } from './logger';

const at = new Date('2026-01-02T03:04:05.678Z');

function capture(level?: LogLevel) {
  const lines: { line: string; level: LogLevel }[] = [];
  const logger = createLogger({
    service: 'bridge',
    level,
    now: () => at,
    write: (line, l) => lines.push({ line, level: l }),
  });
  const records = () => lines.map(({ line }) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

describe('createLogger', () => {
  beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());

  it('writes one JSON object per line: time, level, service, msg, then the fields', () => {
    const { logger, lines } = capture();
    logger.info('parked an answer', { processId: 'mla-1', attempts: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.line).not.toContain('\n');
    expect(lines[0]?.line).toBe(
      '{"time":"2026-01-02T03:04:05.678Z","level":"info","service":"bridge","msg":"parked an answer","processId":"mla-1","attempts":2}',
    );
  });

  it('adds the trace and span ids of the active span', () => {
    const { logger, records } = capture();
    const span = trace.wrapSpanContext({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    context.with(trace.setSpan(context.active(), span), () => logger.warn('in a span'));
    logger.warn('outside');
    expect(records()[0]).toMatchObject({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' });
    expect(records()[1]).not.toHaveProperty('trace_id');
  });

  it('leaves out records below its level', () => {
    const { logger, lines } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((l) => l.level)).toEqual(['warn', 'error']);
  });

  it('writes an error with its name, message and stack, and a child with its bound fields', () => {
    const { logger, records } = capture();
    const child = logger.child({ component: 'temporal-sdk' });
    child.error('failed', { err: Object.assign(new Error('boom', { cause: new Error('root') }), { code: 'E1' }) });
    expect(records()[0]).toMatchObject({
      component: 'temporal-sdk',
      err: { name: 'Error', message: 'boom', code: 'E1', cause: 'root' },
    });
    expect((records()[0]?.['err'] as { stack: string }).stack).toContain('boom');
  });

  it("never lets a field overwrite the record's own keys", () => {
    const { logger, records } = capture();
    logger.info('real', { msg: 'forged', level: 'error', service: 'api', trace_id: 'x' });
    expect(records()[0]).toEqual({ time: at.toISOString(), level: 'info', service: 'bridge', msg: 'real' });
  });

  it('keeps the line when a field cannot be JSON (a cycle, a BigInt)', () => {
    const { logger, records } = capture();
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    logger.info('odd values', { cyclic, big: 10n });
    expect(records()[0]).toMatchObject({ msg: 'odd values', big: '10', cyclic: '[object Object]' });
  });

  it('keeps a hostile message on its one line', () => {
    const { logger, lines } = capture();
    logger.info('line one\n{"level":"error","msg":"forged"}');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!.line)).toMatchObject({ level: 'info' });
  });
});

describe('process warnings', () => {
  /** The warning Node emits for `setTimeout(fn, ms)` with a negative `ms`, made where `at` says. */
  const negativeTimeout = (at: string): Error => {
    const warning = new Error('-1796279201239 is a negative number.\nTimeout duration was set to 1.');
    warning.name = 'TimeoutNegativeWarning';
    warning.stack = `${warning.name}: ${warning.message}\n    at new Timeout (node:internal/timers:195:17)\n    at setTimeout (node:timers:127:19)\n    at ${at}`;
    return warning;
  };

  it("leave out kafkajs's negative first throttle check, and nothing else", () => {
    const kafkajs =
      'RequestQueue.scheduleCheckPendingRequests (/srv/node_modules/kafkajs/src/network/requestQueue/index.js:317:37)';
    expect(isKnownHarmless(negativeTimeout(kafkajs))).toBe(true);
    expect(isKnownHarmless(negativeTimeout('retry (/srv/apps/bridge/src/bridge.ts:120:5)'))).toBe(false);
    const deprecation = new Error('Buffer() is deprecated');
    deprecation.name = 'DeprecationWarning';
    deprecation.stack = `DeprecationWarning: x\n    at ${kafkajs}`;
    expect(isKnownHarmless(deprecation)).toBe(false);
  });
});
