import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDotenv } from './dotenv.js';

describe('formatDotenv', () => {
  it.each<{ name: string; value: string; expected: string }>([
    { name: 'a plain value', value: 'plain', expected: "A='plain'\n" },
    { name: 'an empty value', value: '', expected: "A=''\n" },
    { name: 'a single quote, closed, escaped and reopened', value: "it's", expected: "A='it'\\''s'\n" },
    { name: 'only single quotes', value: "''", expected: "A=''\\'''\\'''\n" },
    { name: 'double quotes as they are', value: 'say "hi"', expected: `A='say "hi"'\n` },
    { name: 'a newline inside the quotes', value: 'line1\nline2', expected: "A='line1\nline2'\n" },
    { name: 'trailing newlines inside the quotes', value: 'x\n\n', expected: "A='x\n\n'\n" },
    { name: 'a carriage return as it is', value: 'a\r\nb', expected: "A='a\r\nb'\n" },
    { name: '$ and command substitutions, not expanded', value: '$HOME ${PATH} $(id) `id`', expected: "A='$HOME ${PATH} $(id) `id`'\n" },
    { name: 'backslashes as they are', value: 'C:\\dir\\n\\\\', expected: "A='C:\\dir\\n\\\\'\n" },
    { name: 'spaces, # and =', value: ' a=b # c ', expected: "A=' a=b # c '\n" },
  ])('writes $name', ({ value, expected }) => {
    expect(formatDotenv([{ name: 'A', value }])).toBe(expected);
  });

  it('writes one line per variable, in order, and nothing for no variables', () => {
    expect(
      formatDotenv([
        { name: 'B', value: '2' },
        { name: 'A', value: '1' },
      ]),
    ).toBe("B='2'\nA='1'\n");
    expect(formatDotenv([])).toBe('');
  });
});

describe('formatDotenv read back by a POSIX shell', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dotenv-test-'));

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const VALUES: Record<string, string> = {
    PLAIN: 'plain',
    EMPTY: '',
    SINGLE: "it's 'quoted'",
    QUOTES_ONLY: "'''",
    DOUBLE: 'say "hi" and "bye"',
    NEWLINES: 'line1\nline2\n\nline4',
    TRAILING: 'ends with newlines\n\n',
    LEADING: '\n\nstarts with newlines',
    CRLF: 'windows\r\nline\r\n',
    DOLLAR: '$HOME ${PATH} $(id) `id` $$ $1',
    BACKSLASH: 'C:\\dir\\n\\t\\\\ \\',
    SPACES: '  leading and trailing  ',
    TAB: 'a\tb',
    HASH: '# not a comment',
    EQUALS: 'a=b=c',
    SHELL: 'a; echo pwned | cat && exit 1 > /dev/null',
    UNICODE: 'héllo ✓ 😀',
    PEM: '-----BEGIN KEY-----\nMIIB+/=\n-----END KEY-----\n',
    JSON: '{"user":"app","pw":"p\'w\\"x"}',
  };

  it('gives back every value byte for byte after set -a; . file', () => {
    const file = join(dir, 'secrets.env');
    writeFileSync(file, formatDotenv(Object.entries(VALUES).map(([name, value]) => ({ name, value }))), { mode: 0o600 });
    const names = Object.keys(VALUES);
    const program = `process.stdout.write(JSON.stringify({${names.map((name) => `${name}:process.env.${name}`).join(',')}}))`;

    const output = execFileSync('sh', ['-c', 'set -a; . "$1"; exec "$2" -e "$3"', '_', file, process.execPath, program], {
      // A clean environment: nothing but the file can set these names.
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
      encoding: 'utf8',
    });

    expect(output).toBe(JSON.stringify(VALUES));
  });
});
