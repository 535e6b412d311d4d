/**
 * The median of `values`: the middle value, or the mean of the two middle values when the
 * count is even. The input is not modified.
 *
 * @throws RangeError for an empty list: a benchmark with no runs has no median.
 * @example
 * ```ts
 * median([300, 100, 200]); // 200
 * median([4, 1, 3, 2]); // 2.5
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('The median of an empty list is undefined');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The `p`-th percentile of `values` by the nearest-rank method: the smallest value with at
 * least `p` % of the values at or below it. Always one of the values, never an interpolation.
 *
 * @throws RangeError for an empty list, or `p` outside (0, 100].
 * @example
 * ```ts
 * percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95); // 10
 * percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50); // 5
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('A percentile of an empty list is undefined');
  if (!(p > 0 && p <= 100)) throw new RangeError(`A percentile is above 0 and at most 100, not ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}
