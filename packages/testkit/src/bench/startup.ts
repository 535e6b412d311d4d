import { spawn } from 'node:child_process';
import { killOnExit } from '../child-processes.js';
import type { BenchServices } from './contenders.js';
import { median } from './stats.js';

/** Something started and timed from spawn to exit, with no work to do. */
export interface StartupSubject {
  label: string;
  /** Runs once; returns the wall time in ms, or throws when the run did not stop the expected way. */
  run(): Promise<number>;
}

/** The timings of one subject. */
export interface StartupResult {
  label: string;
  timesMs: number[];
  medianMs: number;
}

/** Times `node -e ''` from spawn to exit: the floor under any bundle's start-up. */
export async function timeBareNode(): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    killOnExit(child);
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(Date.now() - started);
      else reject(new Error(`node -e '' exited with ${String(code)}`));
    });
  });
}

/**
 * Runs every subject once untimed, then `rounds` times in turn, and checks that none of the
 * runs reached the AWS proxy or the token endpoint.
 */
export async function measureStartup(
  services: BenchServices,
  subjects: readonly StartupSubject[],
  rounds: number,
  progress: (line: string) => void,
): Promise<StartupResult[]> {
  const times = subjects.map(() => [] as number[]);
  services.proxy.resetCounts();
  const tokensBefore = services.oidc.requests.length;
  for (let round = 0; round <= rounds; round++) {
    for (const [i, subject] of subjects.entries()) {
      const ms = await subject.run();
      // Round 0 is the warm-up.
      if (round > 0) times[i]!.push(ms);
    }
    if (round > 0 && round % 5 === 0) progress(`start-up: ${round}/${rounds} rounds`);
  }
  const calls = services.proxy.calls.length + services.oidc.requests.length - tokensBefore;
  if (calls > 0) throw new Error(`The start-up runs were meant to stop before any call, but made ${calls} (AWS or token) call(s)`);
  return subjects.map((subject, i) => ({ label: subject.label, timesMs: times[i]!, medianMs: median(times[i]!) }));
}
