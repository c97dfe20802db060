import { retentionCutoff } from './documents';

describe('retentionCutoff', () => {
  it("is now less the kind's retention in calendar years", () => {
    expect(retentionCutoff('correspondence', new Date('2031-03-10T08:00:00.000Z'))).toBe('2026-03-10T08:00:00.000Z');
    expect(retentionCutoff('decision', new Date('2031-03-10T08:00:00.000Z'))).toBe('2001-03-10T08:00:00.000Z');
  });

  it('counts from 29 February as from the first of March in a year without one', () => {
    expect(retentionCutoff('correspondence', new Date('2032-02-29T00:00:00.000Z'))).toBe('2027-03-01T00:00:00.000Z');
  });
});
