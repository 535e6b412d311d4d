import { describe, expect, it } from 'vitest';
import { parseExportedNames } from './state.js';

describe('parseExportedNames', () => {
  it.each([
    { name: 'no state (the main step failed early)', raw: '', expected: [] },
    { name: 'a list of names', raw: '["A","_B","c_1"]', expected: ['A', '_B', 'c_1'] },
    { name: 'entries that are not env names are dropped', raw: '["OK","A=B","X\\nY",5,null]', expected: ['OK'] },
    { name: 'not a list', raw: '{"A":1}', expected: [] },
    { name: 'not JSON', raw: 'A,B', expected: [] },
  ])('reads $name', ({ raw, expected }) => {
    expect(parseExportedNames(raw)).toEqual(expected);
  });
});
