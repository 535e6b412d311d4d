import { describe, expect, it } from 'vitest';
import {
  applyMasks,
  escapeCommandData,
  escapeCommandProperty,
  masksFromAddMask,
  parseWorkflowCommand,
  parseWorkflowCommands,
  renderLog,
  splitOutputLines,
  unescapeCommandData,
  unescapeCommandProperty,
} from './workflow-commands.js';

describe('parseWorkflowCommand', () => {
  it.each([
    { name: 'reads a command without properties', input: '::add-mask::s3cret', expected: { command: 'add-mask', properties: {}, message: 's3cret' } },
    { name: 'reads an empty message', input: '::endgroup::', expected: { command: 'endgroup', properties: {}, message: '' } },
    {
      name: 'reads and unescapes properties',
      input: '::error file=src/a.ts,line=3,title=T%3A%2C%25::boom',
      expected: { command: 'error', properties: { file: 'src/a.ts', line: '3', title: 'T:,%' }, message: 'boom' },
    },
    { name: 'unescapes the message', input: '::warning::50%25%0Adone%0D', expected: { command: 'warning', properties: {}, message: '50%\ndone\r' } },
    { name: 'does not unescape %3A or %2C in the message', input: '::notice::a%3Ab%2Cc', expected: { command: 'notice', properties: {}, message: 'a%3Ab%2Cc' } },
    { name: 'ignores leading whitespace', input: '  \t::debug::x', expected: { command: 'debug', properties: {}, message: 'x' } },
    { name: 'keeps a :: inside the message', input: '::notice::a::b', expected: { command: 'notice', properties: {}, message: 'a::b' } },
    { name: 'drops a property without =', input: '::error file=a,oops,line=1::m', expected: { command: 'error', properties: { file: 'a', line: '1' }, message: 'm' } },
    { name: 'drops a property with an empty value', input: '::error file=,line=1::m', expected: { command: 'error', properties: { line: '1' }, message: 'm' } },
    { name: 'keeps = inside a property value', input: '::set-output name=a=b::v', expected: { command: 'set-output', properties: { name: 'a=b' }, message: 'v' } },
  ])('$name', ({ input, expected }) => {
    expect(parseWorkflowCommand(input)).toEqual(expected);
  });

  it.each([
    { name: 'plain text', input: 'hello :: world' },
    { name: 'a line without the second ::', input: '::add-mask' },
    { name: 'an empty command name', input: '::::x' },
    { name: 'an empty line', input: '' },
    { name: 'the legacy ##[command] form', input: '##[error]boom' },
  ])('reads $name as no command', ({ input }) => {
    expect(parseWorkflowCommand(input)).toBeUndefined();
  });
});

describe('parseWorkflowCommands', () => {
  it('returns commands with their line and zero-based line index, CRLF tolerated', () => {
    expect(parseWorkflowCommands('starting\r\n::add-mask::abc\r\nplain\n  ::error::bad\n')).toEqual([
      { command: 'add-mask', properties: {}, message: 'abc', line: '::add-mask::abc', lineIndex: 1 },
      { command: 'error', properties: {}, message: 'bad', line: '  ::error::bad', lineIndex: 3 },
    ]);
  });

  it('ignores commands between ::stop-commands:: and the resume token', () => {
    const stdout = ['::stop-commands::pause-42', '::add-mask::ignored', '::error::ignored', '::pause-42::', '::warning::seen'].join('\n');
    expect(parseWorkflowCommands(stdout).map((c) => [c.command, c.message, c.lineIndex])).toEqual([
      ['stop-commands', 'pause-42', 0],
      ['pause-42', '', 3],
      ['warning', 'seen', 4],
    ]);
  });
});

describe('escaping', () => {
  it.each(['plain', '100%', 'a\r\nb', '%0A literal', 'x:y,z', '%25%3A'])('round-trips %j through data and property escaping', (value) => {
    expect(unescapeCommandData(escapeCommandData(value))).toBe(value);
    expect(unescapeCommandProperty(escapeCommandProperty(value))).toBe(value);
  });

  it('escapes like @actions/core', () => {
    expect(escapeCommandData('50%\r\n:,')).toBe('50%25%0D%0A:,');
    expect(escapeCommandProperty('50%\r\n:,')).toBe('50%25%0D%0A%3A%2C');
  });
});

describe('splitOutputLines', () => {
  it.each([
    { input: '', expected: [] },
    { input: 'a', expected: ['a'] },
    { input: 'a\n', expected: ['a'] },
    { input: 'a\r\n\nb', expected: ['a', '', 'b'] },
  ])('splits $input', ({ input, expected }) => {
    expect(splitOutputLines(input)).toEqual(expected);
  });
});

describe('masksFromAddMask', () => {
  it.each([
    { name: 'a single-line value is one mask', input: 'hunter2', expected: ['hunter2'] },
    { name: 'a padded single-line value also masks its trimmed form', input: ' hunter2 ', expected: [' hunter2 ', 'hunter2'] },
    { name: 'a multi-line value masks itself and each trimmed line', input: 'line one\n  line two \r\n\nline one', expected: ['line one\n  line two \r\n\nline one', 'line one', 'line two'] },
    { name: 'an empty value registers nothing', input: '', expected: [] },
    { name: 'a whitespace-only value registers nothing', input: ' \n\t ', expected: [] },
  ])('$name', ({ input, expected }) => {
    expect(masksFromAddMask(input)).toEqual(expected);
  });
});

describe('applyMasks', () => {
  it.each([
    { name: 'replaces every occurrence', text: 'a-pw-b-pw', masks: ['pw'], expected: 'a-***-b-***' },
    { name: 'replaces the longest of nested masks as one', text: 'key=abcdef', masks: ['abc', 'abcdef'], expected: 'key=***' },
    { name: 'merges overlapping masks into one ***', text: 'xxABCDEyy', masks: ['ABCD', 'CDE'], expected: 'xx***yy' },
    { name: 'merges adjacent masks into one ***', text: 'ABCD', masks: ['AB', 'CD'], expected: '***' },
    { name: 'masks overlapping occurrences of one mask', text: 'aaaa', masks: ['aaa'], expected: '***' },
    { name: 'ignores empty masks', text: 'abc', masks: ['', 'z'], expected: 'abc' },
    { name: 'leaves text without masks alone', text: 'nothing here', masks: [], expected: 'nothing here' },
  ])('$name', ({ text, masks, expected }) => {
    expect(applyMasks(text, masks)).toBe(expected);
  });
});

describe('renderLog', () => {
  it('masks only lines printed after the mask was registered, and hides commands', () => {
    const stdout = ['before: pw-123', '::add-mask::pw-123', 'after: pw-123', '::debug::debug pw-123', '::error title=t::failed pw-123', '::group::Fetch', '::endgroup::', '::set-output name=x::1'].join('\n');
    expect(renderLog(stdout)).toBe('before: pw-123\nafter: ***\n##[error]failed ***\n##[group]Fetch\n##[endgroup]\n');
  });

  it('shows debug lines in step debug mode and applies masks from earlier steps', () => {
    expect(renderLog('::debug::token tok-9\n', { masks: ['tok-9'], debug: true })).toBe('##[debug]token ***\n');
  });
});
