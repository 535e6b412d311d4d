import { describe, expect, it } from 'vitest';
import { applyMergePatch, describeJsonKind, hasInexactNumber, jsonLeafMasks, readJson, type JsonValue } from './merge-json.js';

describe('applyMergePatch (RFC 7386)', () => {
  // The examples of RFC 7386, appendix A, and a few of our own.
  it.each<{ name: string; target: JsonValue | undefined; patch: JsonValue; expected: JsonValue }>([
    { name: 'changes a value', target: { a: 'b' }, patch: { a: 'c' }, expected: { a: 'c' } },
    { name: 'adds a key', target: { a: 'b' }, patch: { b: 'c' }, expected: { a: 'b', b: 'c' } },
    { name: 'removes a key set to null', target: { a: 'b' }, patch: { a: null }, expected: {} },
    { name: 'removes one key of two', target: { a: 'b', b: 'c' }, patch: { a: null }, expected: { b: 'c' } },
    { name: 'replaces an array', target: { a: ['b'] }, patch: { a: 'c' }, expected: { a: 'c' } },
    { name: 'replaces a value with an array', target: { a: 'c' }, patch: { a: ['b'] }, expected: { a: ['b'] } },
    { name: 'merges nested objects', target: { a: { b: 'c' } }, patch: { a: { b: 'd', c: null } }, expected: { a: { b: 'd' } } },
    { name: 'replaces arrays of objects whole', target: { a: [{ b: 'c' }] }, patch: { a: [1] }, expected: { a: [1] } },
    { name: 'replaces a non-object target', target: ['a', 'b'], patch: ['c', 'd'], expected: ['c', 'd'] },
    { name: 'treats a non-object target as {}', target: { a: 'b' }, patch: ['c'], expected: ['c'] },
    { name: 'sets null to nothing', target: { a: 'foo' }, patch: null, expected: null },
    { name: 'sets a string', target: { a: 'foo' }, patch: 'bar', expected: 'bar' },
    { name: 'keeps a null inside a value', target: { e: null }, patch: { a: 1 }, expected: { e: null, a: 1 } },
    { name: 'replaces an array target with an object', target: [1, 2], patch: { a: 'b', c: null }, expected: { a: 'b' } },
    { name: 'builds nested objects from nothing, dropping nulls', target: {}, patch: { a: { bb: { ccc: null } } }, expected: { a: { bb: {} } } },
    { name: 'starts from nothing', target: undefined, patch: { a: 'b', c: null }, expected: { a: 'b' } },
  ])('$name', ({ target, patch, expected }) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('keeps the order of existing keys and puts new ones last', () => {
    expect(JSON.stringify(applyMergePatch({ z: 1, a: 2, m: 3 }, { a: 20, b: 4, z: null }))).toBe('{"a":20,"m":3,"b":4}');
  });

  it('changes neither argument', () => {
    const target = { a: { b: 'c' } };
    const patch = { a: { b: 'd' } };
    applyMergePatch(target, patch);
    expect(target).toEqual({ a: { b: 'c' } });
    expect(patch).toEqual({ a: { b: 'd' } });
  });

  it('treats a __proto__ key as an ordinary key', () => {
    const patch = JSON.parse('{"__proto__":{"polluted":"yes"}}') as JsonValue;
    const merged = applyMergePatch({}, patch);
    expect(JSON.stringify(merged)).toBe('{"__proto__":{"polluted":"yes"}}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });
});

describe('readJson', () => {
  it.each<{ text: string; expected: ReturnType<typeof readJson> }>([
    { text: '{"a":1}', expected: { ok: true, value: { a: 1 } } },
    { text: '{"a":1', expected: { ok: false, where: 'at position 6 (line 1 column 7)' } },
    { text: '{\n  "a": 1,\n  x\n}', expected: { ok: false, where: 'at position 14 (line 3 column 3)' } },
    { text: '', expected: { ok: false, where: 'at the end (the text stops too early)' } },
    // V8 quotes the text in this message, so nothing of it is kept.
    { text: 'secret-value', expected: { ok: false, where: '' } },
  ])('reads $text', ({ text, expected }) => {
    expect(readJson(text)).toEqual(expected);
  });
});

describe('describeJsonKind', () => {
  it.each<{ value: JsonValue; expected: string }>([
    { value: [], expected: 'an array' },
    { value: {}, expected: 'an object' },
    { value: 'x', expected: 'a string' },
    { value: 1, expected: 'a number' },
    { value: true, expected: 'a boolean' },
    { value: null, expected: 'null' },
  ])('calls $value $expected', ({ value, expected }) => {
    expect(describeJsonKind(value)).toBe(expected);
  });
});

describe('jsonLeafMasks', () => {
  it('lists string and number leaves at any depth, not booleans or null', () => {
    expect(jsonLeafMasks({ user: 'app', pin: 1234, ratio: 0.5, tls: { on: true, ca: 'ca-text' }, hosts: ['a.example', { b: 'b.example' }], none: null })).toEqual([
      'app',
      '1234',
      '0.5',
      'ca-text',
      'a.example',
      'b.example',
    ]);
  });
});

describe('hasInexactNumber', () => {
  it.each([
    { text: '{"port":5432,"ratio":0.1,"big":9007199254740991}', expected: false },
    { text: '{"exp":1e21,"small":1.5e-7,"neg":-0.25,"zero":0,"float":0.30000000000000004}', expected: false },
    { text: '{"trailing":1.50,"exponent":15E1,"plus":2e+3}', expected: false },
    { text: '{"id":12345678901234567890}', expected: true },
    { text: '[9007199254740993]', expected: true },
    { text: '{"pi":3.14159265358979323846}', expected: true },
    { text: '{"huge":1e400}', expected: true },
    // Digits inside strings are text, not numbers.
    { text: '{"id":"12345678901234567890","esc":"\\"99999999999999999999"}', expected: false },
  ])('says $expected for $text', ({ text, expected }) => {
    expect(hasInexactNumber(text)).toBe(expected);
  });
});
