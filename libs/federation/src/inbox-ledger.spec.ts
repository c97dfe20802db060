import { classifyInbound, INBOX_LIMITS, InboxLedger, type Inbound, type InboxDecision } from './inbox-ledger';

const inbound = (sequence: number, overrides: Partial<Inbound> = {}): Inbound => ({
  messageId: `msg-${sequence}`,
  sequence,
  envelopeDigest: `envelope-${sequence}`,
  contentDigest: `content-${sequence}`,
  ...overrides,
});

/** Messages 1 and 2 applied, 4 held (3 has not arrived). */
const ledger = (): InboxLedger => {
  const l = new InboxLedger();
  l.recordApplied(inbound(1));
  l.recordApplied(inbound(2));
  l.recordHeld(inbound(4));
  return l;
};

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
    ['far beyond the window', inbound(Number.MAX_SAFE_INTEGER), 'too-far-ahead', /beyond 1002/],
  ])('%s', (_, message, verdict, reason) => {
    const decision = ledger().classify(message);
    expect(decision.verdict).toBe(verdict);
    if (reason) expect(decision).toMatchObject({ reason: expect.stringMatching(reason) });
  });

  it('names the sequences missing before a gap', () => {
    expect(ledger().classify(inbound(6))).toEqual({ verdict: 'gap', missing: [3, 5] });
    expect(new InboxLedger().classify(inbound(2))).toEqual({ verdict: 'gap', missing: [1, 1] });
  });

  it('answers a duplicate with what was recorded of the first', () => {
    expect(ledger().classify(inbound(2))).toEqual({
      verdict: 'duplicate',
      entry: { ...inbound(2), status: 'applied' },
    });
  });

  it('starts at sequence 1', () => {
    expect(new InboxLedger().classify(inbound(1)).verdict).toBe('accept');
  });
});

describe('the window and the hold', () => {
  const facts = { appliedThrough: 10, sameId: undefined, heldAtSequence: undefined, heldCount: 0 };

  it('takes a message up to appliedThrough + window, and refuses the one after', () => {
    const edge = 10 + INBOX_LIMITS.window;
    expect(classifyInbound(facts, inbound(edge))).toEqual({ verdict: 'gap', missing: [11, edge - 1] });
    expect(classifyInbound(facts, inbound(edge + 1))).toMatchObject({
      verdict: 'too-far-ahead',
      reason: expect.stringContaining(`beyond ${edge}`),
    });
  });

  it('moves the window with what is applied', () => {
    const l = new InboxLedger({ window: 3, maxHeld: 10 });
    expect(l.classify(inbound(4)).verdict).toBe('too-far-ahead');
    l.recordApplied(inbound(1));
    expect(l.classify(inbound(4)).verdict).toBe('gap');
  });

  it('holds at most maxHeld, then takes only the next in order', () => {
    const l = new InboxLedger({ window: 100, maxHeld: 3 });
    [3, 5, 7].forEach((s) => l.recordHeld(inbound(s)));
    expect(l.classify(inbound(9))).toMatchObject({
      verdict: 'too-far-ahead',
      reason: expect.stringMatching(/at most 3/),
    });
    expect(() => l.recordHeld(inbound(9))).toThrow(RangeError);
    expect(l.heldCount).toBe(3);
    expect(l.classify(inbound(1)).verdict).toBe('accept');
    expect(l.classify(inbound(3)).verdict).toBe('duplicate');
    l.recordApplied(inbound(1));
    l.recordApplied(inbound(2));
    l.recordApplied(inbound(3));
    expect(l.heldCount).toBe(2);
    expect(l.classify(inbound(9)).verdict).toBe('gap');
  });

  it('keeps nothing of a message it refuses', () => {
    const l = new InboxLedger({ window: 2, maxHeld: 2 });
    expect(() => l.recordHeld(inbound(5))).toThrow(/too-far-ahead/);
    expect(l.entry('msg-5')).toBeUndefined();
  });
});

describe('cost per message', () => {
  /** A Map that fails the test if anything walks through it instead of looking up a key. */
  class NoScanMap<K, V> extends Map<K, V> {
    override [Symbol.iterator](): MapIterator<[K, V]> {
      throw new Error('scanned');
    }
    override values(): MapIterator<V> {
      throw new Error('scanned');
    }
    override entries(): MapIterator<[K, V]> {
      throw new Error('scanned');
    }
    override keys(): MapIterator<K> {
      throw new Error('scanned');
    }
    override forEach(): void {
      throw new Error('scanned');
    }
  }

  it('finds applied and held messages by key, never by going through them all', () => {
    const l = new InboxLedger({ window: 5000, maxHeld: 5000 });
    const maps = l as unknown as { byId: Map<string, unknown>; held: Map<number, unknown> };
    maps.byId = new NoScanMap();
    maps.held = new NoScanMap();
    for (let s = 1; s <= 2000; s += 1) l.recordApplied(inbound(s));
    for (let s = 2002; s <= 4000; s += 1) l.recordHeld(inbound(s));
    expect(l.classify(inbound(1)).verdict).toBe('duplicate');
    expect(l.classify(inbound(3000)).verdict).toBe('duplicate');
    expect(l.classify(inbound(3000, { messageId: 'other' })).verdict).toBe('replay');
    l.recordApplied(inbound(2001));
    for (let next = l.nextHeld(); next; next = l.nextHeld()) l.recordApplied(next);
    expect(l.appliedThrough).toBe(4000);
    expect(l.heldCount).toBe(0);
  });
});

describe('applying in order', () => {
  it('releases held messages once the missing one is applied, and only then', () => {
    const l = ledger();
    expect(l.nextHeld()).toBeUndefined();
    l.recordApplied(inbound(3));
    expect(l.nextHeld()).toEqual({ ...inbound(4), status: 'held' });
    l.recordApplied(inbound(4));
    expect(l.appliedThrough).toBe(4);
    expect(l.nextHeld()).toBeUndefined();
    expect(l.classify(inbound(4)).verdict).toBe('duplicate');
    expect(l.classify(inbound(5)).verdict).toBe('accept');
  });

  it('never applies out of order', () => {
    const l = ledger();
    expect(() => l.recordApplied(inbound(4))).toThrow(RangeError);
    expect(l.appliedThrough).toBe(2);
    expect(l.entry('msg-4')?.status).toBe('held');
  });
});
