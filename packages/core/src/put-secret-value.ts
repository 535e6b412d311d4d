import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsCallError } from './errors.js';
import { quote } from './log-safe.js';
import {
  createSecret,
  failedCallCode,
  putSecretVersion,
  readSecretStage,
  samePayload,
  type CreateSecretOptions,
  type SecretCallContext,
  type SecretPayload,
} from './secret-versions.js';
import type { WriteResult } from './write-result.js';

/** A new value for a secret. */
export interface SecretPutRequest {
  /** Name or ARN. */
  readonly secretId: string;
  readonly region: string;
  readonly payload: SecretPayload;
  /** Read first and write nothing when the value is already there. */
  readonly skipUnchanged: boolean;
  /** Labels for the new version; undefined: AWSCURRENT (AWS then moves AWSPREVIOUS to the old one). */
  readonly versionStages: readonly string[] | undefined;
  /** How to create a missing secret; undefined: a missing secret is an error. */
  readonly create: CreateSecretOptions | undefined;
  /** Becomes the version id; the same token with the same value writes nothing new. */
  readonly clientRequestToken: string;
}

/**
 * Writes a string or binary value as a new version of a secret.
 *
 * With `skipUnchanged`, the version holding the first requested label
 * (AWSCURRENT by default) is read first; if it holds the same value and
 * every requested label, nothing is written and that version is reported.
 * A missing secret is created when `create` is given (with its first
 * version in the same call, unless labels are requested), else it fails
 * with a hint. The client request token makes a retried step idempotent.
 */
export async function putSecretValue(request: SecretPutRequest, client: SecretsManagerClient): Promise<WriteResult> {
  const context: SecretCallContext = {
    secretId: request.secretId,
    region: request.region,
    createIfMissing: request.create !== undefined,
    withTags: (request.create?.tags.length ?? 0) > 0,
  };
  const stages = request.versionStages ?? ['AWSCURRENT'];
  if (request.skipUnchanged) {
    const current = await readSecretStage(client, context, stages[0] ?? 'AWSCURRENT');
    if (current?.payload !== undefined && samePayload(current.payload, request.payload) && stages.every((stage) => current.stages.includes(stage))) {
      return { versionId: current.versionId, arn: current.arn, changed: false, created: false };
    }
    // Nothing found: most likely no such secret, so create it straight away.
    if (current === undefined && request.create !== undefined) return createMissing(client, context, request, request.create);
  }
  try {
    return await writeVersion(client, context, request);
  } catch (error) {
    if (failedCallCode(error) !== 'ResourceNotFoundException' || request.create === undefined) throw error;
    return createMissing(client, context, request, request.create);
  }
}

async function writeVersion(client: SecretsManagerClient, context: SecretCallContext, request: SecretPutRequest): Promise<WriteResult> {
  const written = await putSecretVersion(client, context, {
    payload: request.payload,
    token: request.clientRequestToken,
    stages: request.versionStages,
  });
  const wanted = request.versionStages ?? ['AWSCURRENT'];
  const reported = written.stages;
  if (reported !== undefined && !wanted.every((stage) => reported.includes(stage))) {
    // Same token, same value: AWS answered with the version written earlier, which has lost its labels since.
    throw new AwsCallError(
      'PutSecretValue',
      `PutSecretValue for secret ${quote(request.secretId)} in ${request.region} returned version ${written.versionId}, written earlier with this client request token and this value, ` +
        `but it no longer holds ${wanted.filter((stage) => !reported.includes(stage)).join(', ')}: the secret has changed since, and nothing new was written. ` +
        'Give a new client-request-token, or re-run the workflow (a new run attempt derives a new token).',
    );
  }
  return { versionId: written.versionId, arn: written.arn, changed: true, created: false };
}

async function createMissing(
  client: SecretsManagerClient,
  context: SecretCallContext,
  request: SecretPutRequest,
  create: CreateSecretOptions,
): Promise<WriteResult> {
  // CreateSecret cannot label its first version: with explicit labels, PutSecretValue writes it.
  const withValue = request.versionStages === undefined;
  const created = await createSecret(client, context, {
    ...create,
    payload: withValue ? request.payload : undefined,
    token: withValue ? request.clientRequestToken : undefined,
  });
  if (created !== undefined && withValue) {
    return { versionId: created.versionId ?? request.clientRequestToken, arn: created.arn, changed: true, created: true };
  }
  // Either created empty just now, or it existed after all (another writer, or a secret without a value).
  const written = await writeVersion(client, context, request);
  return { ...written, created: created !== undefined };
}
