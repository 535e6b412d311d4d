import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { AwsCallError, awsErrorCode, describeAwsError } from './errors.js';
import { quote } from './log-safe.js';
import type { Tag } from './tags.js';
import { secretWriteHints } from './write-hints.js';

/** A secret value: text (SecretString) or bytes (SecretBinary). */
export type SecretPayload = { readonly kind: 'string'; readonly text: string } | { readonly kind: 'binary'; readonly bytes: Uint8Array };

/**
 * Whether two secret values are the same: same kind, same text or bytes.
 *
 * @example
 * samePayload({ kind: 'string', text: 'a' }, { kind: 'string', text: 'a' }) // true
 */
export function samePayload(a: SecretPayload, b: SecretPayload): boolean {
  if (a.kind === 'string') return b.kind === 'string' && a.text === b.text;
  return b.kind === 'binary' && Buffer.from(a.bytes).equals(b.bytes);
}

/** Which secret a call is about, and what shapes its hints. */
export interface SecretCallContext {
  readonly secretId: string;
  readonly region: string;
  readonly createIfMissing: boolean;
  readonly withTags?: boolean;
}

/** How a new secret is created (`create-if-missing`). */
export interface CreateSecretOptions {
  readonly kmsKeyId: string | undefined;
  readonly description: string | undefined;
  readonly tags: readonly Tag[];
}

/** A version as read back. */
export interface StoredVersion {
  readonly versionId: string;
  readonly arn: string;
  readonly stages: readonly string[];
  /** Undefined when the version holds neither a string nor bytes. */
  readonly payload: SecretPayload | undefined;
}

/** A version as written. */
export interface WrittenVersion {
  readonly versionId: string;
  readonly arn: string;
  /** The labels AWS reports on the version, when it reports them. */
  readonly stages: readonly string[] | undefined;
}

/** The AWS error code behind a failed call, such as `ResourceNotFoundException`. */
export function failedCallCode(error: unknown): string | undefined {
  return error instanceof AwsCallError ? awsErrorCode(error.cause) : undefined;
}

async function call<T>(operation: string, context: SecretCallContext, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw new AwsCallError(
      operation,
      `${operation} for secret ${quote(context.secretId)} in ${context.region} failed: ${describeAwsError(error)}`,
      { cause: error, hints: secretWriteHints(error, { ...context, operation }) },
    );
  }
}

/**
 * Reads the version holding `stage` (asked for explicitly: emulators may
 * remember another default version). Undefined when Secrets Manager finds
 * no such secret, or no version with that label.
 */
export async function readSecretStage(client: SecretsManagerClient, context: SecretCallContext, stage: string): Promise<StoredVersion | undefined> {
  try {
    const response = await call('GetSecretValue', context, () =>
      client.send(new GetSecretValueCommand({ SecretId: context.secretId, VersionStage: stage })),
    );
    const payload: SecretPayload | undefined =
      response.SecretString !== undefined
        ? { kind: 'string', text: response.SecretString }
        : response.SecretBinary !== undefined
          ? { kind: 'binary', bytes: response.SecretBinary }
          : undefined;
    return {
      versionId: response.VersionId ?? '',
      arn: response.ARN ?? context.secretId,
      stages: response.VersionStages ?? [stage],
      payload,
    };
  } catch (error) {
    if (failedCallCode(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Writes a new version (PutSecretValue); without `stages`, AWS makes it AWSCURRENT. */
export async function putSecretVersion(
  client: SecretsManagerClient,
  context: SecretCallContext,
  write: { readonly payload: SecretPayload; readonly token: string; readonly stages: readonly string[] | undefined },
): Promise<WrittenVersion> {
  const response = await call('PutSecretValue', context, () =>
    client.send(
      new PutSecretValueCommand({
        SecretId: context.secretId,
        ClientRequestToken: write.token,
        ...(write.payload.kind === 'string' ? { SecretString: write.payload.text } : { SecretBinary: write.payload.bytes }),
        ...(write.stages === undefined ? {} : { VersionStages: [...write.stages] }),
      }),
    ),
  );
  return { versionId: response.VersionId ?? write.token, arn: response.ARN ?? context.secretId, stages: response.VersionStages };
}

/**
 * Creates the secret, with its first version when `payload` is given (it
 * becomes AWSCURRENT). Returns undefined when the secret already exists
 * (another writer was first, or it exists without a value).
 */
export async function createSecret(
  client: SecretsManagerClient,
  context: SecretCallContext,
  create: CreateSecretOptions & { readonly payload: SecretPayload | undefined; readonly token: string | undefined },
): Promise<{ readonly versionId: string | undefined; readonly arn: string } | undefined> {
  try {
    const response = await call('CreateSecret', context, () =>
      client.send(
        new CreateSecretCommand({
          Name: context.secretId,
          ...(create.payload === undefined
            ? {}
            : create.payload.kind === 'string'
              ? { SecretString: create.payload.text }
              : { SecretBinary: create.payload.bytes }),
          ...(create.payload === undefined || create.token === undefined ? {} : { ClientRequestToken: create.token }),
          ...(create.description === undefined ? {} : { Description: create.description }),
          ...(create.kmsKeyId === undefined ? {} : { KmsKeyId: create.kmsKeyId }),
          ...(create.tags.length === 0 ? {} : { Tags: create.tags.map((tag) => ({ Key: tag.key, Value: tag.value })) }),
        }),
      ),
    );
    return { versionId: response.VersionId, arn: response.ARN ?? context.secretId };
  } catch (error) {
    if (failedCallCode(error) === 'ResourceExistsException') return undefined;
    throw error;
  }
}

/** Moves or removes a staging label (UpdateSecretVersionStage). */
export async function updateVersionStage(
  client: SecretsManagerClient,
  context: SecretCallContext,
  update: { readonly stage: string; readonly moveTo?: string; readonly removeFrom?: string },
): Promise<void> {
  await call('UpdateSecretVersionStage', context, () =>
    client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: context.secretId,
        VersionStage: update.stage,
        ...(update.moveTo === undefined ? {} : { MoveToVersionId: update.moveTo }),
        ...(update.removeFrom === undefined ? {} : { RemoveFromVersionId: update.removeFrom }),
      }),
    ),
  );
}
