import { ConfigurationError } from './errors.js';
import { quote } from './log-safe.js';

// YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts them.
const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];

/** An empty input is an input not given. */
export function optionalInput(raw: string | undefined): string | undefined {
  const trimmed = raw?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * Strict boolean input: only the YAML 1.2 spellings of true and false.
 *
 * @example
 * parseBooleanInput('parse-json-secrets', 'true', false) // true
 * parseBooleanInput('parse-json-secrets', 'yes', false)  // throws ConfigurationError
 */
export function parseBooleanInput(name: string, raw: string | undefined, defaultValue: boolean): boolean {
  const value = optionalInput(raw);
  if (value === undefined) return defaultValue;
  if (TRUE_VALUES.includes(value)) return true;
  if (FALSE_VALUES.includes(value)) return false;
  throw new ConfigurationError(
    `Input '${name}' must be a boolean: one of ${[...TRUE_VALUES, ...FALSE_VALUES].join(', ')}; got ${quote(value)}.`,
  );
}

/**
 * An input that takes one of a fixed set of values; the error lists them.
 *
 * @example
 * parseEnumInput('name-transformation', 'lowercase', ['uppercase', 'lowercase', 'none'], 'uppercase') // 'lowercase'
 */
export function parseEnumInput<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  defaultValue: T,
): T {
  const value = optionalInput(raw);
  if (value === undefined) return defaultValue;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    throw new ConfigurationError(`Input '${name}' must be one of ${allowed.join(', ')}; got ${quote(value)}.`);
  }
  return match;
}

/**
 * A whole number within bounds, or undefined when not given.
 *
 * @example
 * parseIntegerInput('role-duration-seconds', '900', { min: 900, max: 43200 }) // 900
 */
export function parseIntegerInput(
  name: string,
  raw: string | undefined,
  bounds: { min: number; max: number },
): number | undefined {
  const value = optionalInput(raw);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new ConfigurationError(`Input '${name}' must be a whole number from ${bounds.min} to ${bounds.max}; got ${quote(value)}.`);
  }
  const number = Number(value);
  if (number < bounds.min || number > bounds.max) {
    throw new ConfigurationError(`Input '${name}' must be from ${bounds.min} to ${bounds.max}; got ${value}.`);
  }
  return number;
}

/** One entry per non-blank line, trimmed, with its 1-based line number. */
export function parseMultilineInput(raw: string | undefined): Array<{ text: string; lineNumber: number }> {
  return (raw ?? '')
    .split(/\r?\n/)
    .map((line, index) => ({ text: line.trim(), lineNumber: index + 1 }))
    .filter((line) => line.text !== '');
}
