import { ApiError, UsageError } from './exit-codes';
import { errorJson, formatError, renderFields, renderTable, showControls, toJson } from './output';
import { renderList } from './process-view';

describe('renderTable', () => {
  it('pads columns to the widest cell, headers upper-cased, no trailing spaces', () => {
    const table = renderTable(
      [
        { header: 'id', value: (r: { id: string; n: number }) => r.id },
        { header: 'count', value: (r) => String(r.n) },
      ],
      [
        { id: 'a-long-id', n: 1 },
        { id: 'b', n: 22 },
      ],
    );
    expect(table).toBe(['ID         COUNT', 'a-long-id  1', 'b          22'].join('\n'));
  });

  it('keeps each row on one line', () => {
    expect(renderTable([{ header: 'x', value: (r: string) => r }], ['a\nb'])).toBe('X\na b');
  });

  it('renders the process list with due dates, time left and "-" for no deadline', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const text = renderList(
      [
        {
          id: 'mla-1',
          type: 'mla',
          stage: 'draft',
          priority: 'urgent',
          nextDueAt: '2026-01-03T15:30:00.000Z',
          overdue: false,
        },
        {
          id: 'ext-2',
          type: 'extradition',
          stage: 'surrendered',
          priority: 'normal',
          nextDueAt: '9999-12-31T23:59:59.999Z',
          overdue: false,
        },
        {
          id: 'mla-3',
          type: 'mla',
          stage: 'transmitted',
          priority: 'high',
          nextDueAt: '2026-01-01T10:00:00.000Z',
          overdue: true,
        },
      ],
      now,
    );
    expect(text.split('\n')).toEqual([
      'ID     TYPE         STAGE        PRIORITY  NEXT DUE                      OVERDUE',
      'mla-1  mla          draft        urgent    2026-01-03 15:30Z (in 2d 3h)  no',
      'ext-2  extradition  surrendered  normal    -                             no',
      'mla-3  mla          transmitted  high      2026-01-01 10:00Z (2h ago)    yes',
    ]);
    expect(renderList([], now)).toBe('no processes');
  });

  it('aligns labelled fields', () => {
    expect(
      renderFields([
        ['stage', 'draft'],
        ['legal basis', 'UNTOC'],
      ]),
    ).toBe('stage        draft\nlegal basis  UNTOC');
  });

  it('keeps each field on one line', () => {
    expect(renderFields([['title', 'Network X\nstage        final']])).toBe('title  Network X stage        final');
  });
});

describe('control characters', () => {
  const hostile = 'Net\u001b[2J\u001b]0;pwned\u0007work\r\u007f\u009b31m\u0000';

  it('shows C0 and C1 controls and DEL as escapes, and keeps newlines and printable text', () => {
    expect(showControls(`${hostile}\nnext line: é ✓`)).toBe(
      'Net\\u001b[2J\\u001b]0;pwned\\u0007work\\u000d\\u007f\\u009b31m\\u0000\nnext line: é ✓',
    );
  });

  it('leaves JSON that parses to the exact same value', () => {
    const shown = showControls(toJson({ title: hostile }));
    expect(shown).not.toMatch(/[^\n -~]/);
    expect(JSON.parse(shown)).toEqual({ title: hostile });
  });
});

describe('errors', () => {
  const error = new ApiError(400, 'PAYLOAD_INVALID', 'the payload is invalid', ['payload.language: required']);

  it('prints `error: <message> (<code>)` and one indented line per detail', () => {
    expect(formatError(error)).toBe('error: the payload is invalid (PAYLOAD_INVALID)\n  payload.language: required');
    expect(formatError(new UsageError('--title is required'))).toBe('error: --title is required (USAGE)');
  });

  it('gives --json callers an error object with the status and exit code', () => {
    expect(errorJson(error)).toEqual({
      error: {
        statusCode: 400,
        code: 'PAYLOAD_INVALID',
        message: 'the payload is invalid',
        details: ['payload.language: required'],
        exitCode: 7,
      },
    });
  });
});
