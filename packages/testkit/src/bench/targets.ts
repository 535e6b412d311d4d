import { formatCalls, formatMs, formatRatio, formatSeconds } from './format.js';

/** Most ids one `BatchGetSecretValue` call takes (`SecretIdList`). */
export const BATCH_SIZE = 20;

/** The N at which get-secrets must beat the sequential baseline by {@link MIN_SPEEDUP}. */
export const SPEEDUP_N = 100;

/** How many times faster than the sequential baseline get-secrets must be at {@link SPEEDUP_N}. */
export const MIN_SPEEDUP = 10;

/** One target of issue 3's speed section and whether a run met it. */
export interface Verdict {
  target: string;
  expected: string;
  measured: string;
  pass: boolean;
}

/**
 * The AWS calls of the physical floor for `n` explicit secret ids: one STS call, then
 * ⌈n/20⌉ `BatchGetSecretValue` calls (the OIDC token request is counted apart).
 *
 * @example
 * ```ts
 * expectedFetchCalls(21); // { 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 2 }
 * ```
 */
export function expectedFetchCalls(n: number): Record<string, number> {
  return { 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': Math.ceil(n / BATCH_SIZE) };
}

function sameCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const nonZero = (counts: Readonly<Record<string, number>>): string[] => Object.keys(counts).filter((key) => counts[key] !== 0);
  const keys = nonZero(a);
  return keys.length === nonZero(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Target 1: a run with `n` explicit ids made one token request and exactly the calls of
 * {@link expectedFetchCalls} — no other AWS call.
 */
export function fetchCallsVerdict(n: number, tokenRequests: number, counts: Readonly<Record<string, number>>): Verdict {
  return {
    target: `API calls, N = ${n}`,
    expected: formatCalls(1, expectedFetchCalls(n)),
    measured: formatCalls(tokenRequests, counts),
    pass: tokenRequests === 1 && sameCounts(counts, expectedFetchCalls(n)),
  };
}

/** Target 2: at N = {@link SPEEDUP_N}, the baseline's median is at least {@link MIN_SPEEDUP} times get-secrets'. */
export function speedupVerdict(oursMs: number, baselineMs: number): Verdict {
  const ratio = baselineMs / oursMs;
  return {
    target: `speed-up over the baseline, N = ${SPEEDUP_N}`,
    expected: `≥ ${MIN_SPEEDUP}×`,
    measured: `${formatRatio(ratio)} (${formatSeconds(baselineMs)} / ${formatSeconds(oursMs)})`,
    pass: ratio >= MIN_SPEEDUP,
  };
}

/** Target 3: get-secrets' median start-up is no slower than the baseline's. */
export function startupVerdict(oursMs: number, baselineMs: number): Verdict {
  return {
    target: 'start-up with no work',
    expected: `≤ ${formatMs(baselineMs)} (the baseline's)`,
    measured: formatMs(oursMs),
    pass: oursMs <= baselineMs,
  };
}
