import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { readValueSource, type ValueInput, type ValueInputKind } from './value-source.js';

let workspace = '';

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'value-source-test-'));
  await writeFile(join(workspace, 'key.pem'), 'pem line 1\npem line 2\n');
  await writeFile(join(workspace, 'blank.txt'), ' \n');
  await writeFile(join(workspace, 'config.json'), '{"a": "b"}');
  await writeFile(join(workspace, 'broken.JSON'), '{"a": ');
  await writeFile(join(workspace, 'huge.txt'), 'h'.repeat(65_537));
});

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

const NAMES: Record<ValueInputKind, string> = { string: 'secret-string', 'string-file': 'secret-string-file', binary: 'secret-binary', 'merge-json': 'merge-json' };

function inputs(given: Partial<Record<ValueInputKind, string>>): ValueInput[] {
  return (Object.keys(NAMES) as ValueInputKind[]).map((kind) => ({ input: NAMES[kind], kind, raw: given[kind] ?? '' }));
}

async function read(given: Partial<Record<ValueInputKind, string>>): Promise<{ source: unknown; masks: string[] }> {
  const masks: string[] = [];
  const source = await readValueSource(inputs(given), { workspace, mask: (value) => masks.push(value) });
  return { source, masks };
}

const ONE_OF = "Give exactly one of 'secret-string', 'secret-string-file', 'secret-binary', 'merge-json'";

describe('readValueSource', () => {
  it.each([
    {
      name: 'a string as given, untrimmed, masking it and each line',
      given: { string: ' line 1\nline 2\n' },
      source: { kind: 'string', input: 'secret-string', text: ' line 1\nline 2\n' },
      masks: [' line 1\nline 2\n', 'line 1', 'line 2'],
    },
    {
      name: 'a file, masking its contents and each line',
      given: { 'string-file': ' key.pem ' },
      source: { kind: 'string', input: 'secret-string-file', text: 'pem line 1\npem line 2\n' },
      masks: ['pem line 1\npem line 2\n', 'pem line 1', 'pem line 2'],
    },
    { name: 'a *.json file that is JSON', given: { 'string-file': 'config.json' }, source: { kind: 'string', input: 'secret-string-file', text: '{"a": "b"}' }, masks: ['{"a": "b"}'] },
    {
      name: 'base64 with line breaks, masking it and the text it decodes to',
      given: { binary: 'aGVsbG8g\nd29ybGQ=' },
      source: { kind: 'binary', input: 'secret-binary', bytes: new Uint8Array(Buffer.from('hello world')) },
      masks: ['aGVsbG8g\nd29ybGQ=', 'aGVsbG8g', 'd29ybGQ=', 'hello world'],
    },
    {
      name: 'unpadded base64 of bytes that are not text',
      given: { binary: '/wA' },
      source: { kind: 'binary', input: 'secret-binary', bytes: new Uint8Array([255, 0]) },
      masks: ['/wA'],
    },
    {
      name: 'a merge object, masking its text and its leaves',
      given: { 'merge-json': '{"user":"app","pin":1234,"tls":{"on":true,"ca":"ca-text"},"old":null}' },
      source: {
        kind: 'merge-json',
        input: 'merge-json',
        patch: { user: 'app', pin: 1234, tls: { on: true, ca: 'ca-text' }, old: null },
        text: '{"user":"app","pin":1234,"tls":{"on":true,"ca":"ca-text"},"old":null}',
      },
      masks: ['{"user":"app","pin":1234,"tls":{"on":true,"ca":"ca-text"},"old":null}', 'app', '1234', 'ca-text'],
    },
  ])('reads $name', async ({ given, source, masks }) => {
    expect(await read(given)).toEqual({ source, masks });
  });

  it.each([
    { name: 'no value', given: {}, message: `${ONE_OF}; none was given. An expression that evaluates to an empty string (such as a missing secret) counts as not given.` },
    { name: 'two values', given: { string: 'a', binary: 'YQ==' }, message: `${ONE_OF}; got 'secret-string' and 'secret-binary'.` },
    { name: 'a whitespace-only string', given: { string: ' \n ' }, message: "Input 'secret-string' is only whitespace; refusing to store an empty value." },
    { name: 'a blank file', given: { 'string-file': 'blank.txt' }, message: "The file of input 'secret-string-file' is empty or only whitespace; refusing to store an empty value." },
    { name: 'a broken *.JSON file', given: { 'string-file': 'broken.JSON' }, message: "The file of input 'secret-string-file' ends in .json but is not valid JSON at the end (the text stops too early)." },
    { name: 'a file over 64 KiB', given: { 'string-file': 'huge.txt' }, message: "Input 'secret-string-file' 'huge.txt': is 65537 bytes; put-secret stores at most 65536 bytes (64 KiB, the Secrets Manager limit)." },
    { name: 'a character outside base64', given: { binary: 'ab*d' }, message: "Input 'secret-binary' must be base64: character 3 is not in the base64 alphabet." },
    { name: 'base64url', given: { binary: 'ab_d' }, message: "Input 'secret-binary' must be base64: character 3 is not in the base64 alphabet (base64url); use standard base64 with + and /." },
    { name: 'padding in the middle', given: { binary: 'ab=dabcd' }, message: "Input 'secret-binary' must be base64: its length or '=' padding is wrong." },
    { name: 'padding without a full quantum', given: { binary: 'abc=d' }, message: "Input 'secret-binary' must be base64: its length or '=' padding is wrong." },
    { name: 'base64 of nothing', given: { binary: '==' }, message: "Input 'secret-binary' must be base64: its length or '=' padding is wrong." },
    { name: 'merge-json that is not JSON', given: { 'merge-json': '{"a": secret}' }, message: 'Input \'merge-json\' is not valid JSON; expected a JSON object such as {"key": "value"}.' },
    { name: 'merge-json that is a string', given: { 'merge-json': '"text"' }, message: 'Input \'merge-json\' must be a JSON object such as {"key": "value"}; got a string.' },
    { name: 'merge-json that is null', given: { 'merge-json': 'null' }, message: 'Input \'merge-json\' must be a JSON object such as {"key": "value"}; got null.' },
    { name: 'an empty merge object', given: { 'merge-json': '{}' }, message: "Input 'merge-json' is an empty object: there is nothing to merge." },
    {
      name: 'a merge object with an inexact number',
      given: { 'merge-json': '{"id":12345678901234567890}' },
      message: "Input 'merge-json' has a number JavaScript cannot hold exactly (too many digits); write it as a string so that it is stored as given.",
    },
  ])('refuses $name', async ({ given, message }) => {
    const reading = read(given);
    await expect(reading).rejects.toThrow(ConfigurationError);
    await expect(reading).rejects.toThrow(message);
  });

  it('masks every value input before it refuses two of them', async () => {
    const masks: string[] = [];
    await expect(readValueSource(inputs({ string: 'one\ntwo', 'merge-json': '{"k":"three"}' }), { workspace, mask: (value) => masks.push(value) })).rejects.toThrow(
      ConfigurationError,
    );
    expect(masks).toEqual(['one\ntwo', 'one', 'two', '{"k":"three"}']);
  });

  it('masks the leaves of a merge object even when it is refused', async () => {
    const masks: string[] = [];
    await expect(readValueSource(inputs({ 'merge-json': '["leaf-in-array"]' }), { workspace, mask: (value) => masks.push(value) })).rejects.toThrow(ConfigurationError);
    expect(masks).toEqual(['["leaf-in-array"]', 'leaf-in-array']);
  });
});
