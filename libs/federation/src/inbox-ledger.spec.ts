import {
  classifyInbound,
  emptyLedger,
  nextHeld,
  recordApplied,
  recordHeld,
  type Inbound,
  type InboxDecision,
  type InboxLedgerState,
} from './inbox-ledger';

const inbound = (sequence: number, overrides: Partial<Inbound> = {}): Inbound => ({
  messageId: `msg-${sequence}`,
  sequence,
  envelopeDigest: `envelope-${sequence}`,
  contentDigest: `content-${sequence}`,
  ...overrides,
});

/** Messages 1 and 2 applied, 4 held (3 has not arrived). */
const ledger: InboxLedgerState = recordHeld(
  recordApplied(recordApplied(emptyLedger(), inbound(1)), inbound(2)),
  inbound(4),
);

describe('classifyInbound', () => {
  it.each<[string, Inbound, InboxDecision['verdict'], RegExp | null]>([
    ['the next in order', inbound(3), 'accept', null],
    ['an applied message, the same envelope again', inbound(2), 'duplicate', null],
    ['a held message, the same envelope again', inbound(4), 'duplicate', null],
    ['an applied message under a new envelope', inbound(2, { envelopeDigest: 'other' }), 'replay', /new envelope/],
    ['an id reused for other content', inbound(2, { envelopeDigest: 'x', contentDigest: 'y' }), 'replay', /reused/],
    ['a held id reused for other content', inbound(4, { envelopeDigest: 'x', contentDigest: 'y' }), 'replay', /reused/],
    ['an applied sequence under a new id', inbound(1, { messageId: 'msg-new' }), 'replay', /already applied/],
    ['a held sequence under a new id', inbound(4, { messageId: 'msg-new' }), 'replay', /already held as msg-4/],
    ['beyond what is held', inbound(6), 'gap', null],
  ])('%s', (_, message, verdict, reason) => {
    const decision = classifyInbound(ledger, message);
    expect(decision.verdict).toBe(verdict);
    if (reason) expect(decision).toMatchObject({ reason: expect.stringMatching(reason) });
  });

  it('names the sequences missing before a gap', () => {
    expect(classifyInbound(ledger, inbound(6))).toEqual({ verdict: 'gap', missing: [3, 5] });
    expect(classifyInbound(emptyLedger(), inbound(2))).toEqual({ verdict: 'gap', missing: [1, 1] });
  });

  it('answers a duplicate with what was recorded of the first', () => {
    expect(classifyInbound(ledger, inbound(2))).toEqual({
      verdict: 'duplicate',
      entry: { ...inbound(2), status: 'applied' },
    });
  });

  it('starts at sequence 1', () => {
    expect(classifyInbound(emptyLedger(), inbound(1)).verdict).toBe('accept');
  });
});

describe('applying in order', () => {
  it('releases held messages once the missing one is applied, and only then', () => {
    expect(nextHeld(ledger)).toBeUndefined();
    const withThree = recordApplied(ledger, inbound(3));
    expect(nextHeld(withThree)).toEqual({ ...inbound(4), status: 'held' });
    const withFour = recordApplied(withThree, inbound(4));
    expect(withFour.appliedThrough).toBe(4);
    expect(nextHeld(withFour)).toBeUndefined();
    expect(classifyInbound(withFour, inbound(4)).verdict).toBe('duplicate');
    expect(classifyInbound(withFour, inbound(5)).verdict).toBe('accept');
  });

  it('never applies out of order, and leaves the state it was given as it was', () => {
    expect(() => recordApplied(ledger, inbound(4))).toThrow(RangeError);
    recordApplied(ledger, inbound(3));
    expect(ledger.appliedThrough).toBe(2);
    expect(ledger.seen.has('msg-3')).toBe(false);
  });
});
