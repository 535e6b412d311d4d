import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { settleWithConcurrency } from './concurrency.js';
import { describeError } from './errors.js';
import { quote } from './log-safe.js';
import { removePendingLabel } from './pending-version.js';
import type { RotationTarget } from './rotation-config.js';
import { AWSCURRENT, AWSPENDING } from './rotation-state.js';
import { startRotation, type RotationDeps, type StartRotationOptions } from './start-rotation.js';
import { waitForRotation } from './wait-for-rotation.js';

/**
 * How a secret's rotation ended: `rotated` (the new version is AWSCURRENT),
 * `started` (not waited for), `configured` (no rotation started),
 * `failed`, `timed-out`, or `error` (it could not be started).
 */
export type RotationResultKind = 'rotated' | 'started' | 'configured' | 'failed' | 'timed-out' | 'error';

/** One secret's rotation, for outputs, the summary and the error. Never a value. */
export interface SecretRotationResult {
  /** As written in `secret-ids`. */
  readonly secretId: string;
  readonly result: RotationResultKind;
  readonly oldVersionId: string | undefined;
  readonly newVersionId: string | undefined;
  /** The new version's labels when last seen (undefined: not created, or not waited for). */
  readonly stages: readonly string[] | undefined;
  /** Why it failed; undefined when it did not. */
  readonly reason: string | undefined;
  /** Whether the AWSPENDING label this step's rotation created was removed after the failure. */
  readonly rolledBack: boolean;
  readonly durationMs: number;
}

/** Everything {@link rotateSecrets} is asked to do. */
export interface RotateSecretsOptions extends StartRotationOptions {
  readonly targets: readonly RotationTarget[];
  readonly wait: boolean;
  /** Per secret: how long to wait for its rotation. */
  readonly timeoutMs: number;
  readonly rollbackOnFailure: boolean;
  /** Secrets in flight at once. */
  readonly concurrency: number;
}

/** Whether a result means the step must fail. */
export function isFailedRotation(result: SecretRotationResult): boolean {
  return result.result === 'failed' || result.result === 'timed-out' || result.result === 'error';
}

/**
 * Rotates every target, at most `concurrency` at a time, and waits for each
 * (when asked); one secret's failure never stops the others. On a failed or
 * timed-out rotation with `rollbackOnFailure`, removes AWSPENDING from the
 * new version if it still holds it, and never touches AWSCURRENT.
 */
export async function rotateSecrets(
  options: RotateSecretsOptions,
  deps: RotationDeps & { readonly client: (region: string) => SecretsManagerClient },
): Promise<SecretRotationResult[]> {
  const settled = await settleWithConcurrency(options.targets, options.concurrency, (target) => rotateOne(target, options, deps));
  return settled.map((outcome, index) => {
    if (outcome.status === 'fulfilled') return outcome.value;
    // rotateOne catches everything; this is a bug's last resort.
    return { secretId: options.targets[index]?.secretId ?? '', result: 'error', oldVersionId: undefined, newVersionId: undefined, stages: undefined, reason: describeError(outcome.reason), rolledBack: false, durationMs: 0 };
  });
}

async function rotateOne(
  target: RotationTarget,
  options: RotateSecretsOptions,
  deps: RotationDeps & { readonly client: (region: string) => SecretsManagerClient },
): Promise<SecretRotationResult> {
  const client = deps.client(target.region);
  const startedAt = deps.clock.now();
  const base = { secretId: target.secretId, oldVersionId: undefined, newVersionId: undefined, stages: undefined, reason: undefined, rolledBack: false };
  let started;
  try {
    started = await startRotation(client, target.secretId, options, deps);
  } catch (error) {
    return { ...base, result: 'error', reason: describeError(error), durationMs: deps.clock.now() - startedAt };
  }
  const { oldVersionId, newVersionId } = started;
  if (newVersionId === undefined || !options.wait) {
    return { ...base, oldVersionId, newVersionId, result: newVersionId === undefined ? 'configured' : 'started', durationMs: deps.clock.now() - startedAt };
  }
  let waited;
  try {
    waited = await waitForRotation(client, { secretId: target.secretId, oldVersionId, newVersionId }, { timeoutMs: options.timeoutMs, ...(options.poll === undefined ? {} : { poll: options.poll }) }, deps.clock);
  } catch (error) {
    return { ...base, oldVersionId, newVersionId, result: 'error', reason: describeError(error), durationMs: deps.clock.now() - startedAt };
  }
  const durationMs = deps.clock.now() - startedAt;
  if (waited.outcome === 'succeeded') {
    deps.log(`${quote(target.secretId)}: rotated; version '${newVersionId}' is ${AWSCURRENT}.`);
    return { ...base, oldVersionId, newVersionId, stages: waited.stages, result: 'rotated', durationMs };
  }
  let { stages } = waited;
  let rolledBack = false;
  let reason = waited.reason;
  if (options.rollbackOnFailure && stages?.includes(AWSPENDING) === true && !stages.includes(AWSCURRENT)) {
    try {
      await removePendingLabel(client, target.secretId, newVersionId);
      rolledBack = true;
      stages = stages.filter((stage) => stage !== AWSPENDING);
      deps.log(`${quote(target.secretId)}: removed ${AWSPENDING} from '${newVersionId}' (rollback-on-failure).`);
    } catch (error) {
      reason = `${reason ?? ''}; rollback failed: ${describeError(error)}`;
    }
  }
  return { ...base, oldVersionId, newVersionId, stages, reason, rolledBack, result: waited.outcome, durationMs };
}

/** Some rotations failed, timed out or could not start; the message lists each. */
export class RotationFailedError extends Error {
  override name = 'RotationFailedError';
  readonly failures: readonly SecretRotationResult[];

  constructor(failures: readonly SecretRotationResult[]) {
    const count = failures.length === 1 ? '1 secret' : `${failures.length} secrets`;
    super([`Rotation failed for ${count}:`, ...failures.map((failure) => `  - ${describeRotationFailure(failure)}`)].join('\n'));
    this.failures = failures;
  }
}

/**
 * One line for a failed rotation: the secret, what went wrong, and for a
 * started rotation the new version id and its labels.
 *
 * @example
 * describeRotationFailure({ secretId: 'prod/db', result: 'timed-out', newVersionId: 'v2', stages: ['AWSPENDING'], reason: 'not finished after 300 s', rolledBack: false, … })
 * // "'prod/db': timed out (not finished after 300 s); new version 'v2' holds AWSPENDING"
 */
export function describeRotationFailure(result: SecretRotationResult): string {
  const what = result.result === 'timed-out' ? 'timed out' : result.result === 'failed' ? 'rotation failed' : 'could not rotate';
  const parts = [`${quote(result.secretId)}: ${what}${result.reason === undefined ? '' : ` (${result.reason})`}`];
  if (result.newVersionId !== undefined) {
    // An 'error' after the start means polling failed: the version was never seen, not seen missing.
    const unseen = result.result === 'error' ? 'was started but its state is unknown' : 'does not exist';
    const stages = result.stages === undefined ? unseen : result.stages.length === 0 ? 'holds no labels' : `holds ${result.stages.join(', ')}`;
    parts.push(`new version '${result.newVersionId}' ${stages}`);
  }
  if (result.rolledBack) parts.push(`${AWSPENDING} removed (rollback-on-failure); ${AWSCURRENT} unchanged`);
  return parts.join('; ');
}

/** Throws {@link RotationFailedError} when any result is a failure. */
export function assertRotationsSucceeded(results: readonly SecretRotationResult[]): void {
  const failures = results.filter(isFailedRotation);
  if (failures.length > 0) throw new RotationFailedError(failures);
}
