import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken, StandardRetryToken } from '@smithy/types';
import { isUnreadableSuccess } from './transport-errors.js';

/**
 * Attempts for a call that keeps being throttled. A matrix of jobs starting together can
 * exceed a per-account quota (BatchGetSecretValue 100/s, Parameter Store 40/s) for a second or
 * two; the SDK's default of 3 attempts gives up inside that spell (measured with
 * `npm run bench:load`). With the SDK's throttling backoff (full jitter, base 1 s, doubling, capped
 * at 20 s) 6 attempts wait at most 1 + 2 + 4 + 8 + 16 = 31 s, about half that on average, and
 * the jitter spreads the fleet's retries over that window.
 */
export const THROTTLED_MAX_ATTEMPTS = 6;

/** Attempts for every other retryable failure (5xx, timeouts): the SDK's default, unchanged. */
export const OTHER_MAX_ATTEMPTS = 3;

/**
 * The SDK's standard retry strategy (jittered exponential backoff, retry quota), allowing
 * {@link THROTTLED_MAX_ATTEMPTS} attempts while the failures are throttling and
 * {@link OTHER_MAX_ATTEMPTS} otherwise. A 2xx whose body could not be parsed counts as transient
 * (the SDK alone never retries it). One instance per client: its retry quota is per client.
 */
export class ThrottlingTolerantRetryStrategy implements RetryStrategyV2 {
  private readonly standard = new StandardRetryStrategy(THROTTLED_MAX_ATTEMPTS);

  async acquireInitialRetryToken(retryTokenScope: string): Promise<RetryToken> {
    return this.standard.acquireInitialRetryToken(retryTokenScope);
  }

  async refreshRetryTokenForRetry(token: StandardRetryToken, reported: RetryErrorInfo): Promise<RetryToken> {
    const errorInfo: RetryErrorInfo = isUnreadableSuccess(reported.error) ? { ...reported, errorType: 'TRANSIENT' } : reported;
    // The SDK rethrows the call's own last error when no token is given; this message is never shown.
    if (errorInfo.errorType !== 'THROTTLING' && token.getRetryCount() + 1 >= OTHER_MAX_ATTEMPTS) throw new Error('No retry token available');
    return this.standard.refreshRetryTokenForRetry(token, errorInfo);
  }

  recordSuccess(token: StandardRetryToken): void {
    this.standard.recordSuccess(token);
  }
}
