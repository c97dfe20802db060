import type { KafkaMessage } from 'kafkajs';
import type { DeadLetterLog } from '@comity/persistence';
import { log } from '@comity/observability';
import { deadLetterRow, keepWithinRetention } from './dead-letters';

const at = { topic: 'comity.dead-letter.v1', partition: 2 };
const PREFIX = 'comity.agency-answers.v1.';
const message = (headers: KafkaMessage['headers'], over: Partial<KafkaMessage> = {}): KafkaMessage =>
  ({
    key: Buffer.from('mla-1'),
    value: Buffer.from('{"encrypted":"…"}'),
    offset: '41',
    timestamp: String(Date.parse('2026-12-03T10:00:00.000Z')),
    attributes: 0,
    headers,
    ...over,
  }) as KafkaMessage;

describe('deadLetterRow', () => {
  it('records where the message came from, the check it failed and why, never its bytes', () => {
    const row = deadLetterRow(
      message({
        'comity-dead-letter-check': Buffer.from('signature'),
        'comity-dead-letter-reason': Buffer.from('the answer is not signed'),
        'comity-dead-letter-code': Buffer.from('ANSWER_NOT_SIGNED'),
        'comity-original-topic': Buffer.from(`${PREFIX}at-police`),
        'comity-original-partition': Buffer.from('0'),
        'comity-original-offset': Buffer.from('17'),
      }),
      at,
      PREFIX,
    );
    expect(row).toEqual({
      id: 'comity.dead-letter.v1/2/41',
      originalTopic: `${PREFIX}at-police`,
      agencyId: 'at-police',
      messageKey: 'mla-1',
      check: 'signature',
      code: 'ANSWER_NOT_SIGNED',
      reason: 'the answer is not signed',
      deadLetteredAt: '2026-12-03T10:00:00.000Z',
    });
    expect(JSON.stringify(row)).not.toContain('encrypted');
  });

  it('still records a dead letter without its headers, where it sits, and takes no agency from another topic', () => {
    const row = deadLetterRow(
      message({ 'comity-original-topic': 'comity.process-events.v1' }, { key: Buffer.from([0xff, 0x00]) }),
      at,
      PREFIX,
    );
    expect(row).toMatchObject({
      id: 'comity.dead-letter.v1/2/41',
      originalTopic: 'comity.process-events.v1',
      agencyId: null,
      messageKey: null,
      check: 'unknown',
      code: null,
      reason: '(no reason given)',
    });
  });

  it('keeps no control or reordering character of a reason (NUL would break the insert, a bidi override mislead)', () => {
    const row = deadLetterRow(
      message({
        'comity-dead-letter-check': 'agency',
        'comity-dead-letter-reason': "the answer claims agency 'x\u0000\u202Eecilop-ta'\r\nforged line\u200B",
      }),
      at,
      PREFIX,
    );
    expect(row.reason).toBe("the answer claims agency 'x ecilop-ta' forged line");
  });

  it('caps what a header may say and refuses what is not printable', () => {
    const row = deadLetterRow(
      message({
        'comity-dead-letter-check': 'x'.repeat(41),
        'comity-dead-letter-reason': 'r'.repeat(5000),
        'comity-dead-letter-code': 'CODE\nINJECTED',
        'comity-original-topic': `${PREFIX}${'a'.repeat(300)}`,
      }),
      at,
      PREFIX,
    );
    expect(row.check).toBe('unknown');
    expect([...row.reason]).toHaveLength(1000);
    // A time no Date holds is taken as now, not thrown on (which would refetch the batch forever).
    const late = deadLetterRow(message({}, { timestamp: '9'.repeat(20) }), at, PREFIX);
    expect(Date.parse(late.deadLetteredAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(row.code).toBeNull();
    expect(row.originalTopic).toBeNull();
    expect(row.id).toBe('comity.dead-letter.v1/2/41');
  });
});

describe('keepWithinRetention', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('deletes what is older than the retention now and an hour after each purge, a failure logged and tried again', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-04T12:00:00.000Z') });
    const warned = jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    const cutoffs: string[] = [];
    const deadLetterLog = {
      purgeBefore: (instant: string) => {
        cutoffs.push(instant);
        return cutoffs.length === 2 ? Promise.reject(new Error('database away')) : Promise.resolve(3);
      },
    } as unknown as DeadLetterLog;
    const stop = keepWithinRetention(deadLetterLog, 90);
    expect(cutoffs).toEqual(['2026-09-05T12:00:00.000Z']);
    await jest.advanceTimersByTimeAsync(3_600_000);
    await jest.advanceTimersByTimeAsync(3_600_000);
    // The cutoff moves with the clock; the second purge failed, was logged, and the third ran.
    expect(cutoffs).toEqual(['2026-09-05T12:00:00.000Z', '2026-09-05T13:00:00.000Z', '2026-09-05T14:00:00.000Z']);
    expect(warned).toHaveBeenCalledWith('could not delete dead-letter records past their retention', {
      error: 'Error: database away',
    });
    await stop();
    await jest.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(cutoffs).toHaveLength(3);
  });

  it('stops only once a purge under way has ended, so the database is not closed beneath it', async () => {
    let finish: (deleted: number) => void = () => undefined;
    const deadLetterLog = {
      purgeBefore: () => new Promise<number>((resolve) => (finish = resolve)),
    } as unknown as DeadLetterLog;
    const stop = keepWithinRetention(deadLetterLog, 90);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    finish(0);
    await stopping;
    expect(stopped).toBe(true);
  });
});
