import { beforeEach, describe, expect, it } from 'vitest';
import { describeErrorDetails } from './error-details.js';
import { AwsCallError } from './errors.js';
import { forgetSensitive, rememberSensitive } from './sensitive-text.js';

beforeEach(() => {
  forgetSensitive();
});

/** An error shaped as the AWS SDK throws it, with extra fields from the error body. */
function sdkError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 },
    ...extra,
  });
}

describe('describeErrorDetails', () => {
  it('shows the error, each cause, and their data fields, one line each', () => {
    const cause = sdkError('ValidationException', 'bad input', { $response: { body: 'raw' } });
    const error = new AwsCallError('PutSecretValue', 'PutSecretValue for secret failed', { cause, hints: ['check the value'] });
    expect(describeErrorDetails(error)).toEqual([
      'error: AwsCallError: PutSecretValue for secret failed',
      'error fields: {"operation":"PutSecretValue","hints":["check the value"]}',
      'cause 1: ValidationException: bad input',
      'cause 1 fields: {"$fault":"client","$metadata":{"httpStatusCode":400,"requestId":"req-1","attempts":1,"totalRetryDelay":0}}',
    ]);
  });

  it('scrubs remembered values from messages and from every field of the error body', () => {
    rememberSensitive('tok.en-42');
    rememberSensitive('pw "x"');
    const error = sdkError('InvalidIdentityToken', 'token tok.en-42 rejected', { Echo: 'WebIdentityToken=tok.en-42', Body: { SecretString: 'pw "x"' } });
    expect(describeErrorDetails(error)).toEqual([
      'error: InvalidIdentityToken: token *** rejected',
      'error fields: {"$fault":"client","$metadata":{"httpStatusCode":400,"requestId":"req-1","attempts":1,"totalRetryDelay":0},"Echo":"WebIdentityToken=***","Body":{"SecretString":"***"}}',
    ]);
  });

  it('keeps every line a single line that cannot issue a workflow command', () => {
    expect(describeErrorDetails(new Error('::add-mask::x\nsecond'))).toEqual(['error: Error: ::add-mask::x\\nsecond']);
    expect(describeErrorDetails('::stop-commands::t')).toEqual(['error: \\::stop-commands::t']);
    expect(describeErrorDetails({ code: 42 })).toEqual(['error: {"code":42}']);
  });

  it('shows a thrown non-error and stops after five causes', () => {
    let error: unknown = 'root';
    for (let i = 0; i < 8; i++) error = new Error(`level ${i}`, { cause: error });
    const lines = describeErrorDetails(error);
    expect(lines).toEqual(['error: Error: level 7', 'cause 1: Error: level 6', 'cause 2: Error: level 5', 'cause 3: Error: level 4', 'cause 4: Error: level 3', 'cause 5: Error: level 2']);
  });

  it('survives fields that cannot be turned into JSON', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeErrorDetails(Object.assign(new Error('m'), { loop: circular }))).toEqual(['error: Error: m', 'error fields: (fields loop could not be shown)']);
  });
});
