import { describe, expect, it } from 'vitest';
import {
  AwsCallError,
  awsErrorCode,
  ConfigurationError,
  describeAwsError,
  describeError,
  httpStatusOf,
  isAccessDenied,
  SecretsFetchError,
} from './errors.js';

function awsError(name: string, message: string, httpStatusCode?: number): Error {
  return Object.assign(new Error(message), { name, $metadata: httpStatusCode === undefined ? {} : { httpStatusCode } });
}

describe('SecretsFetchError', () => {
  it('lists one failed reference', () => {
    const error = new SecretsFetchError([{ reference: 'prod/db', reason: 'not found', hints: [] }]);
    expect(error.name).toBe('SecretsFetchError');
    expect(error.message).toBe("Failed to fetch 1 reference; nothing was exported:\n  - 'prod/db': not found");
  });

  it('lists every failed reference in the order given', () => {
    const error = new SecretsFetchError([
      { reference: 'b', reason: 'denied', hints: [] },
      { reference: 'a', reason: 'missing', hints: [] },
    ]);
    expect(error.message).toBe("Failed to fetch 2 references; nothing was exported:\n  - 'b': denied\n  - 'a': missing");
  });
});

describe('describeError', () => {
  it('adds the hints of every failure once, after the list', () => {
    const error = new SecretsFetchError([
      { reference: 'a', reason: 'denied', hints: ['Grant GetSecretValue.', 'Grant kms:Decrypt.'] },
      { reference: 'b', reason: 'denied', hints: ['Grant GetSecretValue.'] },
      { reference: 'c', reason: 'missing', hints: ['Check the region.'] },
    ]);
    expect(describeError(error)).toBe(
      [
        'Failed to fetch 3 references; nothing was exported:',
        "  - 'a': denied",
        "  - 'b': denied",
        "  - 'c': missing",
        'Things to check:',
        '  - Grant GetSecretValue.',
        '  - Grant kms:Decrypt.',
        '  - Check the region.',
      ].join('\n'),
    );
  });

  it('adds the hints of an AWS call error', () => {
    const error = new AwsCallError('AssumeRole', 'Could not assume role.', { hints: ['Check the trust policy.', 'Check the role ARN.'] });
    expect(describeError(error)).toBe('Could not assume role.\nThings to check:\n  - Check the trust policy.\n  - Check the role ARN.');
  });

  it('prints the message alone when there is no hint', () => {
    expect(describeError(new AwsCallError('GetSecretValue', 'Failed.'))).toBe('Failed.');
    expect(describeError(new SecretsFetchError([{ reference: 'x', reason: 'gone', hints: [] }]))).toBe(
      "Failed to fetch 1 reference; nothing was exported:\n  - 'x': gone",
    );
  });

  it('prints the message of any other error', () => {
    expect(describeError(new ConfigurationError('Input is wrong.'))).toBe('Input is wrong.');
    expect(describeError(new TypeError('boom'))).toBe('boom');
  });

  it('prints a thrown non-error as text', () => {
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError(42)).toBe('42');
  });
});

describe('AwsCallError', () => {
  it('keeps the operation, the hints and the cause', () => {
    const cause = new Error('underlying');
    const error = new AwsCallError('GetIDToken', 'Could not get a token.', { cause, hints: ['Add id-token: write.'] });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AwsCallError');
    expect(error.operation).toBe('GetIDToken');
    expect(error.hints).toEqual(['Add id-token: write.']);
    expect(error.cause).toBe(cause);
  });
});

describe('isAccessDenied', () => {
  it.each<{ name: string; error: unknown; expected: boolean }>([
    { name: 'AccessDeniedException', error: awsError('AccessDeniedException', 'User is not authorized', 400), expected: true },
    { name: 'STS AccessDenied', error: awsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403), expected: true },
    { name: 'a bare 403 the SDK could not parse', error: awsError('Unknown', 'UnknownError', 403), expected: true },
    { name: 'a 403 with an empty message', error: awsError('Error', '', 403), expected: true },
    { name: 'ResourceNotFoundException', error: awsError('ResourceNotFoundException', 'not found', 400), expected: false },
    { name: 'a 500', error: awsError('InternalServiceError', 'oops', 500), expected: false },
    { name: 'a plain Error', error: new Error('AccessDenied'), expected: false },
    { name: 'a string', error: 'AccessDenied', expected: false },
    { name: 'undefined', error: undefined, expected: false },
  ])('says $expected for $name', ({ error, expected }) => {
    expect(isAccessDenied(error)).toBe(expected);
  });
});

describe('awsErrorCode and httpStatusOf', () => {
  it('read the code and status of an SDK error', () => {
    const error = awsError('ThrottlingException', 'Rate exceeded', 400);
    expect(awsErrorCode(error)).toBe('ThrottlingException');
    expect(httpStatusOf(error)).toBe(400);
  });

  it('read nothing from values that are not SDK errors', () => {
    expect(awsErrorCode('ThrottlingException')).toBeUndefined();
    expect(httpStatusOf(new Error('x'))).toBeUndefined();
    expect(httpStatusOf({ $metadata: { httpStatusCode: '403' } })).toBeUndefined();
    expect(httpStatusOf(null)).toBeUndefined();
  });
});

describe('describeAwsError', () => {
  it.each<{ name: string; error: unknown; expected: string }>([
    { name: 'an AWS error as code and message', error: awsError('ThrottlingException', 'Rate exceeded', 400), expected: 'ThrottlingException: Rate exceeded' },
    { name: 'a plain error by its message alone', error: new Error('connect ECONNREFUSED 127.0.0.1:4566'), expected: 'connect ECONNREFUSED 127.0.0.1:4566' },
    { name: 'an empty message by its HTTP status', error: awsError('Unknown', '', 502), expected: 'Unknown: HTTP 502' },
    { name: 'an empty message without a status', error: awsError('Weird', ''), expected: 'Weird: no message' },
    { name: 'a thrown string', error: 'socket hang up', expected: 'socket hang up' },
    {
      name: 'a message carrying a workflow command, on one line',
      error: awsError('ValidationError', 'bad\n::add-mask::x', 400),
      expected: 'ValidationError: bad\\n::add-mask::x',
    },
    { name: 'a message that starts with a workflow command', error: new Error('::error::x'), expected: '\\::error::x' },
  ])('prints $name', ({ error, expected }) => {
    expect(describeAwsError(error)).toBe(expected);
  });
});

const withStatus = <T extends Error>(error: T, status: number): T => Object.assign(error, { $metadata: { httpStatusCode: status } });

describe('describeAwsError for bare HTTP 403s', () => {
  it.each([
    { name: 'an unreadable 403 body', error: withStatus(new SyntaxError('Unexpected token \'<\', "<?xml vers"... is not valid JSON'), 403) },
    { name: 'a 403 the SDK calls Unknown', error: withStatus(Object.assign(new Error('UnknownError'), { name: 'Unknown' }), 403) },
  ])('says access denied for $name', ({ error }) => {
    expect(describeAwsError(error)).toBe('AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)');
  });

  it.each([
    { name: 'an AWS error with a 403', error: withStatus(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }), 403), expected: 'AccessDeniedException: User is not authorized' },
    { name: 'another AWS error', error: withStatus(Object.assign(new Error("can't find it"), { name: 'ResourceNotFoundException' }), 400), expected: "ResourceNotFoundException: can't find it" },
    { name: 'a parse error that is not a 403', error: withStatus(new SyntaxError('bad'), 500), expected: 'SyntaxError: bad' },
  ])('describes $name as code and message', ({ error, expected }) => {
    expect(describeAwsError(error)).toBe(expected);
  });
});
