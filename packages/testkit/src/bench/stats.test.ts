import { describe, expect, it } from 'vitest';
import { median, percentile } from './stats.js';

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

describe('percentile', () => {
  const oneToTen = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  it.each([
    { name: 'p50 of ten values is the fifth smallest', input: oneToTen, p: 50, expected: 5 },
    { name: 'p95 of ten values is the largest', input: oneToTen, p: 95, expected: 10 },
    { name: 'p100 is the maximum', input: oneToTen, p: 100, expected: 10 },
    { name: 'p10 of ten values is the minimum', input: oneToTen, p: 10, expected: 1 },
    { name: 'p95 of fifty values is the 48th smallest', input: Array.from({ length: 50 }, (_, i) => 50 - i), p: 95, expected: 48 },
    { name: 'any percentile of one value is that value', input: [7], p: 1, expected: 7 },
  ])('$name', ({ input, p, expected }) => {
    expect(percentile(input, p)).toBe(expected);
  });

  it.each([
    { name: 'an empty list', input: [], p: 50, message: 'A percentile of an empty list is undefined' },
    { name: 'p = 0', input: [1], p: 0, message: 'A percentile is above 0 and at most 100, not 0' },
    { name: 'p above 100', input: [1], p: 101, message: 'A percentile is above 0 and at most 100, not 101' },
  ])('refuses $name with a RangeError', ({ input, p, message }) => {
    expect(() => percentile(input, p)).toThrow(new RangeError(message));
  });
});
