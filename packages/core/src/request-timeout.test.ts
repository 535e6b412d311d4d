import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, requestTimeouts } from './request-timeout.js';

describe('requestTimeouts', () => {
  it.each([
    { name: 'the default when the variable is unset', value: undefined, expected: DEFAULT_REQUEST_TIMEOUT_MS },
    { name: 'the default when the variable is empty', value: '', expected: DEFAULT_REQUEST_TIMEOUT_MS },
    { name: 'a whole number of milliseconds', value: '1500', expected: 1500 },
    { name: 'the value without surrounding spaces', value: ' 30000 ', expected: 30_000 },
    { name: 'the lowest value', value: '100', expected: 100 },
    { name: 'the highest value', value: '600000', expected: 600_000 },
  ])('uses $name', ({ value, expected }) => {
    expect(requestTimeouts({ AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS: value })).toEqual({
      connectionTimeout: expected,
      requestTimeout: expected,
      throwOnRequestTimeout: true,
    });
  });

  it.each(['abc', '10s', '1.5', '-1', '0', '99', '600001', '1e4'])('refuses %j, naming the variable', (value) => {
    const read = () => requestTimeouts({ AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS: value });
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(
      `AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000; got '${value}'.`,
    );
  });
});
