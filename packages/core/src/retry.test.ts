import { ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { IDPCommunicationErrorException, InvalidIdentityTokenException } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, isRetryableError, withRetry, type RetryDeps, type RetryPolicy } from './retry.js';

/** An SDK-shaped error: the AWS code in `name`, the HTTP status in `$metadata`. */
function awsError(name: string, httpStatusCode?: number): Error {
  return Object.assign(new Error(`${name} from AWS`), { name, $metadata: httpStatusCode === undefined ? {} : { httpStatusCode } });
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code });
}

/** A sleep that records the delays instead of waiting, and dice that always roll `roll`. */
function fakeDeps(roll: number): RetryDeps & { delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    random: () => roll,
  };
}

/** An attempt that fails with `errors` in turn, then succeeds with 'done'. */
function failingThen(errors: readonly Error[]): { attempt: (n: number) => Promise<string>; attempts: number[] } {
  const attempts: number[] = [];
  return {
    attempts,
    attempt: (n) => {
      attempts.push(n);
      const error = errors[n - 1];
      return error === undefined ? Promise.resolve('done') : Promise.reject(error);
    },
  };
}

/** What the SDK throws for a response body it cannot parse. */
function unreadable(status: number): Error {
  const error = new SyntaxError('Unexpected end of JSON input\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.');
  return Object.assign(error, { $metadata: { httpStatusCode: status } });
}

describe('isRetryableError', () => {
  it.each<{ name: string; error: unknown }>([
    { name: 'ThrottlingException', error: awsError('ThrottlingException', 400) },
    { name: 'STS Throttling', error: awsError('Throttling', 400) },
    { name: 'TooManyRequestsException', error: awsError('TooManyRequestsException', 429) },
    { name: 'IDPCommunicationError', error: awsError('IDPCommunicationError', 400) },
    {
      name: "the SDK's IDPCommunicationErrorException",
      error: new IDPCommunicationErrorException({ message: 'could not reach the IdP', $metadata: { httpStatusCode: 400 } }),
    },
    { name: 'InternalServiceError', error: awsError('InternalServiceError', 500) },
    { name: 'a bare 503', error: awsError('Unknown', 503) },
    { name: 'a bare 500', error: awsError('Unknown', 500) },
    { name: 'a bare 429', error: awsError('Unknown', 429) },
    { name: 'ECONNRESET', error: networkError('ECONNRESET') },
    { name: 'ETIMEDOUT', error: networkError('ETIMEDOUT') },
    { name: 'EAI_AGAIN', error: networkError('EAI_AGAIN') },
    { name: 'TimeoutError', error: awsError('TimeoutError') },
    { name: 'a 200 whose body was cut short', error: unreadable(200) },
  ])('retries $name', ({ error }) => {
    expect(isRetryableError(error)).toBe(true);
  });

  it.each<{ name: string; error: unknown }>([
    { name: 'AccessDenied', error: awsError('AccessDenied', 403) },
    { name: 'AccessDeniedException', error: awsError('AccessDeniedException', 400) },
    { name: 'a bare 403', error: awsError('Unknown', 403) },
    { name: 'a 403 whose body could not be read (an IAM denial)', error: unreadable(403) },
    {
      name: 'ResourceNotFoundException',
      error: new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: { httpStatusCode: 400 } }),
    },
    { name: 'InvalidIdentityToken', error: awsError('InvalidIdentityToken', 400) },
    {
      name: "the SDK's InvalidIdentityTokenException",
      error: new InvalidIdentityTokenException({ message: 'No OpenIDConnect provider found', $metadata: { httpStatusCode: 400 } }),
    },
    { name: 'ValidationError', error: awsError('ValidationError', 400) },
    { name: 'a plain Error', error: new Error('bug') },
    { name: 'ENOENT', error: networkError('ENOENT') },
    { name: 'a string', error: 'ECONNRESET' },
    { name: 'undefined', error: undefined },
    { name: 'null', error: null },
  ])('does not retry $name', ({ error }) => {
    expect(isRetryableError(error)).toBe(false);
  });
});

describe('withRetry', () => {
  it.each<{ name: string; error: Error }>([
    { name: 'ThrottlingException', error: awsError('ThrottlingException', 400) },
    { name: 'a 503', error: awsError('ServiceUnavailable', 503) },
    { name: 'ECONNRESET', error: networkError('ECONNRESET') },
    { name: 'IDPCommunicationError', error: new IDPCommunicationErrorException({ message: 'timeout', $metadata: { httpStatusCode: 400 } }) },
  ])('retries $name up to the attempts limit and rethrows the last error', async ({ error }) => {
    const deps = fakeDeps(0.5);
    const { attempt, attempts } = failingThen(Array.from({ length: 10 }, () => error));
    await expect(withRetry(attempt, deps)).rejects.toBe(error);
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    expect(deps.delays).toEqual([500, 1000, 2000, 4000]);
  });

  it('returns the result of the first attempt that succeeds', async () => {
    const deps = fakeDeps(0.5);
    const throttled = awsError('ThrottlingException', 400);
    const { attempt, attempts } = failingThen([throttled, throttled]);
    await expect(withRetry(attempt, deps)).resolves.toBe('done');
    expect(attempts).toEqual([1, 2, 3]);
    expect(deps.delays).toEqual([500, 1000]);
  });

  it('makes one attempt and no wait when the first succeeds', async () => {
    const deps = fakeDeps(0.5);
    const { attempt, attempts } = failingThen([]);
    await expect(withRetry(attempt, deps)).resolves.toBe('done');
    expect(attempts).toEqual([1]);
    expect(deps.delays).toEqual([]);
  });

  it.each<{ name: string; error: Error }>([
    { name: 'AccessDenied', error: awsError('AccessDenied', 403) },
    {
      name: 'ResourceNotFoundException',
      error: new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: { httpStatusCode: 400 } }),
    },
    { name: 'InvalidIdentityToken', error: new InvalidIdentityTokenException({ message: 'bad token', $metadata: { httpStatusCode: 400 } }) },
  ])('never retries $name', async ({ error }) => {
    const deps = fakeDeps(0.5);
    const { attempt, attempts } = failingThen([error]);
    await expect(withRetry(attempt, deps)).rejects.toBe(error);
    expect(attempts).toEqual([1]);
    expect(deps.delays).toEqual([]);
  });

  it('keeps full-jitter delays below the exponential ceiling and the cap', async () => {
    const policy: RetryPolicy = { attempts: 7, baseDelayMs: 100, maxDelayMs: 500 };
    const deps = fakeDeps(0.999999);
    const { attempt } = failingThen(Array.from({ length: 7 }, () => awsError('Throttling', 400)));
    await expect(withRetry(attempt, deps, policy)).rejects.toHaveProperty('name', 'Throttling');
    expect(deps.delays).toEqual([99, 199, 399, 499, 499, 499]);
  });

  it('can wait no time at all when the dice roll zero', async () => {
    const deps = fakeDeps(0);
    const { attempt } = failingThen([awsError('Throttling', 400), awsError('Throttling', 400)]);
    await expect(withRetry(attempt, deps)).resolves.toBe('done');
    expect(deps.delays).toEqual([0, 0]);
  });

  it('waits well under a minute in all with the default policy', async () => {
    const deps = fakeDeps(0.999999);
    const { attempt } = failingThen(Array.from({ length: DEFAULT_RETRY_POLICY.attempts }, () => networkError('ECONNRESET')));
    await expect(withRetry(attempt, deps)).rejects.toHaveProperty('code', 'ECONNRESET');
    const total = deps.delays.reduce((sum, ms) => sum + ms, 0);
    expect(deps.delays).toHaveLength(DEFAULT_RETRY_POLICY.attempts - 1);
    expect(total).toBeLessThan(15_000);
    expect(Math.max(...deps.delays)).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('uses the retryable test it is given', async () => {
    const deps = fakeDeps(0.5);
    const special = new Error('special');
    const { attempt, attempts } = failingThen([special]);
    await expect(withRetry(attempt, deps, { attempts: 3, baseDelayMs: 10, maxDelayMs: 10 }, (e) => e === special)).resolves.toBe('done');
    expect(attempts).toEqual([1, 2]);
    expect(deps.delays).toEqual([5]);
  });
});
