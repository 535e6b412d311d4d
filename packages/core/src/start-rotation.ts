import { RotateSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError } from './errors.js';
import { quote } from './log-safe.js';
import { formatAge, removePendingLabel, versionCreatedDate } from './pending-version.js';
import type { RotationConfigInput } from './rotation-config.js';
import { AWSPENDING, describeRotationState, rotationCallError, type RotationSnapshot } from './rotation-state.js';
import { waitForPendingToClear, type PollPolicy, type RotationClock } from './wait-for-rotation.js';

/** What to do when a previous rotation left AWSPENDING on a version other than AWSCURRENT. */
export const ON_PENDING = ['fail', 'wait', 'clear'] as const;
/** One of {@link ON_PENDING}. */
export type OnPending = (typeof ON_PENDING)[number];

/**
 * A previous rotation is unfinished and `on-pending` is `fail`, or `wait`
 * ran out of time. Names the stuck version and its age; never a value.
 */
export class PendingRotationError extends Error {
  override name = 'PendingRotationError';
  readonly secretId: string;
  readonly versionId: string;

  constructor(secretId: string, versionId: string, message: string) {
    super(message);
    this.secretId = secretId;
    this.versionId = versionId;
  }
}

/** How a rotation is started. */
export interface StartRotationOptions {
  readonly config: RotationConfigInput;
  readonly rotateImmediately: boolean;
  readonly onPending: OnPending;
  /** How long `on-pending: wait` waits for the other rotation. */
  readonly pendingTimeoutMs: number;
  /** The ClientRequestToken for a secret's ARN (it becomes the new version id). */
  readonly tokenFor: (secretArn: string) => string;
  readonly poll?: PollPolicy;
}

/** A rotation RotateSecret accepted. */
export interface StartedRotation {
  readonly arn: string;
  readonly name: string;
  /** The AWSCURRENT version before the rotation. */
  readonly oldVersionId: string | undefined;
  /** The version the rotation creates; undefined when RotateSecret started none (`rotate-immediately: false`). */
  readonly newVersionId: string | undefined;
  /** The stale AWSPENDING version removed first (`on-pending: clear`). */
  readonly clearedVersionId: string | undefined;
}

/** What rotation steps report as they go. */
export interface RotationDeps {
  readonly clock: RotationClock;
  /** One progress line for the log; names and ids only. */
  readonly log: (line: string) => void;
}

/**
 * Checks a secret and starts its rotation: DescribeSecret; a secret with no
 * rotation function configured and none given is refused; an unfinished
 * AWSPENDING is handled per `onPending` (one this very step started, found
 * by its token, is simply resumed); then RotateSecret with a deterministic
 * ClientRequestToken, so a retried call does not start a second rotation.
 */
export async function startRotation(
  client: SecretsManagerClient,
  secretId: string,
  options: StartRotationOptions,
  deps: RotationDeps,
): Promise<StartedRotation> {
  let snapshot = await describeRotationState(client, secretId);
  if (snapshot.rotationLambdaArn === undefined && options.config.lambdaArn === undefined) {
    throw new ConfigurationError(
      `Secret ${quote(secretId)} has no rotation configured: give 'rotation-lambda-arn' (with a schedule) or configure rotation on the secret.`,
    );
  }
  const token = options.tokenFor(snapshot.arn);
  let clearedVersionId: string | undefined;
  if (snapshot.stalePendingVersionId !== undefined && snapshot.stalePendingVersionId !== token) {
    const handled = await handleStalePending(client, secretId, snapshot, options, deps);
    snapshot = handled.snapshot;
    clearedVersionId = handled.clearedVersionId;
  }

  const { config } = options;
  const rules = config.rules;
  let response;
  try {
    response = await client.send(
      new RotateSecretCommand({
        SecretId: secretId,
        ClientRequestToken: token,
        RotateImmediately: options.rotateImmediately,
        ...(config.lambdaArn === undefined ? {} : { RotationLambdaARN: config.lambdaArn }),
        ...(rules === undefined
          ? {}
          : {
              RotationRules: {
                ...(rules.automaticallyAfterDays === undefined ? {} : { AutomaticallyAfterDays: rules.automaticallyAfterDays }),
                ...(rules.scheduleExpression === undefined ? {} : { ScheduleExpression: rules.scheduleExpression }),
                ...(rules.duration === undefined ? {} : { Duration: rules.duration }),
              },
            }),
      }),
    );
  } catch (error) {
    throw rotationCallError('RotateSecret', secretId, error);
  }
  const newVersionId = options.rotateImmediately ? (response.VersionId ?? token) : undefined;
  deps.log(
    newVersionId === undefined
      ? `${quote(secretId)}: rotation configured (rotate-immediately: false), no new version started.`
      : `${quote(secretId)}: rotation started, new version '${newVersionId}' (AWSCURRENT is '${snapshot.currentVersionId ?? 'none'}').`,
  );
  return { arn: snapshot.arn, name: snapshot.name, oldVersionId: snapshot.currentVersionId, newVersionId, clearedVersionId };
}

async function handleStalePending(
  client: SecretsManagerClient,
  secretId: string,
  snapshot: RotationSnapshot,
  options: StartRotationOptions,
  deps: RotationDeps,
): Promise<{ snapshot: RotationSnapshot; clearedVersionId: string | undefined }> {
  const stuck = snapshot.stalePendingVersionId ?? '';
  const where = `version '${stuck}' holds ${AWSPENDING} but AWSCURRENT is '${snapshot.currentVersionId ?? 'none'}'`;
  switch (options.onPending) {
    case 'fail': {
      const created = await versionCreatedDate(client, secretId, stuck);
      const age = created === undefined ? 'of unknown age' : `created ${formatAge(deps.clock.now() - created.getTime())} ago (${created.toISOString()})`;
      throw new PendingRotationError(
        secretId,
        stuck,
        `Secret ${quote(secretId)} has an unfinished rotation: ${where}, ${age}. Set 'on-pending' to 'wait' or 'clear', or finish or cancel that rotation.`,
      );
    }
    case 'wait': {
      deps.log(`${quote(secretId)}: waiting for an unfinished rotation (${where}).`);
      const cleared = await waitForPendingToClear(client, secretId, { timeoutMs: options.pendingTimeoutMs, ...(options.poll === undefined ? {} : { poll: options.poll }) }, deps.clock);
      if (!cleared) {
        throw new PendingRotationError(
          secretId,
          stuck,
          `Secret ${quote(secretId)} still has an unfinished rotation after ${Math.round(options.pendingTimeoutMs / 1000)} s: ${where}.`,
        );
      }
      return { snapshot: await describeRotationState(client, secretId), clearedVersionId: undefined };
    }
    case 'clear': {
      await removePendingLabel(client, secretId, stuck);
      deps.log(`${quote(secretId)}: removed ${AWSPENDING} from the unfinished version '${stuck}' (on-pending: clear).`);
      return { snapshot: await describeRotationState(client, secretId), clearedVersionId: stuck };
    }
  }
}
