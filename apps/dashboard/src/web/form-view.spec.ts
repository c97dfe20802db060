import { provesNothingApplied, tabMemory } from './form-view';

describe('provesNothingApplied', () => {
  it('takes a client error as proof that the request did nothing', () => {
    expect([400, 401, 403, 404, 409, 422].map((s) => provesNothingApplied(s, false))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('not a refusal of the caller to a submission sent again, nor a server error or a throttle', () => {
    expect(provesNothingApplied(401, true)).toBe(false);
    expect(provesNothingApplied(403, true)).toBe(false);
    expect(provesNothingApplied(400, true)).toBe(true);
    expect(provesNothingApplied(422, true)).toBe(true);
    expect([429, 500, 502, 503].map((s) => provesNothingApplied(s, false))).toEqual([false, false, false, false]);
  });
});

describe('tabMemory', () => {
  it('keeps values in memory where the browser has no storage', () => {
    // Jest's node environment has no sessionStorage: what a locked-down browser gives.
    const memory = tabMemory<{ key: string }>('test', 'officer-1');
    memory.set('mla-1|transmit', { key: 'page-1' });
    expect(memory.get('mla-1|transmit')).toEqual({ key: 'page-1' });
    expect(memory.get('mla-1|acknowledge')).toBeUndefined();
    memory.set('mla-1|transmit', undefined);
    expect(memory.get('mla-1|transmit')).toBeUndefined();
  });
});
