import {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  type SecretValueEntry,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { BinaryDecodeError, decodeSecretBinary, type BinaryEncoding } from './binary-encoding.js';
import { describeAwsError, isAccessDenied } from './errors.js';
import { callFailure, chunk, type Limit, type ReadOutcome, type SourceValue } from './fetch-types.js';
import { quote } from './log-safe.js';
import type { VersionSelector } from './references.js';

/** BatchGetSecretValue takes at most 20 ids per call. */
export const SECRETS_PER_BATCH = 20;

/** Shared by every batch of a run: set once BatchGetSecretValue was denied and reads fell back. */
export interface BatchFallback {
  used: boolean;
}

/** The IAM action a role needs for batched reads; named in the fallback notice. */
export const BATCH_PERMISSION = 'secretsmanager:BatchGetSecretValue';

/**
 * Reads the AWSCURRENT version of every id in one region with
 * `BatchGetSecretValue`, 20 ids per call, all calls in parallel (bounded by
 * `limit`). Per-secret `Errors` entries become failures of those ids only.
 * When the role may not call BatchGetSecretValue, that chunk falls back to
 * one `GetSecretValue` per id, and `fallback.used` is set so the caller can
 * tell the user once which permission to add.
 */
export async function readCurrentSecrets(
  client: SecretsManagerClient,
  region: string,
  ids: readonly string[],
  encoding: BinaryEncoding,
  limit: Limit,
  fallback: BatchFallback,
): Promise<Map<string, ReadOutcome>> {
  const outcomes = new Map<string, ReadOutcome>();
  await Promise.all(
    chunk(ids, SECRETS_PER_BATCH).map(async (ids) => {
      for (const [id, outcome] of await readBatch(client, region, ids, encoding, limit, fallback)) outcomes.set(id, outcome);
    }),
  );
  return outcomes;
}

async function readBatch(
  client: SecretsManagerClient,
  region: string,
  ids: readonly string[],
  encoding: BinaryEncoding,
  limit: Limit,
  fallback: BatchFallback,
): Promise<Map<string, ReadOutcome>> {
  const outcomes = new Map<string, ReadOutcome>();
  let response;
  try {
    // Once the role was denied BatchGetSecretValue, later chunks go straight to GetSecretValue.
    if (fallback.used) throw Object.assign(new Error('BatchGetSecretValue denied earlier in this run'), { name: 'AccessDeniedException' });
    response = await limit(() => client.send(new BatchGetSecretValueCommand({ SecretIdList: [...ids] })));
  } catch (error) {
    if (!isAccessDenied(error)) {
      for (const id of ids) outcomes.set(id, { failure: callFailure('BatchGetSecretValue', `secret ${quote(id)}`, region, error) });
      return outcomes;
    }
    fallback.used = true;
    await Promise.all(ids.map(async (id) => outcomes.set(id, await readPinnedSecret(client, region, id, undefined, encoding, limit))));
    return outcomes;
  }
  for (const id of ids) {
    const entry = response.SecretValues?.find((candidate) => matchesId(candidate, id));
    const error = response.Errors?.find((candidate) => candidate.SecretId === id);
    if (entry !== undefined) {
      outcomes.set(id, toOutcome(entry, id, region, encoding));
    } else {
      const code = error?.ErrorCode ?? 'NotReturned';
      const cause = Object.assign(new Error(error?.Message ?? 'BatchGetSecretValue returned no value and no error for it'), { name: code });
      outcomes.set(id, { failure: callFailure('BatchGetSecretValue', `secret ${quote(id)}`, region, cause) });
    }
  }
  return outcomes;
}

/**
 * Whether a batch entry answers `id`: by name, full ARN, or partial ARN (an
 * ARN without its `-` and 6-character suffix). The length matters: the
 * partial ARN of `prod/db` also starts the ARN of `prod/db-extra`.
 */
function matchesId(entry: SecretValueEntry, id: string): boolean {
  if (entry.Name === id || entry.ARN === id) return true;
  return id.startsWith('arn:') && entry.ARN !== undefined && entry.ARN.length === id.length + 7 && entry.ARN.startsWith(`${id}-`);
}

/**
 * Reads one secret with `GetSecretValue`: a pinned stage or version id, or
 * AWSCURRENT asked for explicitly (the default on AWS; emulators may
 * otherwise return a version they remember as the default).
 */
export async function readPinnedSecret(
  client: SecretsManagerClient,
  region: string,
  secretId: string,
  version: VersionSelector | undefined,
  encoding: BinaryEncoding,
  limit: Limit,
): Promise<ReadOutcome> {
  const selector = version === undefined ? { VersionStage: 'AWSCURRENT' } : 'stage' in version ? { VersionStage: version.stage } : { VersionId: version.versionId };
  try {
    const response = await limit(() => client.send(new GetSecretValueCommand({ SecretId: secretId, ...selector })));
    return toOutcome(response, secretId, region, encoding);
  } catch (error) {
    const which = version === undefined ? '' : 'stage' in version ? ` stage ${quote(version.stage)}` : ` version ${quote(version.versionId)}`;
    return { failure: callFailure('GetSecretValue', `secret ${quote(secretId)}${which}`, region, error) };
  }
}

type SecretResponse = Pick<SecretValueEntry, 'ARN' | 'Name' | 'VersionId' | 'VersionStages' | 'SecretString' | 'SecretBinary' | 'CreatedDate'>;

function toOutcome(response: SecretResponse, requestedId: string, region: string, encoding: BinaryEncoding): ReadOutcome {
  const name = response.Name ?? requestedId;
  let value: string;
  try {
    if (response.SecretString !== undefined) value = response.SecretString;
    else if (response.SecretBinary !== undefined) value = decodeSecretBinary(response.SecretBinary, encoding, name);
    else return { failure: { reason: `the secret ${quote(name)} in ${region} has no value in the version read`, hints: [], missing: true } };
  } catch (error) {
    if (error instanceof BinaryDecodeError) return { failure: { reason: error.message, hints: [], missing: false } };
    return { failure: { reason: describeAwsError(error), hints: [], missing: false } };
  }
  const stages = response.VersionStages ?? [];
  const source: SourceValue = {
    sourceName: name,
    nameBase: name,
    arn: response.ARN,
    version: `${response.VersionId ?? 'unknown'}${stages.length > 0 ? ` (${stages.join(', ')})` : ''}`,
    createdDate: response.CreatedDate,
    value,
  };
  return { values: [source] };
}

/**
 * The ARNs of every secret whose name starts with `prefix`. A page can be
 * short, or even empty, while a NextToken is set, so it pages until there is
 * no token; there is no cap on the number of matches.
 */
export async function listSecretsWithPrefix(
  client: SecretsManagerClient,
  region: string,
  prefix: string,
  limit: Limit,
): Promise<{ readonly arns: readonly string[] } | { readonly failure: ReturnType<typeof callFailure> }> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    let page;
    try {
      page = await limit(() =>
        client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [prefix] }], MaxResults: 100, ...(token === undefined ? {} : { NextToken: token }) })),
      );
    } catch (error) {
      return { failure: callFailure('ListSecrets', `prefix ${quote(prefix)}`, region, error) };
    }
    for (const secret of page.SecretList ?? []) {
      // The name filter also matches words inside names; keep true prefixes only.
      if (secret.ARN !== undefined && secret.Name?.startsWith(prefix) === true) arns.push(secret.ARN);
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== '');
  return { arns };
}
