import { validate } from './action-form';
import type { DocumentResource } from './api-types';
import { fromKey, offChannelFields, onBehalfKey, scansOf, splitOffChannel } from './off-channel-form';

const scan = {
  id: 'doc-00000000-0000-4000-8000-000000000001',
  name: 'accuse-de-reception.pdf',
  status: 'available',
  attached: {},
} as unknown as DocumentResource;

/** Noon on a day, where the test runs. */
const noonOf = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12).getTime();

describe('the form of a step taken outside Comity', () => {
  it('keys an action recorded for a party apart from the same action of the caller', () => {
    expect(fromKey(onBehalfKey('acknowledge', 'requested'))).toEqual({ action: 'acknowledge', party: 'requested' });
    expect(fromKey('transmit')).toEqual({ action: 'transmit' });
  });

  it('requires the channel and the day for a party, and offers only the scans attached and checked', () => {
    const scans = scansOf([
      scan,
      { ...scan, id: 'doc-x', status: 'scanning' },
      { ...scan, id: 'doc-y', attached: undefined },
    ]);
    expect(scans.map((d) => d.id)).toEqual([scan.id]);
    const fields = offChannelFields(true, scans);
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['offChannel-channel', 'choice', true],
      ['offChannel-date', 'date', true],
      ['offChannel-reference', 'text', false],
      ['offChannel-documents', 'choices', false],
    ]);
    expect(fields[3]?.optionLabels).toEqual({ [scan.id]: 'accuse-de-reception.pdf' });
    const missing = validate({ fields }, {});
    expect(missing.ok ? [] : Object.keys(missing.errors)).toEqual(['offChannel-channel', 'offChannel-date']);
    const free = validate(
      { fields },
      { 'offChannel-channel': 'post', 'offChannel-date': '2026-12-01', 'offChannel-reference': 'see <b>' },
    );
    expect(free.ok ? [] : Object.keys(free.errors)).toEqual(['offChannel-reference']);
    expect(offChannelFields(false, []).every((f) => !f.required)).toBe(true);
  });

  it('dates the step at noon on the day, kept within its stage and not after now', () => {
    const process = {
      startedAt: '2026-11-01T08:00:00.000Z',
      stageSince: new Date(noonOf(2026, 12, 1) + 3_600_000).toISOString(),
    };
    const values = {
      reasons: 'x',
      'offChannel-channel': 'post',
      'offChannel-date': '2026-12-02',
      'offChannel-reference': 'RR 1',
      'offChannel-documents': [scan.id],
    };
    const now = noonOf(2026, 12, 4);
    expect(splitOffChannel(values, process, 'requested', now)).toEqual({
      payload: { reasons: 'x' },
      offChannel: {
        channel: 'post',
        at: new Date(noonOf(2026, 12, 2)).toISOString(),
        reference: 'RR 1',
        onBehalfOf: 'requested',
        documents: [scan.id],
      },
    });
    // The day the stage began, before it began: the stage's start. Today, after now: now.
    expect(
      splitOffChannel({ ...values, 'offChannel-date': '2026-12-01' }, process, undefined, now).offChannel?.['at'],
    ).toBe(process.stageSince);
    const morning = noonOf(2026, 12, 4) - 3 * 3_600_000;
    expect(
      splitOffChannel({ ...values, 'offChannel-date': '2026-12-04' }, process, undefined, morning).offChannel,
    ).toMatchObject({
      at: new Date(morning).toISOString(),
    });
    // No channel chosen: the step went through Comity.
    expect(splitOffChannel({ reasons: 'x', 'offChannel-date': '2026-12-02' }, process, undefined, now)).toEqual({
      payload: { reasons: 'x' },
    });
  });
});
