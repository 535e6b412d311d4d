import { describe, expect, it } from 'vitest';
import { parseKeySelector, selectJsonValue } from './json-pointer.js';

describe('parseKeySelector', () => {
  it.each<{ name: string; input: string; expected: string[] | undefined }>([
    { name: 'a top-level key', input: 'password', expected: ['password'] },
    { name: 'a top-level key with spaces, commas and #', input: 'a b,c#d', expected: ['a b,c#d'] },
    { name: 'a top-level key keeps ~ escapes as they are', input: 'a~1b~0', expected: ['a~1b~0'] },
    { name: 'a top-level key of digits', input: '0', expected: ['0'] },
    { name: 'a one-token pointer', input: '/password', expected: ['password'] },
    { name: 'a nested pointer', input: '/db/password', expected: ['db', 'password'] },
    { name: 'an array index', input: '/hosts/0', expected: ['hosts', '0'] },
    { name: '~1 as / and ~0 as ~', input: '/a~1b/c~0d', expected: ['a/b', 'c~d'] },
    { name: '~01 as ~1, not /', input: '/~01', expected: ['~1'] },
    { name: '~10 as /0', input: '/~10', expected: ['/0'] },
    { name: 'nothing', input: '', expected: undefined },
    { name: 'a pointer of / alone (an empty token)', input: '/', expected: undefined },
    { name: 'an empty token in the middle', input: '/a//b', expected: undefined },
    { name: 'an empty token at the end', input: '/a/', expected: undefined },
    { name: 'a ~ followed by another character', input: '/a~2b', expected: undefined },
    { name: 'a ~ at the end of a token', input: '/a~', expected: undefined },
  ])('reads $name', ({ input, expected }) => {
    expect(parseKeySelector(input)).toEqual(expected);
  });
});

describe('selectJsonValue', () => {
  const TEXT = JSON.stringify({
    user: 'app',
    port: 5432,
    tls: true,
    none: null,
    empty: '',
    db: { password: 'pw', hosts: ['h1', { name: 'h2' }], nested: { deep: 'x' } },
    list: [10, 20],
    'a/b': { 'c~d': 'escaped' },
    '': 'empty key',
  });

  it.each<{ name: string; path: string[]; expected: { value: string } | { problem: string } }>([
    { name: 'a string as it is', path: ['user'], expected: { value: 'app' } },
    { name: 'a number as JSON text', path: ['port'], expected: { value: '5432' } },
    { name: 'a boolean as JSON text', path: ['tls'], expected: { value: 'true' } },
    { name: 'null as JSON text', path: ['none'], expected: { value: 'null' } },
    { name: 'an empty string as a value', path: ['empty'], expected: { value: '' } },
    { name: 'a nested string', path: ['db', 'password'], expected: { value: 'pw' } },
    { name: 'an object as JSON text', path: ['db', 'nested'], expected: { value: '{"deep":"x"}' } },
    { name: 'an array as JSON text', path: ['list'], expected: { value: '[10,20]' } },
    { name: 'an array item by index', path: ['db', 'hosts', '0'], expected: { value: 'h1' } },
    { name: 'a key inside an array item', path: ['db', 'hosts', '1', 'name'], expected: { value: 'h2' } },
    { name: 'a number in an array', path: ['list', '1'], expected: { value: '20' } },
    { name: 'keys holding / and ~', path: ['a/b', 'c~d'], expected: { value: 'escaped' } },
    { name: 'the empty key', path: [''], expected: { value: 'empty key' } },
    { name: 'a missing key', path: ['token'], expected: { problem: 'missing' } },
    { name: 'a missing nested key', path: ['db', 'user'], expected: { problem: 'missing' } },
    { name: 'an index past the end', path: ['list', '2'], expected: { problem: 'missing' } },
    { name: 'an index with a leading zero', path: ['list', '01'], expected: { problem: 'missing' } },
    { name: 'the - index', path: ['list', '-'], expected: { problem: 'missing' } },
    { name: 'a named key on an array', path: ['list', 'length'], expected: { problem: 'missing' } },
    { name: 'a key inside a string', path: ['user', 'length'], expected: { problem: 'missing' } },
    { name: 'a key inside null', path: ['none', 'x'], expected: { problem: 'missing' } },
    { name: 'an inherited property', path: ['constructor'], expected: { problem: 'missing' } },
    { name: 'an inherited property of an object', path: ['db', 'toString'], expected: { problem: 'missing' } },
  ])('selects $name', ({ path, expected }) => {
    expect(selectJsonValue(TEXT, path)).toEqual(expected);
  });

  it.each([
    { name: 'plain text', text: 'hunter2' },
    { name: 'an empty string', text: '' },
    { name: 'truncated JSON', text: '{"user":' },
  ])('reports $name as not JSON', ({ text }) => {
    expect(selectJsonValue(text, ['user'])).toEqual({ problem: 'not-json' });
  });

  it('selects inside a top-level array and a JSON string', () => {
    expect(selectJsonValue('[{"k":"v"}]', ['0', 'k'])).toEqual({ value: 'v' });
    expect(selectJsonValue('"just a string"', ['k'])).toEqual({ problem: 'missing' });
  });

  it('takes a key named __proto__ as the key it is', () => {
    expect(selectJsonValue('{"__proto__":{"x":"own"}}', ['__proto__', 'x'])).toEqual({ value: 'own' });
  });
});
