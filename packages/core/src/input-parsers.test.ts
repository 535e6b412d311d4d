import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { optionalInput, parseBooleanInput, parseEnumInput, parseIntegerInput, parseMultilineInput } from './input-parsers.js';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but none was thrown');
}

describe('optionalInput', () => {
  it.each<{ input: string | undefined; expected: string | undefined }>([
    { input: undefined, expected: undefined },
    { input: '', expected: undefined },
    { input: '  \n ', expected: undefined },
    { input: ' value ', expected: 'value' },
  ])('reads $input as $expected', ({ input, expected }) => {
    expect(optionalInput(input)).toBe(expected);
  });
});

describe('parseBooleanInput', () => {
  it.each<{ input: string | undefined; defaultValue: boolean; expected: boolean }>([
    { input: 'true', defaultValue: false, expected: true },
    { input: 'True', defaultValue: false, expected: true },
    { input: 'TRUE', defaultValue: false, expected: true },
    { input: ' true\n', defaultValue: false, expected: true },
    { input: 'false', defaultValue: true, expected: false },
    { input: 'False', defaultValue: true, expected: false },
    { input: 'FALSE', defaultValue: true, expected: false },
    { input: '', defaultValue: true, expected: true },
    { input: '', defaultValue: false, expected: false },
    { input: undefined, defaultValue: true, expected: true },
  ])('reads $input (default $defaultValue) as $expected', ({ input, defaultValue, expected }) => {
    expect(parseBooleanInput('parse-json-secrets', input, defaultValue)).toBe(expected);
  });

  it.each(['yes', 'no', '1', '0', 'on', 'off', 'tRUE', 'y', 'treu'])('refuses %s with a message listing the allowed spellings', (input) => {
    const error = thrown(() => parseBooleanInput('parse-json-secrets', input, false));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty(
      'message',
      `Input 'parse-json-secrets' must be a boolean: one of true, True, TRUE, false, False, FALSE; got '${input}'.`,
    );
  });
});

describe('parseEnumInput', () => {
  const allowed = ['uppercase', 'lowercase', 'none'] as const;

  it.each<{ input: string | undefined; expected: string }>([
    { input: 'lowercase', expected: 'lowercase' },
    { input: ' none ', expected: 'none' },
    { input: '', expected: 'uppercase' },
    { input: undefined, expected: 'uppercase' },
  ])('reads $input as $expected', ({ input, expected }) => {
    expect(parseEnumInput('name-transformation', input, allowed, 'uppercase')).toBe(expected);
  });

  it.each(['Uppercase', 'upper', 'UPPERCASE', 'camelcase'])('refuses %s with a message listing the allowed values', (input) => {
    const error = thrown(() => parseEnumInput('name-transformation', input, allowed, 'uppercase'));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', `Input 'name-transformation' must be one of uppercase, lowercase, none; got '${input}'.`);
  });
});

describe('parseIntegerInput', () => {
  const bounds = { min: 900, max: 43200 };

  it.each<{ input: string | undefined; expected: number | undefined }>([
    { input: '900', expected: 900 },
    { input: '43200', expected: 43200 },
    { input: ' 3600 ', expected: 3600 },
    { input: '0900', expected: 900 },
    { input: '', expected: undefined },
    { input: undefined, expected: undefined },
  ])('reads $input as $expected', ({ input, expected }) => {
    expect(parseIntegerInput('role-duration-seconds', input, bounds)).toBe(expected);
  });

  it.each([
    { input: '899', message: "Input 'role-duration-seconds' must be from 900 to 43200; got 899." },
    { input: '43201', message: "Input 'role-duration-seconds' must be from 900 to 43200; got 43201." },
    { input: '0', message: "Input 'role-duration-seconds' must be from 900 to 43200; got 0." },
    {
      input: '99999999999999999999999999',
      message: "Input 'role-duration-seconds' must be from 900 to 43200; got 99999999999999999999999999.",
    },
    { input: '-900', message: "Input 'role-duration-seconds' must be a whole number from 900 to 43200; got '-900'." },
    { input: '1e3', message: "Input 'role-duration-seconds' must be a whole number from 900 to 43200; got '1e3'." },
    { input: '1000.5', message: "Input 'role-duration-seconds' must be a whole number from 900 to 43200; got '1000.5'." },
    { input: '0x400', message: "Input 'role-duration-seconds' must be a whole number from 900 to 43200; got '0x400'." },
    { input: '15m', message: "Input 'role-duration-seconds' must be a whole number from 900 to 43200; got '15m'." },
  ])('refuses $input', ({ input, message }) => {
    const error = thrown(() => parseIntegerInput('role-duration-seconds', input, bounds));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', message);
  });
});

describe('parseMultilineInput', () => {
  it.each<{ name: string; input: string | undefined; expected: Array<{ text: string; lineNumber: number }> }>([
    {
      name: 'trims lines, drops blank ones and numbers them from 1',
      input: ' a \n\n\tb\r\n  \nc',
      expected: [
        { text: 'a', lineNumber: 1 },
        { text: 'b', lineNumber: 3 },
        { text: 'c', lineNumber: 5 },
      ],
    },
    { name: 'returns nothing for an empty input', input: '', expected: [] },
    { name: 'returns nothing for no input', input: undefined, expected: [] },
    { name: 'keeps repeated lines', input: 'x\nx', expected: [{ text: 'x', lineNumber: 1 }, { text: 'x', lineNumber: 2 }] },
  ])('$name', ({ input, expected }) => {
    expect(parseMultilineInput(input)).toEqual(expected);
  });
});
