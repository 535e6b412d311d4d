import { describe, expect, it } from 'vitest';
import { peakPerSecond } from './load-stats.js';

const at = (operation: string, ...times: number[]) => times.map((atMs) => ({ operation, atMs, throttled: false }));

describe('peakPerSecond', () => {
  it.each([
    { name: 'counts calls less than a second apart together', events: at('a', 0, 500, 999), expected: { a: 3 } },
    { name: 'starts a new window at exactly 1000 ms', events: at('a', 0, 1000), expected: { a: 1 } },
    { name: 'finds the busiest window, not the first', events: at('a', 0, 1500, 1600, 1700, 2400, 2600), expected: { a: 4 } },
    { name: 'keeps operations apart and accepts any order', events: [...at('b', 300, 100), ...at('a', 5000), ...at('b', 200)], expected: { a: 1, b: 3 } },
    { name: 'is empty without calls', events: [], expected: {} },
  ])('$name', ({ events, expected }) => {
    expect(peakPerSecond(events)).toEqual(expected);
  });

  it('counts throttled calls as demand', () => {
    expect(peakPerSecond([{ operation: 'a', atMs: 0, throttled: true }, { operation: 'a', atMs: 10, throttled: false }])).toEqual({ a: 2 });
  });
});
