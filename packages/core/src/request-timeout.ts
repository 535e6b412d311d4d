import { ConfigurationError } from './errors.js';
import { quote } from './log-safe.js';

/** The environment variable that overrides the per-attempt request timeout, in milliseconds. */
export const REQUEST_TIMEOUT_ENV = 'AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS';

/**
 * Ten seconds per attempt: AWS answers these calls in well under a second, so
 * this only ever cuts off a hung connection, and the SDK's retries still fit
 * in a step's minute.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 600_000;

/** How long one HTTP attempt may take: to connect, and from sending to the response. */
export interface RequestTimeouts {
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
  /** Without it the SDK only logs a warning when `requestTimeout` passes and keeps waiting. */
  readonly throwOnRequestTimeout: true;
}

/**
 * Reads {@link REQUEST_TIMEOUT_ENV} (a whole number of milliseconds, 100 to
 * 600 000) or falls back to {@link DEFAULT_REQUEST_TIMEOUT_MS}.
 *
 * @throws ConfigurationError naming the variable when the value is not such a number.
 * @example
 * requestTimeouts({}).requestTimeout; // 10000
 * requestTimeouts({ AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS: '30000' }).requestTimeout; // 30000
 */
export function requestTimeouts(env: Readonly<Record<string, string | undefined>>): RequestTimeouts {
  const raw = env[REQUEST_TIMEOUT_ENV]?.trim();
  let ms = DEFAULT_REQUEST_TIMEOUT_MS;
  if (raw !== undefined && raw !== '') {
    ms = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(ms >= MIN_TIMEOUT_MS && ms <= MAX_TIMEOUT_MS)) {
      throw new ConfigurationError(
        `${REQUEST_TIMEOUT_ENV} must be a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}; got ${quote(raw)}.`,
      );
    }
  }
  return { connectionTimeout: ms, requestTimeout: ms, throwOnRequestTimeout: true };
}
