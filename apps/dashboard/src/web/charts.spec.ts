import { labelled, ticks } from './charts';

describe('chart axes', () => {
  it('steps the value axis in round numbers up to at least the largest value', () => {
    expect(ticks(9)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(4.2)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks(0)).toEqual([0, 1]);
  });

  it('never steps counts by fractions', () => {
    expect(ticks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(1, true)).toEqual([0, 1]);
    expect(ticks(3, true)).toEqual([0, 1, 2, 3]);
  });

  it('labels every category when few, every k-th when many (thirteen months: every second)', () => {
    expect([0, 1, 2].every((i) => labelled(i, 3))).toBe(true);
    expect([...Array(13).keys()].filter((i) => labelled(i, 13))).toEqual([0, 2, 4, 6, 8, 10, 12]);
  });
});
