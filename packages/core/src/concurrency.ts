/**
 * Runs `task` over `items` with at most `limit` in flight and waits for every
 * one to settle, so a failure never leaves other calls running unobserved.
 * Results keep the order of `items`.
 */
export async function settleWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index] as T, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  // A limit below 1 (or NaN) would start no worker and leave every result unset: run one at a time instead.
  const workers = Math.min(limit >= 1 ? limit : 1, items.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
