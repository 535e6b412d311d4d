import type { FaultCase } from './fault-rig.js';
import { TOKEN_ENDPOINT } from './fault-rig.js';

/**
 * Attempts the Secrets Manager client makes for 5xx, connection resets, timeouts and a 200 it
 * cannot parse (core's ThrottlingTolerantRetryStrategy, on the SDK's standard one).
 */
export const SDK_ATTEMPTS = 3;
/** Attempts the same client makes while it is throttled: a fleet of jobs outlasts a quota spell. */
export const SDK_THROTTLED_ATTEMPTS = 6;
/** Attempts `resolveCredentials` makes at STS (the STS client's own retries are off). */
export const STS_ATTEMPTS = 5;
/** `core.getIDToken` retries a 502/503/504 ten times: 11 requests. */
export const TOKEN_503_REQUESTS = 11;

/** A transient fault every retry policy here absorbs: K faulted calls, then success. */
export const TRANSIENT_K = 2;

/** Words in the `::error::` message that name the cause of each fault. */
export const CAUSE: Record<string, string> = {
  throttling: 'Rate exceeded',
  'internal-failure': 'InternalFailure',
  'service-unavailable': 'ServiceUnavailable',
  'connection-reset': 'connection reset',
  'slow-response': 'timed out',
  'malformed-json': 'unreadable response',
  'reset-after-write': 'connection reset',
  // @actions/core's getIDToken words these; the action wraps them as "Could not get a GitHub OIDC token …".
  unavailable: 'Error Code : 503',
  unauthorized: 'Error Code : 401',
  'empty-body': 'do not have ID Token',
};

/** How many calls a fault is allowed before the step gives up, for the operation's retry policy. */
export function attemptBudget(faultCase: FaultCase): number {
  if (faultCase.operation === TOKEN_ENDPOINT) return faultCase.fault === 'unavailable' ? TOKEN_503_REQUESTS : 1;
  if (faultCase.operation.startsWith('sts:')) return STS_ATTEMPTS;
  return faultCase.fault === 'throttling' ? SDK_THROTTLED_ATTEMPTS : SDK_ATTEMPTS;
}

/**
 * What a case must show: success after exactly K+1 calls when the policy absorbs K faults,
 * else a clean failure after exactly the budget (or after K+... never more than the budget).
 */
export function expectedAttempts(faultCase: FaultCase): { succeeds: boolean; attempts: number } {
  const budget = attemptBudget(faultCase);
  const k = faultCase.transientCalls;
  if (k !== undefined && k < budget) return { succeeds: true, attempts: k + 1 };
  return { succeeds: false, attempts: budget };
}

/** The cases for one operation: each fault, transient (K calls, or 1 where a single fault already fails) and persistent. */
export function casesFor(operation: string, faults: readonly FaultCase['fault'][], fromCall?: number): FaultCase[] {
  return faults.flatMap((fault) => {
    const base = { operation, fault, ...(fromCall === undefined ? {} : { fromCall }) };
    const k = attemptBudget({ ...base, transientCalls: undefined }) > TRANSIENT_K ? TRANSIENT_K : 1;
    return [
      { ...base, transientCalls: k },
      { ...base, transientCalls: undefined },
    ];
  });
}
