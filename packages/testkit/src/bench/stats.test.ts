import { describe, expect, it } from 'vitest';
import { median } from './stats.js';

describe('median', () => {
  it.each([
    { name: 'returns the only value of a one-element list', input: [42], expected: 42 },
    { name: 'returns the middle value of an odd count, whatever the order', input: [300, 100, 200], expected: 200 },
    { name: 'returns the mean of the two middle values of an even count', input: [4, 1, 3, 2], expected: 2.5 },
    { name: 'sorts numerically, not as strings', input: [1000, 90, 800], expected: 800 },
    { name: 'is not pulled by one outlier', input: [101, 99, 100, 5000, 98], expected: 100 },
  ])('$name', ({ input, expected }) => {
    expect(median(input)).toBe(expected);
  });

  it('leaves its input in its original order', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty list with a RangeError', () => {
    expect(() => median([])).toThrow(new RangeError('The median of an empty list is undefined'));
  });
});
