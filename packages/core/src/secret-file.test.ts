import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { isInsideDirectory, readSecretFile } from './secret-file.js';

let root = '';
let workspace = '';
let outside = '';
const options = (): { workspace: string; maxBytes: number; limitExplanation: string } => ({ workspace, maxBytes: 64, limitExplanation: 'the limit is 64 bytes.' });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'secret-file-test-'));
  workspace = join(root, 'workspace');
  outside = join(root, 'outside');
  await mkdir(join(workspace, 'certs'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(workspace, 'certs/key.pem'), 'line one\nline two\n');
  await writeFile(join(workspace, 'bom.txt'), '\uFEFFwith a bom');
  await writeFile(join(workspace, 'latin1.txt'), new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
  await writeFile(join(workspace, 'big.txt'), 'x'.repeat(65));
  await writeFile(join(outside, 'id_rsa'), 'outside secret');
  await symlink(join(workspace, 'certs/key.pem'), join(workspace, 'inside-link.pem'));
  await symlink(join(outside, 'id_rsa'), join(workspace, 'outside-link'));
  await symlink(outside, join(workspace, 'outside-dir'));
  await symlink(join(workspace, 'nowhere'), join(workspace, 'dangling'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readSecretFile', () => {
  it.each([
    { name: 'a relative path from the workspace', path: 'certs/key.pem', expected: 'line one\nline two\n' },
    { name: 'a symlink that stays inside the workspace', path: 'inside-link.pem', expected: 'line one\nline two\n' },
    { name: 'a file with a byte-order mark, without it', path: 'bom.txt', expected: 'with a bom' },
  ])('reads $name', async ({ path, expected }) => {
    expect(await readSecretFile('secret-string-file', path, options())).toBe(expected);
  });

  it('reads an absolute path outside the workspace that goes through no symlink', async () => {
    expect(await readSecretFile('secret-string-file', join(outside, 'id_rsa'), options())).toBe('outside secret');
  });

  it.each([
    { name: 'a missing file', path: 'nope.txt', problem: () => `no such file (relative paths start at the workspace '${workspace}').` },
    { name: 'a dangling symlink', path: 'dangling', problem: () => `no such file (relative paths start at the workspace '${workspace}').` },
    { name: 'a path through a file', path: 'certs/key.pem/x', problem: () => `no such file (relative paths start at the workspace '${workspace}').` },
    { name: 'a directory', path: 'certs', problem: () => 'is not a regular file.' },
    {
      name: 'a symlink to a file outside the workspace',
      path: 'outside-link',
      problem: () => 'is a symlink, or lies under one, that resolves outside the workspace; refusing to read it. Give the path of the file itself.',
    },
    {
      name: 'a file under a symlinked directory outside the workspace',
      path: 'outside-dir/id_rsa',
      problem: () => 'is a symlink, or lies under one, that resolves outside the workspace; refusing to read it. Give the path of the file itself.',
    },
    { name: 'a file over the limit', path: 'big.txt', problem: () => 'is 65 bytes; the limit is 64 bytes.' },
    { name: 'bytes that are not UTF-8', path: 'latin1.txt', problem: () => "is not valid UTF-8 text; store binary data with 'secret-binary' (base64)." },
  ])('refuses $name, naming the path and never the contents', async ({ path, problem }) => {
    const reading = readSecretFile('secret-string-file', path, options());
    await expect(reading).rejects.toThrow(ConfigurationError);
    await expect(reading).rejects.toThrow(`Input 'secret-string-file' '${path}': ${problem()}`);
  });
});

describe('isInsideDirectory', () => {
  it.each([
    { path: '/w', directory: '/w', expected: true },
    { path: '/w/a/b', directory: '/w', expected: true },
    { path: '/w/..a', directory: '/w', expected: true },
    { path: '/wx/a', directory: '/w', expected: false },
    { path: '/a', directory: '/w', expected: false },
    { path: '/', directory: '/w', expected: false },
  ])('$path inside $directory: $expected', ({ path, directory, expected }) => {
    expect(isInsideDirectory(path, directory)).toBe(expected);
  });
});

describe('readSecretFile with an absolute path', () => {
  it('says only that there is no such file', async () => {
    const path = join(outside, 'missing');
    await expect(readSecretFile('secret-string-file', path, options())).rejects.toThrow(`Input 'secret-string-file' '${path}': no such file.`);
  });
});
