import { describe, expect, it } from 'vitest';
import { flattenJsonObject, type JsonLeaf } from './json-flatten.js';

describe('flattenJsonObject', () => {
  it.each<{ name: string; input: string; expected: JsonLeaf[] }>([
    {
      name: 'expands the spec example, keeping keys that start with a digit as they are',
      input: '{"1key":"v","nested":{"2x":"y"}}',
      expected: [
        { path: ['1key'], value: 'v' },
        { path: ['nested', '2x'], value: 'y' },
      ],
    },
    {
      name: 'writes non-string leaves as JSON text',
      input: '{"list":[1,2],"port":5,"tls":true,"none":null}',
      expected: [
        { path: ['list'], value: '[1,2]' },
        { path: ['port'], value: '5' },
        { path: ['tls'], value: 'true' },
        { path: ['none'], value: 'null' },
      ],
    },
    {
      name: 'writes an array of objects as one JSON text leaf',
      input: '{"hosts":[{"h":"a"},{"h":"b"}]}',
      expected: [{ path: ['hosts'], value: '[{"h":"a"},{"h":"b"}]' }],
    },
    {
      name: 'recurses through several levels',
      input: '{"a":{"b":{"c":"deep"}},"d":"top"}',
      expected: [
        { path: ['a', 'b', 'c'], value: 'deep' },
        { path: ['d'], value: 'top' },
      ],
    },
    {
      name: 'yields nothing for an empty nested object',
      input: '{"empty":{},"kept":"x"}',
      expected: [{ path: ['kept'], value: 'x' }],
    },
    {
      name: 'yields nothing for an empty object',
      input: '{}',
      expected: [],
    },
    {
      name: 'keeps string values exactly, including empty and multi-line ones',
      input: '{"blank":"","pem":"line1\\nline2","spaced":"  x  "}',
      expected: [
        { path: ['blank'], value: '' },
        { path: ['pem'], value: 'line1\nline2' },
        { path: ['spaced'], value: '  x  ' },
      ],
    },
    {
      name: 'reads JSON padded with whitespace',
      input: '  \n{"user":"app"}\n\t ',
      expected: [{ path: ['user'], value: 'app' }],
    },
  ])('$name', ({ input, expected }) => {
    expect(flattenJsonObject(input)).toEqual(expected);
  });

  it.each([
    { name: 'an array', input: '[1,2]' },
    { name: 'an array of objects', input: '[{"a":"b"}]' },
    { name: 'a JSON string', input: '"text"' },
    { name: 'a number', input: '5' },
    { name: 'a boolean', input: 'true' },
    { name: 'null', input: 'null' },
    { name: 'plain text', input: 'hunter2' },
    { name: 'truncated JSON', input: '{"a":' },
    { name: 'an empty string', input: '' },
  ])('returns undefined for $name', ({ input }) => {
    expect(flattenJsonObject(input)).toBeUndefined();
  });
});
