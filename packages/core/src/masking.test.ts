import { describe, expect, it } from 'vitest';
import { masksForValue, masksForValues } from './masking.js';

describe('masksForValue', () => {
  it.each<{ name: string; input: string; expected: string[] }>([
    { name: 'masks a one-line value as it is', input: 'hunter2', expected: ['hunter2'] },
    { name: 'masks a padded value and its trimmed form', input: '  hunter2 ', expected: ['  hunter2 ', 'hunter2'] },
    {
      name: 'masks a multi-line value and each trimmed line',
      input: 'line one\n  line two\n',
      expected: ['line one\n  line two\n', 'line one', 'line two'],
    },
    { name: 'splits CRLF lines', input: 'first\r\nsecond', expected: ['first\r\nsecond', 'first', 'second'] },
    { name: 'splits lone CR lines', input: 'first\rsecond', expected: ['first\rsecond', 'first', 'second'] },
    {
      name: 'skips whitespace-only lines',
      input: '-----BEGIN KEY-----\n   \n\nabc\n-----END KEY-----',
      expected: ['-----BEGIN KEY-----\n   \n\nabc\n-----END KEY-----', '-----BEGIN KEY-----', 'abc', '-----END KEY-----'],
    },
    { name: 'removes duplicate lines', input: 'same\nsame\nother', expected: ['same\nsame\nother', 'same', 'other'] },
    { name: 'returns nothing for an empty value', input: '', expected: [] },
    { name: 'returns nothing for a whitespace-only value', input: ' \n\t\r\n ', expected: [] },
  ])('$name', ({ input, expected }) => {
    expect(masksForValue(input)).toEqual(expected);
  });
});

describe('masksForValues', () => {
  it('masks every value and line once, in first-seen order, skipping empty values', () => {
    expect(masksForValues(['a', '', 'b\nc', 'a', 'c', '  '])).toEqual(['a', 'b\nc', 'b', 'c']);
  });

  it('returns nothing for no values', () => {
    expect(masksForValues([])).toEqual([]);
  });
});
