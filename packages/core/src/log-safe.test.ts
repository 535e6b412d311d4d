import { describe, expect, it } from 'vitest';
import { neutralise, quote } from './log-safe.js';

describe('neutralise', () => {
  it.each([
    { name: 'leaves plain text alone', input: 'prod/db', expected: 'prod/db' },
    { name: 'leaves :: inside a line alone', input: 'a::b', expected: 'a::b' },
    { name: 'escapes a leading workflow command', input: '::add-mask::x', expected: '\\::add-mask::x' },
    { name: 'escapes a workflow command after leading spaces', input: '  ::error::x', expected: '\\  ::error::x' },
    { name: 'escapes the older ##[ command form', input: '##[group]x', expected: '\\##[group]x' },
    { name: 'keeps a newline-injected command on one line', input: 'a\n::set-env name=X::1', expected: 'a\\n::set-env name=X::1' },
    { name: 'shows CR and LF as escapes', input: 'a\r\nb', expected: 'a\\r\\nb' },
    { name: 'turns a leading newline into a visible escape, so no command can start the line', input: '\n::stop-commands::t', expected: '\\n::stop-commands::t' },
  ])('$name', ({ input, expected }) => {
    const result = neutralise(input);
    expect(result).toBe(expected);
    expect(result).not.toMatch(/[\r\n]/);
  });
});

describe('quote', () => {
  it.each([
    { input: 'prod/db', expected: "'prod/db'" },
    { input: '::add-mask::x', expected: "'\\::add-mask::x'" },
    { input: 'a\nb', expected: "'a\\nb'" },
  ])('quotes $input as $expected', ({ input, expected }) => {
    expect(quote(input)).toBe(expected);
  });
});
