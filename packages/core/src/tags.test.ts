import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { parseTags, type Tag } from './tags.js';

describe('parseTags', () => {
  it.each<{ name: string; raw: string; expected: Tag[] }>([
    { name: 'nothing', raw: '', expected: [] },
    { name: 'one tag per line, trimmed, blank lines skipped', raw: ' team = payments \n\nowner=ops@example.com\r\n', expected: [{ key: 'team', value: 'payments' }, { key: 'owner', value: 'ops@example.com' }] },
    { name: 'an empty value', raw: 'flag=', expected: [{ key: 'flag', value: '' }] },
    { name: 'an = inside the value', raw: 'query=a=b', expected: [{ key: 'query', value: 'a=b' }] },
    { name: 'letters of any script and spaces', raw: 'équipe=paiements et facturation', expected: [{ key: 'équipe', value: 'paiements et facturation' }] },
    { name: 'every allowed sign', raw: 'k_.:/=+-@=v_.:/=+-@', expected: [{ key: 'k_.:/', value: '+-@=v_.:/=+-@' }] },
  ])('reads $name', ({ raw, expected }) => {
    expect(parseTags('tags', raw)).toEqual(expected);
  });

  it.each([
    { name: 'a line without =', raw: 'team=a\nrelease bot', message: "Input 'tags', line 2 'release bot': expected KEY=VALUE." },
    { name: 'an empty key', raw: '=value', message: "Input 'tags', line 1 '=value': a tag key is 1 to 128 letters, digits, spaces and _.:/=+-@." },
    { name: 'a key that is too long', raw: `${'k'.repeat(129)}=v`, message: `Input 'tags', line 1 '${'k'.repeat(129)}=v': a tag key is 1 to 128 letters, digits, spaces and _.:/=+-@.` },
    { name: 'a value that is too long', raw: `k=${'v'.repeat(257)}`, message: `Input 'tags', line 1 'k=${'v'.repeat(257)}': a tag value is at most 256 letters, digits, spaces and _.:/=+-@.` },
    { name: 'a forbidden character', raw: 'k=v;rm', message: "Input 'tags', line 1 'k=v;rm': a tag value is at most 256 letters, digits, spaces and _.:/=+-@." },
    { name: 'a reserved key', raw: 'AWS:owner=x', message: "Input 'tags', line 1 'AWS:owner=x': tag keys starting with 'aws:' are reserved by AWS." },
    { name: 'a key given twice', raw: 'team=a\nteam=b', message: "Input 'tags', line 2 'team=b': the key 'team' is given twice." },
    { name: 'more than 50 tags', raw: Array.from({ length: 51 }, (_, index) => `k${index}=v`).join('\n'), message: "Input 'tags' has 51 tags; AWS allows at most 50 per resource." },
  ])('refuses $name', ({ raw, message }) => {
    expect(() => parseTags('tags', raw)).toThrow(new ConfigurationError(message));
  });
});
