import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FileCommandFormatError, fileCommandsToRecord, formatFileCommand, parseFileCommands, parsePathFile } from './file-commands.js';

describe('parseFileCommands', () => {
  it.each([
    { name: 'reads nothing from an empty file', input: '', expected: [] },
    { name: 'reads NAME=VALUE lines', input: 'A=1\nB=two words\n', expected: [{ name: 'A', value: '1' }, { name: 'B', value: 'two words' }] },
    { name: 'splits on the first = only', input: 'A=b=c\n', expected: [{ name: 'A', value: 'b=c' }] },
    { name: 'keeps an empty value', input: 'A=\n', expected: [{ name: 'A', value: '' }] },
    { name: 'skips empty lines', input: '\nA=1\n\n\nB=2', expected: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
    { name: 'treats = before << as a simple entry', input: 'A=x<<y\n', expected: [{ name: 'A', value: 'x<<y' }] },
    { name: 'treats << before = as a heredoc', input: 'A<<E=F\nv\nE=F\n', expected: [{ name: 'A', value: 'v' }] },
    { name: 'reads a heredoc value', input: 'A<<EOF\nline 1\nline 2\nEOF\n', expected: [{ name: 'A', value: 'line 1\nline 2' }] },
    { name: 'reads an empty heredoc value', input: 'A<<EOF\nEOF\n', expected: [{ name: 'A', value: '' }] },
    { name: 'keeps empty lines inside a heredoc', input: 'A<<EOF\n\nx\n\nEOF\n', expected: [{ name: 'A', value: '\nx\n' }] },
    { name: 'accepts a final delimiter without a line break', input: 'A<<EOF\nx\nEOF', expected: [{ name: 'A', value: 'x' }] },
    { name: 'drops the \\r of CRLF line ends', input: 'A=1\r\nB<<EOF\r\nx\r\nEOF\r\n', expected: [{ name: 'A', value: '1' }, { name: 'B', value: 'x' }] },
    { name: 'keeps CRLF between heredoc lines, as the runner does', input: 'A<<EOF\r\nx\r\ny\r\nEOF\r\n', expected: [{ name: 'A', value: 'x\r\ny' }] },
    { name: 'keeps entries in order, duplicates included', input: 'A=1\nA=2\n', expected: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] },
    { name: 'does not end a heredoc on a line that only contains the delimiter', input: 'A<<EOF\n EOF\nEOF \nEOF\n', expected: [{ name: 'A', value: ' EOF\nEOF ' }] },
  ])('$name', ({ input, expected }) => {
    expect(parseFileCommands(input)).toEqual(expected);
  });

  it.each([
    { name: 'refuses an empty name', input: 'A=1\n=oops\n', message: "Invalid format '=oops': the name must not be empty (line 2)", line: 2 },
    { name: 'refuses an empty heredoc name', input: '<<EOF\nx\nEOF\n', message: "Invalid format '<<EOF': the name and the delimiter must not be empty (line 1)", line: 1 },
    { name: 'refuses an empty delimiter', input: 'A<<\nx\n', message: "Invalid format 'A<<': the name and the delimiter must not be empty (line 1)", line: 1 },
    { name: 'refuses a line with neither = nor <<', input: 'A=1\n\nJUSTANAME\n', message: "Invalid format 'JUSTANAME' (line 3)", line: 3 },
    { name: 'refuses a missing end delimiter', input: 'A=1\nB<<EOF\nx\ny\n', message: "Invalid value: matching delimiter 'EOF' not found for 'B' (line 2)", line: 2 },
    { name: 'refuses a last value line without a line break', input: 'A<<EOF\nx', message: "Invalid value: the end marker of 'A' is missing its line break (line 2)", line: 2 },
  ])('$name', ({ input, message, line }) => {
    let caught: unknown;
    try {
      parseFileCommands(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FileCommandFormatError);
    expect((caught as FileCommandFormatError).message).toBe(message);
    expect((caught as FileCommandFormatError).line).toBe(line);
  });

  it('reads entries in the format @actions/core 3.x appends', () => {
    const uuid = randomUUID();
    // What exportVariable('SINGLE', 'v') and exportVariable('MULTI', 'a\nb') append on Linux.
    const content = `SINGLE<<ghadelimiter_${uuid}\nv\nghadelimiter_${uuid}\nMULTI<<ghadelimiter_${uuid}\na\nb\nghadelimiter_${uuid}\n`;
    expect(parseFileCommands(content)).toEqual([
      { name: 'SINGLE', value: 'v' },
      { name: 'MULTI', value: 'a\nb' },
    ]);
  });

  it('reads back what formatFileCommand writes, whatever the value', () => {
    const values = ['plain', '', 'multi\nline\n', 'has=equals<<and heredoc', '\n\n'];
    const content = values.map((value, i) => formatFileCommand(`V${i}`, value)).join('');
    expect(parseFileCommands(content).map((entry) => entry.value)).toEqual(values);
  });

  it('formats entries like @actions/core with the given delimiter', () => {
    expect(formatFileCommand('NAME', 'a\nb', 'ghadelimiter_x')).toBe('NAME<<ghadelimiter_x\na\nb\nghadelimiter_x\n');
  });
});

describe('fileCommandsToRecord', () => {
  it('lets a later entry win', () => {
    expect(fileCommandsToRecord([{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'A', value: '3' }])).toEqual({ A: '3', B: '2' });
  });
});

describe('parsePathFile', () => {
  it('reads one directory per non-empty line', () => {
    expect(parsePathFile('/opt/a/bin\n\n/opt/b bin\r\n')).toEqual(['/opt/a/bin', '/opt/b bin']);
  });
});
