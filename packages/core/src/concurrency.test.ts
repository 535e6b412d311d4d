import { describe, expect, it } from 'vitest';
import { createLimiter, settleWithConcurrency } from './concurrency.js';

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

describe('createLimiter', () => {
  /** Starts a limited task that waits for `gate`, recording when it starts and how many run beside it. */
  function tracker(max: number): {
    run: (label: string, gate: Promise<unknown>) => Promise<string>;
    started: string[];
    maxInFlight: () => number;
  } {
    const limit = createLimiter(max);
    const started: string[] = [];
    let inFlight = 0;
    let highest = 0;
    return {
      started,
      maxInFlight: () => highest,
      run: (label, gate) =>
        limit(async () => {
          started.push(label);
          inFlight++;
          highest = Math.max(highest, inFlight);
          try {
            await gate;
            return label;
          } finally {
            inFlight--;
          }
        }),
    };
  }

  it('starts at most max tasks and the next one only when one finishes', async () => {
    const { run, started, maxInFlight } = tracker(2);
    const gates = Array.from({ length: 5 }, () => deferred<undefined>());
    const results = gates.map((gate, index) => run(`t${index}`, gate.promise));
    await flush();
    expect(started).toEqual(['t0', 't1']);
    gates[1]!.resolve(undefined);
    await flush();
    expect(started).toEqual(['t0', 't1', 't2']);
    gates[0]!.resolve(undefined);
    await flush();
    expect(started).toEqual(['t0', 't1', 't2', 't3']);
    for (const gate of gates) gate.resolve(undefined);
    await expect(Promise.all(results)).resolves.toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(maxInFlight()).toBe(2);
  });

  it('starts waiting tasks in the order they asked (FIFO)', async () => {
    const { run, started } = tracker(1);
    const first = deferred<undefined>();
    const running = run('first', first.promise);
    const waiting = ['a', 'b', 'c', 'd'].map((label) => run(label, Promise.resolve()));
    await flush();
    expect(started).toEqual(['first']);
    first.resolve(undefined);
    await Promise.all([running, ...waiting]);
    expect(started).toEqual(['first', 'a', 'b', 'c', 'd']);
  });

  // A slot freed by a finishing task goes to the longest waiter: a task that asks
  // a few microtasks later, while that waiter is being woken, must not slip in
  // beside it.
  it.each([0, 1, 2, 3, 4, 5, 6])('lets no late task jump the queue or exceed max when it asks %i microtasks after a release', async (ticks) => {
    const { run, started, maxInFlight } = tracker(1);
    const first = deferred<undefined>();
    const running = run('first', first.promise);
    const waiter = run('waiter', Promise.resolve());
    await flush();
    first.resolve(undefined);
    let late: Promise<string> = Promise.resolve('');
    let chain = Promise.resolve();
    for (let tick = 0; tick < ticks; tick++) chain = chain.then(() => undefined);
    await chain.then(() => {
      late = run('late', Promise.resolve());
    });
    await Promise.all([running, waiter, late]);
    expect(started).toEqual(['first', 'waiter', 'late']);
    expect(maxInFlight()).toBe(1);
  });

  it('never exceeds max under many chained callers', async () => {
    const limit = createLimiter(3);
    let inFlight = 0;
    let highest = 0;
    const step = (ticks: number): Promise<void> =>
      limit(async () => {
        inFlight++;
        highest = Math.max(highest, inFlight);
        for (let tick = 0; tick < ticks; tick++) await Promise.resolve();
        inFlight--;
      });
    await Promise.all(
      Array.from({ length: 8 }, async (_, caller) => {
        for (let round = 0; round < 10; round++) await step((caller * 7 + round * 3) % 5);
      }),
    );
    expect(highest).toBe(3);
  });

  it('frees the slot when a task rejects or throws, and passes the rejection on', async () => {
    const limit = createLimiter(1);
    const failure = new Error('task failed');
    const rejected = limit(() => Promise.reject(failure));
    const thrown = limit(() => {
      throw failure;
    });
    const after = limit(() => Promise.resolve('ran'));
    await expect(rejected).rejects.toBe(failure);
    await expect(thrown).rejects.toBe(failure);
    await expect(after).resolves.toBe('ran');
  });

  it.each([0, -1, Number.NaN])('runs one task at a time when max is %s', async (max) => {
    const limit = createLimiter(max);
    let inFlight = 0;
    let highest = 0;
    await Promise.all(
      [1, 2, 3].map(() =>
        limit(async () => {
          inFlight++;
          highest = Math.max(highest, inFlight);
          await flush();
          inFlight--;
        }),
      ),
    );
    expect(highest).toBe(1);
  });

  it('rounds a fractional max down', async () => {
    const { run, started } = tracker(2.7);
    const gates = Array.from({ length: 3 }, () => deferred<undefined>());
    const results = gates.map((gate, index) => run(`t${index}`, gate.promise));
    await flush();
    expect(started).toEqual(['t0', 't1']);
    for (const gate of gates) gate.resolve(undefined);
    await Promise.all(results);
  });
});
