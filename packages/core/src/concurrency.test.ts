import { describe, expect, it } from 'vitest';
import { settleWithConcurrency } from './concurrency.js';

/** A promise resolved or rejected from outside, to control the order tasks finish in. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (reason: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('settleWithConcurrency', () => {
  it('never has more than the limit in flight and starts the next as one finishes', async () => {
    const gates = Array.from({ length: 7 }, () => deferred<number>());
    let inFlight = 0;
    let maxInFlight = 0;
    const started: number[] = [];
    const run = settleWithConcurrency(gates, 3, async (gate, index) => {
      started.push(index);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await gate.promise;
      } finally {
        inFlight--;
      }
    });
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.resolve(1);
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    // Finish the rest in reverse order.
    for (const index of [6, 5, 4, 3, 2, 0]) {
      gates[index]!.resolve(index);
      await flush();
    }
    const results = await run;
    expect(maxInFlight).toBe(3);
    expect(results).toEqual(gates.map((_, index) => ({ status: 'fulfilled', value: index })));
  });

  it('keeps the order of the items, not the order they finish in', async () => {
    const delays = [30, 0, 20, 10];
    const results = await settleWithConcurrency(
      delays,
      4,
      (ms, index) =>
        new Promise<string>((resolve) => {
          setTimeout(() => {
            resolve(`item ${index}`);
          }, ms);
        }),
    );
    expect(results).toEqual([
      { status: 'fulfilled', value: 'item 0' },
      { status: 'fulfilled', value: 'item 1' },
      { status: 'fulfilled', value: 'item 2' },
      { status: 'fulfilled', value: 'item 3' },
    ]);
  });

  it('lets every task settle when some fail, synchronously or not', async () => {
    const failure = new Error('second failed');
    const syncFailure = new Error('third threw');
    const finished: number[] = [];
    const results = await settleWithConcurrency([0, 1, 2, 3, 4], 2, (item) => {
      if (item === 2) throw syncFailure;
      return new Promise<number>((resolve, reject) =>
        setTimeout(() => {
          finished.push(item);
          if (item === 1) reject(failure);
          else resolve(item * 10);
        }, 5),
      );
    });
    expect(results).toEqual([
      { status: 'fulfilled', value: 0 },
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: syncFailure },
      { status: 'fulfilled', value: 30 },
      { status: 'fulfilled', value: 40 },
    ]);
    expect([...finished].sort()).toEqual([0, 1, 3, 4]);
  });

  it('runs every item at once when the limit is larger than the list', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    await settleWithConcurrency([1, 2, 3], 10, async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await flush();
      inFlight--;
    });
    expect(maxInFlight).toBe(3);
  });

  it.each([0, -1, Number.NaN])('still runs every item, one at a time, when the limit is %s', async (limit) => {
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await settleWithConcurrency(['a', 'b', 'c'], limit, async (item) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await flush();
      inFlight--;
      return item.toUpperCase();
    });
    expect(results).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'fulfilled', value: 'B' },
      { status: 'fulfilled', value: 'C' },
    ]);
    expect(maxInFlight).toBe(1);
  });

  it('returns nothing for no items', async () => {
    await expect(settleWithConcurrency([], 3, () => Promise.resolve(1))).resolves.toEqual([]);
  });
});
