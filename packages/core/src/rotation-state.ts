import { DescribeSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsCallError, describeAwsError, isAccessDenied } from './errors.js';
import { quote } from './log-safe.js';

/** The staging labels rotation works with. */
export const AWSCURRENT = 'AWSCURRENT';
/** The label a rotation's new version holds until finishSecret. */
export const AWSPENDING = 'AWSPENDING';

/** A secret's rotation-relevant state, from DescribeSecret. Never a value. */
export interface RotationSnapshot {
  readonly arn: string;
  readonly name: string;
  /** Version id → staging labels. */
  readonly versionStages: Readonly<Record<string, readonly string[]>>;
  readonly currentVersionId: string | undefined;
  /** The version holding AWSPENDING when that is not the AWSCURRENT one: an unfinished rotation. */
  readonly stalePendingVersionId: string | undefined;
  readonly rotationLambdaArn: string | undefined;
}

/**
 * Reads AWSCURRENT and an unfinished AWSPENDING out of `VersionIdsToStages`.
 * AWSPENDING on the AWSCURRENT version is a finished rotation, not a stuck one.
 *
 * @example
 * findRotationVersions({ v1: ['AWSCURRENT'], v2: ['AWSPENDING'] }) // { currentVersionId: 'v1', stalePendingVersionId: 'v2' }
 * findRotationVersions({ v1: ['AWSCURRENT', 'AWSPENDING'] })       // { currentVersionId: 'v1', stalePendingVersionId: undefined }
 */
export function findRotationVersions(versionStages: Readonly<Record<string, readonly string[]>>): {
  currentVersionId: string | undefined;
  stalePendingVersionId: string | undefined;
} {
  const entries = Object.entries(versionStages);
  const currentVersionId = entries.find(([, stages]) => stages.includes(AWSCURRENT))?.[0];
  const stalePendingVersionId = entries.find(([, stages]) => stages.includes(AWSPENDING) && !stages.includes(AWSCURRENT))?.[0];
  return { currentVersionId, stalePendingVersionId };
}

/** Hints for a failed rotation call, in the order a user should check them. */
export function rotationCallHints(operation: string, error: unknown): string[] {
  if (isAccessDenied(error)) {
    const hints = [`The role needs secretsmanager:${operation} on the secret (see the IAM policy in the README).`];
    if (operation === 'RotateSecret') hints.push('RotateSecret also needs lambda:InvokeFunction on the rotation function.');
    hints.push('A secret encrypted with a customer managed KMS key also needs kms:Decrypt and kms:GenerateDataKey on that key for rotation.');
    return hints;
  }
  return [];
}

/**
 * Wraps a failed rotation call with the operation and the secret: never a
 * value, only names, ids and the AWS message.
 */
export function rotationCallError(operation: string, secretId: string, error: unknown): AwsCallError {
  return new AwsCallError(operation, `${operation} for secret ${quote(secretId)} failed: ${describeAwsError(error)}`, {
    cause: error,
    hints: rotationCallHints(operation, error),
  });
}

/** DescribeSecret, reduced to what rotation needs; failures become {@link AwsCallError}. */
export async function describeRotationState(client: SecretsManagerClient, secretId: string): Promise<RotationSnapshot> {
  let response;
  try {
    response = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
  } catch (error) {
    throw rotationCallError('DescribeSecret', secretId, error);
  }
  const versionStages: Record<string, readonly string[]> = {};
  for (const [versionId, stages] of Object.entries(response.VersionIdsToStages ?? {})) versionStages[versionId] = stages;
  const lambdaArn = response.RotationLambdaARN;
  return {
    arn: response.ARN ?? secretId,
    name: response.Name ?? secretId,
    versionStages,
    ...findRotationVersions(versionStages),
    rotationLambdaArn: lambdaArn === undefined || lambdaArn === '' ? undefined : lambdaArn,
  };
}
