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
