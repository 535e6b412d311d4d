import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { assertWithinLimit, parameterSizeLimit, SECRETS_MANAGER_LIMIT, valueByteLength } from './secret-size.js';

describe('valueByteLength', () => {
  it.each([
    { input: 'abc', expected: 3 },
    { input: 'é', expected: 2 },
    { input: '€', expected: 3 },
    { input: '😀', expected: 4 },
    { input: new Uint8Array([0, 255, 1]), expected: 3 },
  ])('counts $expected bytes', ({ input, expected }) => {
    expect(valueByteLength(input)).toBe(expected);
  });
});

describe('parameterSizeLimit', () => {
  it.each([
    { tier: undefined, bytes: 4096 },
    { tier: 'Standard', bytes: 4096 },
    { tier: 'Advanced', bytes: 8192 },
    { tier: 'Intelligent-Tiering', bytes: 8192 },
  ] as const)('allows $bytes bytes in tier $tier', ({ tier, bytes }) => {
    expect(parameterSizeLimit(tier).bytes).toBe(bytes);
  });
});

describe('assertWithinLimit', () => {
  it('accepts a value of exactly the limit', () => {
    expect(() => {
      assertWithinLimit('The value', 65_536, SECRETS_MANAGER_LIMIT);
    }).not.toThrow();
  });

  it.each([
    { limit: SECRETS_MANAGER_LIMIT, bytes: 65_537, message: 'The value is 65537 bytes; Secrets Manager stores at most 65536 bytes (64 KiB) per secret value.' },
    {
      limit: parameterSizeLimit(undefined),
      bytes: 4097,
      message: "The value is 4097 bytes; a Standard-tier parameter holds at most 4096 bytes (4 KiB); set 'parameter-tier' to Advanced for up to 8 KiB.",
    },
    { limit: parameterSizeLimit('Intelligent-Tiering'), bytes: 9000, message: 'The value is 9000 bytes; a parameter in the Intelligent-Tiering tier holds at most 8192 bytes (8 KiB).' },
  ])('refuses $bytes bytes over a limit of $limit.bytes', ({ limit, bytes, message }) => {
    expect(() => {
      assertWithinLimit('The value', bytes, limit);
    }).toThrow(new ConfigurationError(message));
  });
});
