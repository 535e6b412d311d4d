/** Label of the OIDC token request in a call list: it goes to GitHub, not through the AWS proxy. */
export const TOKEN_LABEL = 'token';

/**
 * A duration in seconds with two decimals, the unit the issue quotes.
 *
 * @example
 * ```ts
 * formatSeconds(3612.4); // '3.61 s'
 * ```
 */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/**
 * A duration in whole milliseconds.
 *
 * @example
 * ```ts
 * formatMs(112.5); // '113 ms'
 * ```
 */
export function formatMs(ms: number): string {
  return `${Math.round(ms)} ms`;
}

/**
 * A ratio with one decimal and a times sign.
 *
 * @example
 * ```ts
 * formatRatio(3612 / 402); // '9.0×'
 * ```
 */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(1)}×`;
}

/**
 * A size in KiB with one decimal.
 *
 * @example
 * ```ts
 * formatKiB(1_095_210); // '1069.5'
 * ```
 */
export function formatKiB(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

function group(operation: string): number {
  return operation.startsWith('sts:') ? 0 : 1;
}

/**
 * Lists the calls of one run in the order they happen: the OIDC token requests, then STS, then
 * everything else, alphabetically within each group; operations with a zero count are left out.
 *
 * @example
 * ```ts
 * formatCalls(1, { 'secretsmanager:BatchGetSecretValue': 5, 'sts:AssumeRoleWithWebIdentity': 1 });
 * // '1 token + 1 sts:AssumeRoleWithWebIdentity + 5 secretsmanager:BatchGetSecretValue'
 * formatCalls(0, {}); // 'none'
 * ```
 */
export function formatCalls(tokenRequests: number, counts: Readonly<Record<string, number>>): string {
  const operations = Object.keys(counts)
    .filter((operation) => counts[operation] !== 0)
    .sort((a, b) => group(a) - group(b) || (a < b ? -1 : a > b ? 1 : 0));
  const parts = [...(tokenRequests === 0 ? [] : [`${tokenRequests} ${TOKEN_LABEL}`]), ...operations.map((operation) => `${counts[operation]!} ${operation}`)];
  return parts.length === 0 ? 'none' : parts.join(' + ');
}
