import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParameterHistoryCommand, ListTagsForResourceCommand } from '@aws-sdk/client-ssm';
import { secretsClient } from './seed.js';
import { ssmClient } from './seed-parameters.js';

/** A secret as moto holds it, for asserting what a write did. */
export interface SecretSnapshot {
  readonly arn: string;
  readonly name: string;
  readonly description: string | undefined;
  readonly kmsKeyId: string | undefined;
  /** Tags by key. */
  readonly tags: Record<string, string>;
  /** Every version (deprecated ones included) with its staging labels, in moto's order. */
  readonly versions: Record<string, string[]>;
}

/** One version of a secret, read back. */
export interface SecretVersionSnapshot {
  readonly versionId: string;
  readonly stages: string[];
  readonly string: string | undefined;
  readonly binary: Uint8Array | undefined;
}

/**
 * Describes a secret in moto: DescribeSecret, then every page of
 * ListSecretVersionIds with deprecated versions included.
 */
export async function describeSecretState(endpoint: string, secretId: string, region = 'us-east-1'): Promise<SecretSnapshot> {
  const client = secretsClient(endpoint, region);
  try {
    const described = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
    const versions: Record<string, string[]> = {};
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListSecretVersionIdsCommand({ SecretId: secretId, IncludeDeprecated: true, ...(nextToken ? { NextToken: nextToken } : {}) }),
      );
      for (const version of page.Versions ?? []) versions[version.VersionId ?? ''] = version.VersionStages ?? [];
      nextToken = page.NextToken;
    } while (nextToken !== undefined && nextToken !== '');
    return {
      arn: described.ARN ?? '',
      name: described.Name ?? '',
      description: described.Description,
      kmsKeyId: described.KmsKeyId,
      tags: Object.fromEntries((described.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
      versions,
    };
  } finally {
    client.destroy();
  }
}

/** Reads one version of a secret, by label (AWSCURRENT by default, asked for explicitly) or by id. */
export async function readSecretVersion(
  endpoint: string,
  secretId: string,
  selector: { readonly stage: string } | { readonly versionId: string } = { stage: 'AWSCURRENT' },
  region = 'us-east-1',
): Promise<SecretVersionSnapshot> {
  const client = secretsClient(endpoint, region);
  try {
    const response = await client.send(
      new GetSecretValueCommand({ SecretId: secretId, ...('stage' in selector ? { VersionStage: selector.stage } : { VersionId: selector.versionId }) }),
    );
    return { versionId: response.VersionId ?? '', stages: response.VersionStages ?? [], string: response.SecretString, binary: response.SecretBinary };
  } finally {
    client.destroy();
  }
}

/**
 * Writes a version straight to moto, as another pipeline would. With
 * `stages`, the new version gets exactly those labels (AWSCURRENT does not
 * move); without, it becomes AWSCURRENT. Returns its version id.
 */
export async function writeSecretVersion(
  endpoint: string,
  secretId: string,
  value: string,
  options: { readonly stages?: readonly string[]; readonly token?: string; readonly region?: string } = {},
): Promise<string> {
  const client = secretsClient(endpoint, options.region ?? 'us-east-1');
  try {
    const response = await client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        SecretString: value,
        ...(options.stages === undefined ? {} : { VersionStages: [...options.stages] }),
        ...(options.token === undefined ? {} : { ClientRequestToken: options.token }),
      }),
    );
    return response.VersionId ?? '';
  } finally {
    client.destroy();
  }
}

/** Moves a staging label straight in moto (UpdateSecretVersionStage). */
export async function moveSecretStage(
  endpoint: string,
  secretId: string,
  move: { readonly stage: string; readonly moveTo?: string; readonly removeFrom?: string; readonly region?: string },
): Promise<void> {
  const client = secretsClient(endpoint, move.region ?? 'us-east-1');
  try {
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: move.stage,
        ...(move.moveTo === undefined ? {} : { MoveToVersionId: move.moveTo }),
        ...(move.removeFrom === undefined ? {} : { RemoveFromVersionId: move.removeFrom }),
      }),
    );
  } finally {
    client.destroy();
  }
}

/** One version of a parameter, from GetParameterHistory. */
export interface ParameterVersionSnapshot {
  readonly version: number;
  readonly value: string;
  readonly type: string;
  readonly keyId: string | undefined;
  readonly description: string | undefined;
  readonly tier: string | undefined;
}

/** A parameter as moto holds it. */
export interface ParameterSnapshot {
  readonly arn: string;
  readonly type: string;
  /** Decrypted. */
  readonly value: string;
  readonly version: number;
  readonly tags: Record<string, string>;
  /** Every version, oldest first, decrypted. */
  readonly history: ParameterVersionSnapshot[];
}

/** Describes a parameter in moto: GetParameter (decrypted), its history and its tags. */
export async function describeParameterState(endpoint: string, name: string, region = 'us-east-1'): Promise<ParameterSnapshot> {
  const client = ssmClient(endpoint, region);
  try {
    const { Parameter: parameter } = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const history: ParameterVersionSnapshot[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new GetParameterHistoryCommand({ Name: name, WithDecryption: true, ...(nextToken ? { NextToken: nextToken } : {}) }));
      for (const entry of page.Parameters ?? []) {
        history.push({
          version: entry.Version ?? 0,
          value: entry.Value ?? '',
          type: entry.Type ?? '',
          keyId: entry.KeyId,
          description: entry.Description,
          tier: entry.Tier,
        });
      }
      nextToken = page.NextToken;
    } while (nextToken !== undefined && nextToken !== '');
    const tags = await client.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: name }));
    return {
      arn: parameter?.ARN ?? '',
      type: parameter?.Type ?? '',
      value: parameter?.Value ?? '',
      version: parameter?.Version ?? 0,
      tags: Object.fromEntries((tags.TagList ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
      history,
    };
  } finally {
    client.destroy();
  }
}
