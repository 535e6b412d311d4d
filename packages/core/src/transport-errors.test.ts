import { describe, expect, it } from 'vitest';
import { describeAwsError } from './errors.js';
import { describeTransportFailure } from './transport-errors.js';

function sdkError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

describe('describeTransportFailure', () => {
  it.each([
    {
      name: 'a reset connection the SDK calls a TimeoutError',
      error: sdkError('TimeoutError', 'read ECONNRESET', { code: 'ECONNRESET' }),
      expected: 'connection reset before an answer came (read ECONNRESET)',
    },
    { name: 'a socket hang up', error: sdkError('Error', 'socket hang up', { code: 'ECONNRESET' }), expected: 'connection reset before an answer came (socket hang up)' },
    {
      name: "the SDK's request timeout",
      error: sdkError('TimeoutError', '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 1000 ms requestTimeout.', { code: 'ETIMEDOUT' }),
      expected: 'timed out: no answer within 1000 ms (the per-attempt limit is AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS)',
    },
    {
      name: 'a 200 whose body does not parse',
      error: sdkError('SyntaxError', 'Unexpected end of JSON input\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.', {
        $metadata: { httpStatusCode: 200 },
      }),
      expected: 'unreadable response (HTTP 200): Unexpected end of JSON input',
    },
    { name: 'an AWS error', error: sdkError('ThrottlingException', 'Rate exceeded', { $metadata: { httpStatusCode: 400 } }), expected: undefined },
  ])('describes $name', ({ error, expected }) => {
    expect(describeTransportFailure(error)).toBe(expected);
  });

  it('is what describeAwsError prints for such failures', () => {
    expect(describeAwsError(sdkError('TimeoutError', 'read ECONNRESET', { code: 'ECONNRESET' }))).toBe('connection reset before an answer came (read ECONNRESET)');
    expect(describeAwsError(sdkError('ThrottlingException', 'Rate exceeded'))).toBe('ThrottlingException: Rate exceeded');
  });
});
