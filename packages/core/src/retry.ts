import { awsErrorCode, httpStatusOf } from './errors.js';
import { isUnreadableSuccess } from './transport-errors.js';

const RETRYABLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'IDPCommunicationError',
  // STS sends the code IDPCommunicationError; the SDK names the error it throws IDPCommunicationErrorException.
  'IDPCommunicationErrorException',
  'InternalFailure',
  'InternalError',
  'InternalServiceError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Whether an error can go away on its own: throttling, an identity provider
 * that could not be reached, a 5xx, a 2xx whose body was cut short, or a
 * network failure. Access denied, a
 * bad token or a missing secret never can, and are not retried.
 */
export function isRetryableError(error: unknown): boolean {
  const code = awsErrorCode(error);
  if (code !== undefined && RETRYABLE_CODES.has(code)) return true;
  const status = httpStatusOf(error);
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  // STS answers are reads as far as retrying goes: a cut-short one is worth another attempt.
  if (isUnreadableSuccess(error)) return true;
  const networkCode = (error as { code?: unknown } | undefined)?.code;
  return typeof networkCode === 'string' && RETRYABLE_NETWORK_CODES.has(networkCode);
}

/** How long to wait and how often to try. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** A handful of attempts, at most 1+2+4+8 s of waiting: well under a minute in all. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 8000 };

/** The clock and dice a retry loop uses, injected so tests need not wait. */
export interface RetryDeps {
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

/** Real time and real randomness. */
export const realRetryDeps: RetryDeps = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * Calls `attempt` until it succeeds, fails with an error that is not
 * retryable, or the attempts run out; waits with full jitter in between
 * (a random delay up to base × 2^n, capped). The last error is rethrown.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  deps: RetryDeps,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  isRetryable: (error: unknown) => boolean = isRetryableError,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (attemptNumber >= policy.attempts || !isRetryable(error)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
      await deps.sleep(Math.floor(deps.random() * ceiling));
    }
  }
}
