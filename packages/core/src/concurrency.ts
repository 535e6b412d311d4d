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

/**
 * A limiter shared by every call of a run: `limit(task)` starts `task` once
 * fewer than `max` limited tasks are in flight. Unlike a per-list pool, it
 * bounds calls made from several places at once (batches, pinned reads,
 * parameters) with one number.
 */
export function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  const size = max === Number.POSITIVE_INFINITY ? max : Number.isFinite(max) && max >= 1 ? Math.floor(max) : 1;
  let active = 0;
  const waiting: Array<() => void> = [];
  // A freed slot passes straight to the longest waiter: were it freed first,
  // a task asking while that waiter wakes up could take it too, exceeding `max`.
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) active--;
    else next();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
