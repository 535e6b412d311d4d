import type { ChildProcess } from 'node:child_process';

const tracked = new Set<ChildProcess>();
let handlerInstalled = false;

function killAllTracked(): void {
  for (const child of tracked) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  }
  tracked.clear();
}

/**
 * Kills `child` when the current process exits, unless it has ended before.
 *
 * One shared `exit` handler serves every tracked child, so starting many servers does not
 * trip Node's listener-count warning. A child leaves the set by itself when it exits.
 */
export function killOnExit(child: ChildProcess): void {
  if (!handlerInstalled) {
    process.on('exit', killAllTracked);
    handlerInstalled = true;
  }
  tracked.add(child);
  child.once('exit', () => {
    tracked.delete(child);
  });
}

/**
 * Stops `child`: SIGTERM, then SIGKILL after `graceMs`, and resolves once it has exited
 * (so it has been reaped and leaves no zombie).
 */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
