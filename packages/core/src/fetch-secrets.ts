import { GetSecretValueCommand, ListSecretsCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BinaryDecodeError, decodeSecretBinary, type BinaryEncoding } from './binary-encoding.js';
import { settleWithConcurrency } from './concurrency.js';
import { ConfigurationError, describeAwsError, SecretsFetchError, type ReferenceFailure } from './errors.js';
import { secretFetchHints } from './hints.js';
import { quote } from './log-safe.js';
import { regionOfReference } from './region.js';
import type { SecretReference } from './references.js';

/** A secret value fetched for one reference (a prefix yields one per match). */
export interface FetchedSecret {
  readonly reference: SecretReference;
  /** The secret's name as Secrets Manager knows it. */
  readonly name: string;
  readonly arn: string;
  readonly value: string;
}

/** How to fetch. */
export interface FetchOptions {
  readonly references: readonly SecretReference[];
  /** Region for references by name and prefix; ARNs carry their own. */
  readonly defaultRegion: string | undefined;
  readonly binaryEncoding: BinaryEncoding;
  /** Calls in flight at once; well under the GetSecretValue quota. */
  readonly concurrency?: number;
}

const DEFAULT_CONCURRENCY = 10;

interface PendingFetch {
  readonly reference: SecretReference;
  /** Position of the reference in the input, to report failures in the user's order. */
  readonly index: number;
  readonly secretId: string;
  readonly region: string;
}

/**
 * Fetches every reference, all or nothing: prefixes are expanded by paging
 * `ListSecrets` to the end, then every secret is read with `GetSecretValue`
 * (AWSCURRENT, asked for explicitly) in parallel. Every call settles before
 * the result is decided; if any reference failed, a `SecretsFetchError`
 * lists each failed reference with its reason, and no value is returned.
 */
export async function fetchSecrets(
  options: FetchOptions,
  clientFor: (region: string) => SecretsManagerClient,
): Promise<FetchedSecret[]> {
  const { references, defaultRegion } = options;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  // A missing region is an input mistake: report it before any call is made.
  const regions = references.map((reference) => requireRegion(reference, defaultRegion));
  const failures: Array<{ readonly index: number; readonly failure: ReferenceFailure }> = [];

  const expanded = await settleWithConcurrency(references, concurrency, (reference, index) =>
    expandReference(reference, index, regions[index] as string, clientFor),
  );
  const pending: PendingFetch[] = [];
  expanded.forEach((result, index) => {
    if (result.status === 'fulfilled') pending.push(...result.value);
    else failures.push({ index, failure: toFailure(references[index] as SecretReference, result.reason) });
  });

  const fetched = await settleWithConcurrency(pending, concurrency, (item) => readSecret(item, options.binaryEncoding, clientFor));
  const secrets: FetchedSecret[] = [];
  fetched.forEach((result, position) => {
    const item = pending[position] as PendingFetch;
    if (result.status === 'fulfilled') secrets.push(result.value);
    else failures.push({ index: item.index, failure: toFailure(item.reference, result.reason) });
  });

  if (failures.length > 0) {
    throw new SecretsFetchError(failures.sort((a, b) => a.index - b.index).map(({ failure }) => failure));
  }
  return secrets;
}

/** A failed call, with the operation and region it was for. */
class ReferenceCallError extends Error {
  constructor(
    readonly operation: string,
    readonly region: string,
    readonly subject: string,
    override readonly cause: unknown,
  ) {
    super(`${operation} ${subject}`);
  }
}

function toFailure(reference: SecretReference, error: unknown): ReferenceFailure {
  if (error instanceof ReferenceCallError) {
    return {
      reference: reference.line,
      reason: `${error.operation} for ${error.subject} in ${error.region} failed: ${describeAwsError(error.cause)}`,
      hints: secretFetchHints(error.cause, { operation: error.operation, region: error.region }),
    };
  }
  if (error instanceof BinaryDecodeError || error instanceof ConfigurationError) {
    return { reference: reference.line, reason: error.message, hints: [] };
  }
  throw error;
}

function requireRegion(reference: SecretReference, defaultRegion: string | undefined): string {
  const region = regionOfReference(reference, defaultRegion);
  if (region === undefined) {
    throw new ConfigurationError(
      `No region for reference ${quote(reference.line)}: set the 'aws-region' input (or AWS_REGION), or refer to the secret by ARN.`,
    );
  }
  return region;
}

async function expandReference(
  reference: SecretReference,
  index: number,
  region: string,
  clientFor: (region: string) => SecretsManagerClient,
): Promise<PendingFetch[]> {
  if (reference.target.kind === 'secret') {
    return [{ reference, index, secretId: reference.target.secretId, region }];
  }
  const prefix = reference.target.prefix;
  const arns = await listSecretsWithPrefix(clientFor(region), prefix, region);
  if (arns.length === 0) {
    throw new ConfigurationError(`no secret name starts with ${quote(prefix)} in ${region}`);
  }
  if (reference.alias !== undefined && reference.alias !== '' && arns.length > 1) {
    throw new ConfigurationError(
      `the alias ${quote(reference.alias)} can name one secret, but ${arns.length} secrets start with ${quote(prefix)}; drop the alias or narrow the prefix`,
    );
  }
  return arns.map((arn) => ({ reference, index, secretId: arn, region }));
}

/**
 * Every secret whose name starts with `prefix`. A page can be short, or even
 * empty, while a NextToken is set, so it pages until there is no token.
 */
async function listSecretsWithPrefix(client: SecretsManagerClient, prefix: string, region: string): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await client.send(
        new ListSecretsCommand({
          Filters: [{ Key: 'name', Values: [prefix] }],
          MaxResults: 100,
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        }),
      );
    } catch (error) {
      throw new ReferenceCallError('ListSecrets', region, `prefix ${quote(prefix)}`, error);
    }
    for (const secret of page.SecretList ?? []) {
      // The name filter also matches words inside names; keep true prefixes only.
      if (secret.ARN !== undefined && secret.Name?.startsWith(prefix) === true) arns.push(secret.ARN);
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== '');
  return arns;
}

async function readSecret(
  item: PendingFetch,
  binaryEncoding: BinaryEncoding,
  clientFor: (region: string) => SecretsManagerClient,
): Promise<FetchedSecret> {
  let response;
  try {
    // AWSCURRENT is the default on AWS; asking for it explicitly also makes
    // emulators that remember another default version behave the same.
    response = await clientFor(item.region).send(new GetSecretValueCommand({ SecretId: item.secretId, VersionStage: 'AWSCURRENT' }));
  } catch (error) {
    throw new ReferenceCallError('GetSecretValue', item.region, `secret ${quote(item.secretId)}`, error);
  }
  const name = response.Name ?? item.secretId;
  let value: string;
  if (response.SecretString !== undefined) {
    value = response.SecretString;
  } else if (response.SecretBinary !== undefined) {
    value = decodeSecretBinary(response.SecretBinary, binaryEncoding, name);
  } else {
    throw new ConfigurationError(`the secret ${quote(name)} has no value in its AWSCURRENT version`);
  }
  return { reference: item.reference, name, arn: response.ARN ?? item.secretId, value };
}
