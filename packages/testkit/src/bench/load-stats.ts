import type { QuotaEvent } from '../quota-limiter.js';

/**
 * The most calls of each operation that arrived within any one second (a sliding window:
 * calls less than 1000 ms apart), throttled ones included: the demand a quota must meet.
 *
 * @example
 * ```ts
 * peakPerSecond([{ operation: 'ssm:GetParameters', atMs: 0, throttled: false }, { operation: 'ssm:GetParameters', atMs: 999, throttled: true }]);
 * // { 'ssm:GetParameters': 2 }
 * ```
 */
export function peakPerSecond(events: readonly QuotaEvent[]): Record<string, number> {
  const times = new Map<string, number[]>();
  for (const event of events) {
    const list = times.get(event.operation) ?? [];
    list.push(event.atMs);
    times.set(event.operation, list);
  }
  const peaks: Record<string, number> = {};
  for (const [operation, list] of times) {
    list.sort((a, b) => a - b);
    let peak = 0;
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      while (list[end]! - list[start]! >= 1000) start++;
      peak = Math.max(peak, end - start + 1);
    }
    peaks[operation] = peak;
  }
  return peaks;
}
