/**
 * The leak-hunt pass: every end-to-end suite runs a second time (a vitest project of its own,
 * see each action's `vitest.config.ts`) with this variable set to `1`. In that pass every step
 * runs in debug mode ({@link LEAK_HUNT_STEP_ENV}) and the harness's proxy quotes the request
 * body in every AWS error, so whatever an action prints about a failure is tested against the
 * leak check at its most talkative.
 */
export const LEAK_HUNT_FLAG = 'TESTKIT_LEAK_HUNT';

/** What a runner sets when a workflow is re-run with debug logging on. */
export const LEAK_HUNT_STEP_ENV: Readonly<Record<string, string>> = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' };

/** Whether this test process runs the leak-hunt pass. */
export function isLeakHunt(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[LEAK_HUNT_FLAG] === '1';
}
