import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AWSCURRENT, AWSPENDING, describeRotationState } from './rotation-state.js';

/** Time, injected so the waiting logic is testable without waiting. */
export interface RotationClock {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** How DescribeSecret is polled: a first delay growing by `factor` up to `maxDelayMs`. */
export interface PollPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
}

/**
 * Half a second, then 1.5 times longer each poll, at most 5 s: a rotation
 * Lambda usually finishes within seconds, and DescribeSecret allows
 * 40 000 calls a second, so the poll rate only needs to be polite.
 */
export const DEFAULT_POLL_POLICY: PollPolicy = { initialDelayMs: 500, maxDelayMs: 5000, factor: 1.5 };

/** How a rotation ended, as seen from DescribeSecret. */
export type RotationOutcome = 'succeeded' | 'failed' | 'timed-out';

/** What {@link waitForRotation} saw last. */
export interface RotationWaitResult {
  readonly outcome: RotationOutcome;
  /** Why it failed or timed out; undefined on success. */
  readonly reason: string | undefined;
  /** The new version's labels when last seen; undefined when the version does not exist. */
  readonly stages: readonly string[] | undefined;
  /** Which version held AWSCURRENT when last seen. */
  readonly currentVersionId: string | undefined;
}

/** The rotation being watched. */
export interface RotationWatch {
  readonly secretId: string;
  readonly oldVersionId: string | undefined;
  readonly newVersionId: string;
}

/**
 * Judges one DescribeSecret snapshot of a rotation: success once the new
 * version holds AWSCURRENT; failure when the new version exists without
 * AWSPENDING and without AWSCURRENT (the rotation function gave up, or the
 * label was removed), when it vanished after being seen, or when AWSCURRENT
 * moved to a third version; otherwise still running (undefined).
 *
 * @example
 * judgeRotation({ v1: ['AWSCURRENT'], v2: ['AWSPENDING'] }, { secretId: 's', oldVersionId: 'v1', newVersionId: 'v2' }, true) // undefined
 * judgeRotation({ v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT'] }, { secretId: 's', oldVersionId: 'v1', newVersionId: 'v2' }, true) // { outcome: 'succeeded', … }
 */
export function judgeRotation(
  versionStages: Readonly<Record<string, readonly string[]>>,
  watch: RotationWatch,
  seenBefore: boolean,
): Omit<RotationWaitResult, 'currentVersionId'> | undefined {
  const stages = versionStages[watch.newVersionId];
  const currentVersionId = Object.entries(versionStages).find(([, labels]) => labels.includes(AWSCURRENT))?.[0];
  if (stages?.includes(AWSCURRENT) === true) return { outcome: 'succeeded', reason: undefined, stages };
  if (stages !== undefined && !stages.includes(AWSPENDING)) {
    return { outcome: 'failed', reason: `the new version lost ${AWSPENDING} without becoming ${AWSCURRENT}`, stages };
  }
  if (currentVersionId !== undefined && currentVersionId !== watch.oldVersionId) {
    return { outcome: 'failed', reason: `${AWSCURRENT} moved to another version, '${currentVersionId}'`, stages };
  }
  if (stages === undefined && seenBefore) return { outcome: 'failed', reason: 'the new version disappeared', stages };
  return undefined;
}

/**
 * Polls DescribeSecret with backoff until {@link judgeRotation} decides, or
 * `timeoutMs` passes (one last look is taken at the deadline).
 */
export async function waitForRotation(
  client: SecretsManagerClient,
  watch: RotationWatch,
  options: { readonly timeoutMs: number; readonly poll?: PollPolicy },
  clock: RotationClock,
): Promise<RotationWaitResult> {
  const poll = options.poll ?? DEFAULT_POLL_POLICY;
  const deadline = clock.now() + options.timeoutMs;
  let delay = poll.initialDelayMs;
  let seen = false;
  for (;;) {
    await clock.sleep(Math.max(0, Math.min(delay, deadline - clock.now())));
    const snapshot = await describeRotationState(client, watch.secretId);
    const verdict = judgeRotation(snapshot.versionStages, watch, seen);
    if (verdict !== undefined) return { ...verdict, currentVersionId: snapshot.currentVersionId };
    const stages = snapshot.versionStages[watch.newVersionId];
    seen ||= stages !== undefined;
    if (clock.now() >= deadline) {
      const where = stages === undefined ? 'the new version was never created' : `the new version holds ${stages.join(', ')}`;
      return {
        outcome: 'timed-out',
        reason: `not finished after ${Math.round(options.timeoutMs / 1000)} s (${where})`,
        stages,
        currentVersionId: snapshot.currentVersionId,
      };
    }
    delay = Math.min(poll.maxDelayMs, delay * poll.factor);
  }
}

/**
 * Polls DescribeSecret until no unfinished AWSPENDING is left (another
 * rotation finished or was cleared). Returns false when `timeoutMs` passes first.
 */
export async function waitForPendingToClear(
  client: SecretsManagerClient,
  secretId: string,
  options: { readonly timeoutMs: number; readonly poll?: PollPolicy },
  clock: RotationClock,
): Promise<boolean> {
  const poll = options.poll ?? DEFAULT_POLL_POLICY;
  const deadline = clock.now() + options.timeoutMs;
  let delay = poll.initialDelayMs;
  for (;;) {
    await clock.sleep(Math.max(0, Math.min(delay, deadline - clock.now())));
    const snapshot = await describeRotationState(client, secretId);
    if (snapshot.stalePendingVersionId === undefined) return true;
    if (clock.now() >= deadline) return false;
    delay = Math.min(poll.maxDelayMs, delay * poll.factor);
  }
}
