import { rememberSensitive } from './sensitive-text.js';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { BinaryEncoding } from './binary-encoding.js';
import { createLimiter } from './concurrency.js';
import { ConfigurationError, SecretsFetchError, type ReferenceFailure } from './errors.js';
import type { Limit, ReadFailure, ReadOutcome, SourceValue } from './fetch-types.js';
import { formatKeyPath, selectJsonValue } from './json-pointer.js';
import { quote } from './log-safe.js';
import { regionOfReference } from './region.js';
import type { SecretReference } from './references.js';
import { listSecretsWithPrefix, readCurrentSecrets, readPinnedSecret, type BatchFallback } from './secret-reads.js';

/** A value fetched for one reference (a prefix or a path yields one per match). */
export interface FetchedValue extends SourceValue {
  readonly reference: SecretReference;
}

/** What to do when a secret, parameter or key does not exist. */
export const ON_MISSING = ['fail', 'warn', 'skip'] as const;
export type OnMissing = (typeof ON_MISSING)[number];

/** How to fetch. */
export interface FetchOptions {
  readonly references: readonly SecretReference[];
  /** Region for references by name, prefix and path; ARNs carry their own. */
  readonly defaultRegion: string | undefined;
  readonly binaryEncoding: BinaryEncoding;
  /** `fail` (all or nothing), or export the rest and `warn` about / `skip` what is missing. */
  readonly onMissing: OnMissing;
  /** AWS calls in flight at once, across all services. */
  readonly concurrency?: number;
}

/** Reads Parameter Store; loaded only when a reference needs it. */
export interface ParameterStoreReader {
  readParameters(region: string, names: readonly string[], limit: Limit): Promise<Map<string, ReadOutcome>>;
  readParameterPath(region: string, path: string, limit: Limit): Promise<ReadOutcome>;
}

/** The clients a fetch uses. */
export interface FetchClients {
  readonly secretsManager: (region: string) => SecretsManagerClient;
  readonly loadParameterStore: () => Promise<ParameterStoreReader>;
}

/** Everything fetched, and what was left out under `on-missing: warn | skip`. */
export interface FetchResult {
  readonly values: readonly FetchedValue[];
  readonly skipped: readonly ReferenceFailure[];
  /** BatchGetSecretValue was denied and reads fell back to GetSecretValue. */
  readonly usedBatchFallback: boolean;
}

/** Calls in flight at once: far below every read quota, enough to hide latency. */
const DEFAULT_CONCURRENCY = 16;

/**
 * Fetches every reference in the fewest round trips: secrets at their
 * current version in `BatchGetSecretValue` chunks of 20, pinned versions with
 * `GetSecretValue`, parameters in `GetParameters` chunks of 10, prefixes and
 * paths paged to the end — all in parallel, bounded by one limiter. Every
 * call settles before the verdict. A failure that is not "missing" always
 * fails the fetch, listing every failed reference; missing ones do too
 * unless `onMissing` says to warn or skip.
 */
export async function fetchSecrets(options: FetchOptions, clients: FetchClients): Promise<FetchResult> {
  const { references, binaryEncoding } = options;
  // A missing region is an input mistake: report it before any call is made.
  const regions = references.map((reference) => requireRegion(reference, options.defaultRegion));
  const limit = createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  const fallback: BatchFallback = { used: false };
  const outcomes = new Array<ReadOutcome>(references.length);

  const currentByRegion = new Map<string, Set<string>>();
  const parametersByRegion = new Map<string, Set<string>>();
  const tasks: Array<Promise<void>> = [];
  let store: Promise<ParameterStoreReader> | undefined;
  const parameterStore = (): Promise<ParameterStoreReader> => (store ??= clients.loadParameterStore());

  references.forEach((reference, index) => {
    const region = regions[index] as string;
    const { target } = reference;
    switch (target.kind) {
      case 'secret':
        if (target.version === undefined) addTo(currentByRegion, region, target.secretId);
        else
          tasks.push(
            readPinnedSecret(clients.secretsManager(region), region, target.secretId, target.version, binaryEncoding, limit).then((outcome) => {
              outcomes[index] = outcome;
            }),
          );
        break;
      case 'prefix':
        tasks.push(
          readPrefix(clients.secretsManager(region), region, target.prefix, reference, binaryEncoding, limit, fallback).then((outcome) => {
            outcomes[index] = outcome;
          }),
        );
        break;
      case 'parameter':
        addTo(parametersByRegion, region, parameterRequest(target));
        break;
      case 'parameter-path':
        tasks.push(
          parameterStore()
            .then((reader) => reader.readParameterPath(region, target.path, limit))
            .then((outcome) => {
              outcomes[index] = outcome;
            }),
        );
        break;
    }
  });

  const current = new Map<string, Map<string, ReadOutcome>>();
  for (const [region, ids] of currentByRegion) {
    tasks.push(
      readCurrentSecrets(clients.secretsManager(region), region, [...ids], binaryEncoding, limit, fallback).then((read) => {
        current.set(region, read);
      }),
    );
  }
  const parameters = new Map<string, Map<string, ReadOutcome>>();
  for (const [region, names] of parametersByRegion) {
    tasks.push(
      parameterStore()
        .then((reader) => reader.readParameters(region, [...names], limit))
        .then((read) => {
          parameters.set(region, read);
        }),
    );
  }
  await Promise.all(tasks);

  references.forEach((reference, index) => {
    const region = regions[index] as string;
    const { target } = reference;
    if (target.kind === 'secret' && target.version === undefined) outcomes[index] = current.get(region)?.get(target.secretId) as ReadOutcome;
    if (target.kind === 'parameter') outcomes[index] = parameters.get(region)?.get(parameterRequest(target)) as ReadOutcome;
  });
  return decide(references, outcomes, options.onMissing, fallback.used);
}

function decide(references: readonly SecretReference[], outcomes: readonly ReadOutcome[], onMissing: OnMissing, usedBatchFallback: boolean): FetchResult {
  const values: FetchedValue[] = [];
  const failures: Array<ReferenceFailure & { readonly missing: boolean }> = [];
  references.forEach((reference, index) => {
    const read = outcomes[index] as ReadOutcome;
    // Every value read is known before any later error message is printed.
    if (!('failure' in read)) for (const source of read.values) rememberSensitive(source.value);
    const outcome = selectKeys(reference, read);
    if (!('failure' in outcome)) for (const selected of outcome.values) rememberSensitive(selected.value);
    if ('failure' in outcome) failures.push({ reference: reference.line, ...outcome.failure });
    else values.push(...outcome.values.map((value) => ({ ...value, reference })));
  });
  if (failures.some((failure) => !failure.missing) || (failures.length > 0 && onMissing === 'fail')) {
    throw new SecretsFetchError(failures.map(({ reference, reason, hints }) => ({ reference, reason, hints })));
  }
  return { values, skipped: failures.map(({ reference, reason, hints }) => ({ reference, reason, hints })), usedBatchFallback };
}

/** Applies a `#key` / `#/pointer` selection; a missing key is "missing", a value that is not JSON is a mistake. */
function selectKeys(reference: SecretReference, outcome: ReadOutcome): ReadOutcome {
  const { keyPath } = reference;
  if (keyPath === undefined || 'failure' in outcome) return outcome;
  const key = formatKeyPath(keyPath);
  const selected: SourceValue[] = [];
  for (const source of outcome.values) {
    const result = selectJsonValue(source.value, keyPath);
    if ('problem' in result) {
      const failure: ReadFailure =
        result.problem === 'missing'
          ? { reason: `the key ${quote(key)} is not in ${quote(source.sourceName)}`, hints: [], missing: true }
          : { reason: `${quote(source.sourceName)} is not JSON, so the key ${quote(key)} cannot be selected`, hints: [], missing: false };
      return { failure };
    }
    selected.push({ ...source, value: result.value });
  }
  return { values: selected };
}

async function readPrefix(
  client: SecretsManagerClient,
  region: string,
  prefix: string,
  reference: SecretReference,
  encoding: BinaryEncoding,
  limit: Limit,
  fallback: BatchFallback,
): Promise<ReadOutcome> {
  const listed = await listSecretsWithPrefix(client, region, prefix, limit);
  if ('failure' in listed) return listed;
  if (listed.arns.length === 0) {
    return { failure: { reason: `no secret name starts with ${quote(prefix)} in ${region}`, hints: [], missing: true } };
  }
  if (reference.alias !== undefined && reference.alias !== '' && listed.arns.length > 1) {
    return {
      failure: {
        reason: `the alias ${quote(reference.alias)} can name one secret, but ${listed.arns.length} secrets start with ${quote(prefix)}; drop the alias or narrow the prefix`,
        hints: [],
        missing: false,
      },
    };
  }
  const read = await readCurrentSecrets(client, region, listed.arns, encoding, limit, fallback);
  const values: SourceValue[] = [];
  for (const arn of listed.arns) {
    const outcome = read.get(arn) as ReadOutcome;
    if ('failure' in outcome) return outcome;
    values.push(...outcome.values);
  }
  return { values };
}

function parameterRequest(target: { readonly name: string; readonly selector?: string }): string {
  return target.selector === undefined ? target.name : `${target.name}:${target.selector}`;
}

function addTo(groups: Map<string, Set<string>>, region: string, item: string): void {
  let group = groups.get(region);
  if (group === undefined) {
    group = new Set();
    groups.set(region, group);
  }
  group.add(item);
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
