import {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  type BatchGetSecretValueCommandInput,
  type BatchGetSecretValueCommandOutput,
  type GetSecretValueCommandInput,
  type GetSecretValueCommandOutput,
  type ListSecretsCommandInput,
  type ListSecretsCommandOutput,
  type SecretValueEntry,
} from '@aws-sdk/client-secrets-manager';
import {
  GetParametersByPathCommand,
  GetParametersCommand,
  SSMClient,
  type GetParametersByPathCommandInput,
  type GetParametersByPathCommandOutput,
  type GetParametersCommandInput,
  type GetParametersCommandOutput,
  type Parameter,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { secretsManagerClients, type ClientSettings } from './aws-clients.js';
import type { BinaryEncoding } from './binary-encoding.js';
import { ConfigurationError, describeError, SecretsFetchError, type ReferenceFailure } from './errors.js';
import { fetchSecrets, type FetchOptions, type FetchResult, type OnMissing, type ParameterStoreReader } from './fetch-secrets.js';
import { parameterStoreReader } from './parameter-store.js';
import { parseSecretReferences } from './references.js';
import { forgetSensitive } from './sensitive-text.js';

// Each test is a step of its own: values remembered by an earlier one must not scrub its messages.
beforeEach(() => {
  forgetSensitive();
});

// Both SDKs are mocked at the class level, so the real client factories
// (one client per region) and the real Parameter Store reader run unchanged.
const sm = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);

const ACCOUNT = '123456789012';
const SETTINGS: ClientSettings = { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-key' }, env: {} };
const CREATED = new Date('2026-01-02T03:04:05.000Z');
const PREVIOUS_CREATED = new Date('2025-12-01T00:00:00.000Z');
const VERSION_ID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
const NOT_FOUND_HINT = "The secret is looked up in region 'us-east-1': give its ARN or set 'aws-region' if it lives elsewhere.";
const PARAMETER_HINT = "The parameter is looked up in region 'us-east-1': give its ARN (ssm:arn:…) or set 'aws-region' if it lives elsewhere.";
const GET_SECRET_HINTS = [
  'The role needs secretsmanager:GetSecretValue on this secret (a resource policy on the secret can also deny it).',
  'A secret encrypted with a customer-managed KMS key also needs kms:Decrypt on that key.',
];

const partitionOf = (region: string): string => (region.startsWith('cn-') ? 'aws-cn' : 'aws');
const secretArn = (name: string, region = 'us-east-1'): string => `arn:${partitionOf(region)}:secretsmanager:${region}:${ACCOUNT}:secret:${name}-AbCdEf`;
const parameterArn = (name: string, region = 'us-east-1'): string => `arn:aws:ssm:${region}:${ACCOUNT}:parameter/${name.replace(/^\//, '')}`;
const valueOf = (name: string): string => `value-of-${name}`;

function accessDenied(action: string): Error {
  return Object.assign(new Error(`User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/gha is not authorized to perform: ${action}`), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 400 },
  });
}

/** What an emulator behind a proxy sends on a denial: a bare 403 the SDK cannot parse. */
function bare403(): Error {
  return Object.assign(new Error('UnknownError'), { name: 'Unknown', $metadata: { httpStatusCode: 403 } });
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

/** Counts the AWS calls in flight at once, across both services. */
const flight = { now: 0, max: 0 };

async function inFlight<T>(answer: () => T | Promise<T>): Promise<T> {
  flight.now++;
  flight.max = Math.max(flight.max, flight.now);
  try {
    // Yield to the event loop so that calls made together overlap.
    await new Promise((resolve) => setImmediate(resolve));
    return await answer();
  } finally {
    flight.now--;
  }
}

/**
 * The region of the client a call was sent with. `getClient` answers the
 * client of the latest call, so it must be read before the fake yields.
 */
function regionOf(getClient: () => { config: { region: unknown } }): Promise<string> {
  const region = getClient().config.region;
  return typeof region === 'function' ? (region as () => Promise<string>)() : Promise.resolve(String(region));
}

interface StoredVersion {
  readonly id: string;
  readonly stages: readonly string[];
  readonly value: string | Uint8Array | undefined;
  readonly created: Date;
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly versions: StoredVersion[];
}

/**
 * A small Secrets Manager: BatchGetSecretValue (per-id `Errors`),
 * GetSecretValue (by name, full or partial ARN, stage or version id) and
 * ListSecrets (pages given by the test), each region apart.
 */
class FakeSecretsManager {
  readonly secrets: StoredSecret[] = [];
  /** Pages of ListSecrets keyed by the NextToken that asks for them ('' for the first). */
  listPages: Record<string, Partial<ListSecretsCommandOutput>> = {};
  /** Fails a whole BatchGetSecretValue call. */
  failBatch: (ids: readonly string[]) => Error | undefined = () => undefined;
  /** Answers one id of a batch with this `Errors` entry instead (or with nothing at all). */
  failEntry: (id: string) => { ErrorCode: string; Message: string } | 'omit' | undefined = () => undefined;
  /** Fails a ListSecrets call. */
  failList: () => Error | undefined = () => undefined;
  /** Fails a GetSecretValue call. */
  failGet: (input: GetSecretValueCommandInput) => Error | undefined = () => undefined;
  /** The region each call was sent to, in call order. */
  readonly regions: Array<[string, string]> = [];

  constructor() {
    sm.on(BatchGetSecretValueCommand).callsFake((input: BatchGetSecretValueCommandInput, getClient) => {
      const region = regionOf(getClient);
      return inFlight(async () => this.batch(input, await region));
    });
    sm.on(GetSecretValueCommand).callsFake((input: GetSecretValueCommandInput, getClient) => {
      const region = regionOf(getClient);
      return inFlight(async () => this.get(input, await region));
    });
    sm.on(ListSecretsCommand).callsFake((input: ListSecretsCommandInput, getClient) => {
      const region = regionOf(getClient);
      return inFlight(async () => {
        this.regions.push(['ListSecrets', await region]);
        const failure = this.failList();
        if (failure !== undefined) throw failure;
        return this.listPages[input.NextToken ?? ''] ?? {};
      });
    });
  }

  /** Stores a secret whose AWSCURRENT version holds `value` (null: no value at all), and an AWSPREVIOUS one when given. */
  add(name: string, value: string | Uint8Array | null = valueOf(name), options: { region?: string; previous?: string } = {}): StoredSecret {
    const region = options.region ?? 'us-east-1';
    const versions: StoredVersion[] = [{ id: `${name}-v2`, stages: ['AWSCURRENT'], value: value ?? undefined, created: CREATED }];
    if (options.previous !== undefined) versions.push({ id: VERSION_ID, stages: ['AWSPREVIOUS'], value: options.previous, created: PREVIOUS_CREATED });
    const secret = { name, arn: secretArn(name, region), region, versions };
    this.secrets.push(secret);
    return secret;
  }

  private find(id: string, region: string): StoredSecret | undefined {
    return this.secrets.find(
      (secret) =>
        secret.region === region && (secret.name === id || secret.arn === id || (secret.arn.startsWith(`${id}-`) && secret.arn.length === id.length + 7)),
    );
  }

  private entry(secret: StoredSecret, version: StoredVersion): SecretValueEntry {
    const value = typeof version.value === 'string' ? { SecretString: version.value } : version.value === undefined ? {} : { SecretBinary: version.value };
    return { ARN: secret.arn, Name: secret.name, VersionId: version.id, VersionStages: [...version.stages], CreatedDate: version.created, ...value };
  }

  private batch(input: BatchGetSecretValueCommandInput, region: string): Partial<BatchGetSecretValueCommandOutput> {
    this.regions.push(['BatchGetSecretValue', region]);
    const ids = input.SecretIdList ?? [];
    const failure = this.failBatch(ids);
    if (failure !== undefined) throw failure;
    const output = { SecretValues: [] as SecretValueEntry[], Errors: [] as NonNullable<BatchGetSecretValueCommandOutput['Errors']> };
    for (const id of ids) {
      const entryFailure = this.failEntry(id);
      if (entryFailure === 'omit') continue;
      if (entryFailure !== undefined) {
        output.Errors.push({ SecretId: id, ...entryFailure });
        continue;
      }
      const secret = this.find(id, region);
      const current = secret?.versions.find((version) => version.stages.includes('AWSCURRENT'));
      if (secret === undefined || current === undefined) {
        output.Errors.push({ SecretId: id, ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." });
      } else {
        output.SecretValues.push(this.entry(secret, current));
      }
    }
    return output;
  }

  private get(input: GetSecretValueCommandInput, region: string): Partial<GetSecretValueCommandOutput> {
    this.regions.push(['GetSecretValue', region]);
    const failure = this.failGet(input);
    if (failure !== undefined) throw failure;
    const secret = this.find(input.SecretId ?? '', region);
    const version = secret?.versions.find((candidate) =>
      input.VersionId !== undefined ? candidate.id === input.VersionId : candidate.stages.includes(input.VersionStage ?? 'AWSCURRENT'),
    );
    if (secret === undefined || version === undefined) {
      throw new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: { httpStatusCode: 400 } });
    }
    return this.entry(secret, version);
  }
}

/** Splits `name[:selector]`: a parameter name holds no ':', and an ARN's name follows ':parameter/'. */
function splitSelector(requested: string): [string, string | undefined] {
  const start = requested.startsWith('arn:') ? requested.indexOf(':parameter/') + 1 : 0;
  const colon = requested.indexOf(':', start);
  return colon < 0 ? [requested, undefined] : [requested.slice(0, colon), requested.slice(colon + 1)];
}

interface StoredParameter {
  readonly name: string;
  readonly region: string;
  readonly type: 'String' | 'StringList' | 'SecureString';
  readonly versions: Array<{ readonly value: string; readonly labels: readonly string[] }>;
}

/**
 * A small Parameter Store: GetParameters (selectors, `InvalidParameters`,
 * SecureStrings decrypted only when asked) and GetParametersByPath (10 per
 * page, paged with NextToken, refusing a path with a trailing slash as SSM does).
 */
class FakeParameterStore {
  readonly parameters: StoredParameter[] = [];
  /** Empty pages to answer before the real ones, as SSM may. */
  emptyPagesFirst = 0;
  failGetParameters: (names: readonly string[]) => Error | undefined = () => undefined;
  failByPath: (path: string) => Error | undefined = () => undefined;
  readonly regions: Array<[string, string]> = [];

  constructor() {
    ssm.on(GetParametersCommand).callsFake((input: GetParametersCommandInput, getClient) => {
      const region = regionOf(getClient);
      return inFlight(async () => this.getParameters(input, await region));
    });
    ssm.on(GetParametersByPathCommand).callsFake((input: GetParametersByPathCommandInput, getClient) => {
      const region = regionOf(getClient);
      return inFlight(async () => this.byPath(input, await region));
    });
  }

  add(name: string, values: string | ReadonlyArray<{ value: string; labels?: readonly string[] }>, options: { type?: StoredParameter['type']; region?: string } = {}): void {
    const versions = typeof values === 'string' ? [{ value: values, labels: [] }] : values.map(({ value, labels = [] }) => ({ value, labels }));
    this.parameters.push({ name, region: options.region ?? 'us-east-1', type: options.type ?? 'SecureString', versions });
  }

  private toParameter(stored: StoredParameter, versionIndex: number, selector: string | undefined, decrypt: boolean): Parameter {
    const version = stored.versions[versionIndex]!;
    return {
      Name: stored.name,
      ARN: parameterArn(stored.name, stored.region),
      Type: stored.type,
      Value: stored.type === 'SecureString' && !decrypt ? `kms-ciphertext-of-${stored.name}` : version.value,
      Version: versionIndex + 1,
      LastModifiedDate: CREATED,
      DataType: 'text',
      ...(selector === undefined ? {} : { Selector: `:${selector}` }),
    };
  }

  private getParameters(input: GetParametersCommandInput, region: string): Partial<GetParametersCommandOutput> {
    this.regions.push(['GetParameters', region]);
    const names = input.Names ?? [];
    const failure = this.failGetParameters(names);
    if (failure !== undefined) throw failure;
    const output = { Parameters: [] as Parameter[], InvalidParameters: [] as string[] };
    for (const requested of names) {
      const [name, selector] = splitSelector(requested);
      const stored = this.parameters.find((candidate) => candidate.region === region && (candidate.name === name || parameterArn(candidate.name, region) === name));
      const index =
        stored === undefined
          ? -1
          : selector === undefined
            ? stored.versions.length - 1
            : /^\d+$/.test(selector)
              ? Number(selector) - 1
              : stored.versions.findIndex((version) => version.labels.includes(selector));
      if (stored === undefined || index < 0 || index >= stored.versions.length) output.InvalidParameters.push(requested);
      else output.Parameters.push(this.toParameter(stored, index, selector, input.WithDecryption === true));
    }
    return output;
  }

  private byPath(input: GetParametersByPathCommandInput, region: string): Partial<GetParametersByPathCommandOutput> {
    this.regions.push(['GetParametersByPath', region]);
    const path = input.Path ?? '';
    const failure = this.failByPath(path);
    if (failure !== undefined) throw failure;
    if (path !== '/' && path.endsWith('/')) throw awsError('ValidationException', 'The parameter path must not end with a slash.');
    const token = input.NextToken ?? '';
    const emptyPage = /^empty-(\d+)$/.exec(token);
    const emptyIndex = token === '' ? 0 : emptyPage ? Number(emptyPage[1]) : this.emptyPagesFirst;
    if (emptyIndex < this.emptyPagesFirst) return { Parameters: [], NextToken: `empty-${emptyIndex + 1}` };
    const below = path === '/' ? '/' : `${path}/`;
    const matches = this.parameters.filter((stored) => stored.region === region && stored.name.startsWith(below) && (input.Recursive === true || !stored.name.slice(below.length).includes('/')));
    const start = /^page-(\d+)$/.exec(token) ? Number(token.slice('page-'.length)) : 0;
    const size = input.MaxResults ?? 10;
    const page = matches.slice(start, start + size).map((stored) => this.toParameter(stored, stored.versions.length - 1, undefined, input.WithDecryption === true));
    return { Parameters: page, ...(start + size < matches.length ? { NextToken: `page-${start + size}` } : {}) };
  }
}

let secrets: FakeSecretsManager;
let parameters: FakeParameterStore;

beforeEach(() => {
  sm.reset();
  ssm.reset();
  flight.now = 0;
  flight.max = 0;
  secrets = new FakeSecretsManager();
  parameters = new FakeParameterStore();
});

afterAll(() => {
  sm.restore();
  ssm.restore();
});

/** The clients of a run, with the Parameter Store loader counted. */
function clients(): { secretsManager: (region: string) => SecretsManagerClient; loadParameterStore: Mock<() => Promise<ParameterStoreReader>> } {
  return {
    secretsManager: secretsManagerClients(SETTINGS),
    loadParameterStore: vi.fn(() => Promise.resolve(parameterStoreReader(SETTINGS))),
  };
}

function options(secretIds: string, overrides: Partial<FetchOptions> = {}): FetchOptions {
  return {
    references: parseSecretReferences(secretIds, 'uppercase'),
    defaultRegion: 'us-east-1',
    binaryEncoding: 'utf8',
    onMissing: 'fail',
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** Runs `fetchSecrets` expecting a SecretsFetchError and returns it. */
async function fetchFailure(fetchOptions: FetchOptions): Promise<SecretsFetchError> {
  const error = await rejection(fetchSecrets(fetchOptions, clients()));
  expect(error).toBeInstanceOf(SecretsFetchError);
  return error as SecretsFetchError;
}

/** Everything a user could see of an error: message, hints, and the failures. */
function everythingShown(error: unknown): string {
  return `${describeError(error)}\n${JSON.stringify(error instanceof SecretsFetchError ? error.failures : [])}`;
}

const names = (count: number, prefix = 'app/s'): string[] => Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(3, '0')}`);
const sourcesAndValues = (result: FetchResult): Array<[string, string]> => result.values.map((value) => [value.sourceName, value.value]);
const batchInputs = (): Array<BatchGetSecretValueCommandInput> => sm.commandCalls(BatchGetSecretValueCommand).map((call) => call.args[0].input);
const getInputs = (): Array<GetSecretValueCommandInput> => sm.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input);

describe('fetchSecrets reads current secrets in batches of 20', () => {
  it.each([1, 20, 21, 45])('reads %i explicit ids with ⌈N/20⌉ BatchGetSecretValue calls of at most 20 distinct ids', async (count) => {
    const ids = names(count);
    for (const id of ids) secrets.add(id);

    const result = await fetchSecrets(options(ids.join('\n')), clients());

    const expectedChunks = Array.from({ length: Math.ceil(count / 20) }, (_, index) => ids.slice(index * 20, index * 20 + 20));
    expect(batchInputs()).toEqual(expectedChunks.map((chunk) => ({ SecretIdList: chunk })));
    for (const { SecretIdList = [] } of batchInputs()) {
      expect(SecretIdList.length).toBeLessThanOrEqual(20);
      expect(new Set(SecretIdList).size).toBe(SecretIdList.length);
    }
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    expect(sm.commandCalls(ListSecretsCommand)).toHaveLength(0);
    expect(sourcesAndValues(result)).toEqual(ids.map((id) => [id, valueOf(id)]));
    expect(result.skipped).toEqual([]);
    expect(result.usedBatchFallback).toBe(false);
  });

  it('returns each value with its reference, name, ARN, version and creation date', async () => {
    secrets.add('prod/db', 'pw');
    const fetchOptions = options('DB,prod/db');
    const result = await fetchSecrets(fetchOptions, clients());
    expect(result).toStrictEqual<FetchResult>({
      values: [
        {
          reference: fetchOptions.references[0]!,
          sourceName: 'prod/db',
          nameBase: 'prod/db',
          arn: secretArn('prod/db'),
          version: 'prod/db-v2 (AWSCURRENT)',
          createdDate: CREATED,
          value: 'pw',
        },
      ],
      skipped: [],
      usedBatchFallback: false,
    });
  });

  it('reads a secret referenced several times once', async () => {
    secrets.add('prod/db', '{"a":"value-a","b":"value-b"}');
    const result = await fetchSecrets(options('prod/db#a\nprod/db#b\nWHOLE,prod/db'), clients());
    expect(batchInputs()).toEqual([{ SecretIdList: ['prod/db'] }]);
    expect(result.values.map((value) => [value.reference.line, value.value])).toEqual([
      ['prod/db#a', 'value-a'],
      ['prod/db#b', 'value-b'],
      ['WHOLE,prod/db', '{"a":"value-a","b":"value-b"}'],
    ]);
  });

  it('matches ids given as a full or a partial ARN to the batch entries', async () => {
    secrets.add('prod/db');
    secrets.add('prod/api');
    secrets.add('prod/api-extra');
    const partial = secretArn('prod/api').slice(0, -'-AbCdEf'.length);
    // prod/api-extra comes back first, and its ARN starts with the partial ARN of prod/api.
    const result = await fetchSecrets(options(`prod/api-extra\n${secretArn('prod/db')}\n${partial}`), clients());
    expect(batchInputs()).toEqual([{ SecretIdList: ['prod/api-extra', secretArn('prod/db'), partial] }]);
    expect(sourcesAndValues(result)).toEqual([
      ['prod/api-extra', valueOf('prod/api-extra')],
      ['prod/db', valueOf('prod/db')],
      ['prod/api', valueOf('prod/api')],
    ]);
  });

  it('reads each region with its own client: one batch per region', async () => {
    secrets.add('prod/db');
    secrets.add('eu/db', valueOf('eu/db'), { region: 'eu-west-1' });
    secrets.add('eu/api', valueOf('eu/api'), { region: 'eu-west-1' });
    secrets.add('cn/db', valueOf('cn/db'), { region: 'cn-north-1' });
    const refs = `prod/db\n${secretArn('eu/db', 'eu-west-1')}\n${secretArn('cn/db', 'cn-north-1')}\n${secretArn('eu/api', 'eu-west-1')}`;

    const result = await fetchSecrets(options(refs), clients());

    expect(batchInputs()).toEqual([
      { SecretIdList: ['prod/db'] },
      { SecretIdList: [secretArn('eu/db', 'eu-west-1'), secretArn('eu/api', 'eu-west-1')] },
      { SecretIdList: [secretArn('cn/db', 'cn-north-1')] },
    ]);
    expect(secrets.regions).toEqual([
      ['BatchGetSecretValue', 'us-east-1'],
      ['BatchGetSecretValue', 'eu-west-1'],
      ['BatchGetSecretValue', 'cn-north-1'],
    ]);
    expect(sourcesAndValues(result)).toEqual([
      ['prod/db', valueOf('prod/db')],
      ['eu/db', valueOf('eu/db')],
      ['cn/db', valueOf('cn/db')],
      ['eu/api', valueOf('eu/api')],
    ]);
  });

  it('fails only the reference whose batch entry is an error, as missing', async () => {
    secrets.add('prod/a');
    secrets.add('prod/c');
    const error = await fetchFailure(options('prod/a\nprod/missing\nprod/c'));

    const failure: ReferenceFailure = {
      reference: 'prod/missing',
      reason: "BatchGetSecretValue for secret 'prod/missing' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
      hints: [NOT_FOUND_HINT],
    };
    expect(error.failures).toEqual([failure]);
    expect(error.message).toBe(`Failed to fetch 1 reference; nothing was exported:\n  - 'prod/missing': ${failure.reason}`);
    expect(describeError(error)).toBe(`${error.message}\nThings to check:\n  - ${NOT_FOUND_HINT}`);
    expect(batchInputs()).toEqual([{ SecretIdList: ['prod/a', 'prod/missing', 'prod/c'] }]);
    for (const value of [valueOf('prod/a'), valueOf('prod/c')]) expect(everythingShown(error)).not.toContain(value);

    sm.resetHistory();
    const skipped = await fetchSecrets(options('prod/a\nprod/missing\nprod/c', { onMissing: 'skip' }), clients());
    expect(sourcesAndValues(skipped)).toEqual([
      ['prod/a', valueOf('prod/a')],
      ['prod/c', valueOf('prod/c')],
    ]);
    expect(skipped.skipped).toEqual([failure]);
  });

  it('fails a reference whose batch entry is an error other than not found, whatever on-missing says', async () => {
    secrets.add('prod/locked');
    secrets.failEntry = () => ({ ErrorCode: 'DecryptionFailure', Message: 'Secrets Manager cannot decrypt the protected secret text using the provided KMS key.' });
    const error = await fetchFailure(options('prod/locked', { onMissing: 'skip' }));
    expect(error.failures).toEqual([
      {
        reference: 'prod/locked',
        reason:
          "BatchGetSecretValue for secret 'prod/locked' in us-east-1 failed: DecryptionFailure: Secrets Manager cannot decrypt the protected secret text using the provided KMS key.",
        hints: ['Secrets Manager could not decrypt the secret: the role needs kms:Decrypt on the KMS key the secret uses.'],
      },
    ]);
  });

  it('fails a reference the batch answered with neither a value nor an error', async () => {
    secrets.add('prod/ghost');
    secrets.failEntry = () => 'omit';
    const error = await fetchFailure(options('prod/ghost'));
    expect(error.failures).toEqual([
      {
        reference: 'prod/ghost',
        reason: "BatchGetSecretValue for secret 'prod/ghost' in us-east-1 failed: NotReturned: BatchGetSecretValue returned no value and no error for it",
        hints: [],
      },
    ]);
  });

  it.each([
    { name: 'an AccessDeniedException', denial: accessDenied('secretsmanager:BatchGetSecretValue') },
    { name: 'a bare HTTP 403', denial: bare403() },
  ])('falls back to GetSecretValue for AWSCURRENT when BatchGetSecretValue is denied with $name', async ({ denial }) => {
    const ids = ['prod/a', 'prod/b', 'prod/c'];
    for (const id of ids) secrets.add(id);
    secrets.failBatch = () => denial;

    const result = await fetchSecrets(options(ids.join('\n')), clients());

    expect(batchInputs()).toEqual([{ SecretIdList: ids }]);
    expect(getInputs()).toEqual(ids.map((id) => ({ SecretId: id, VersionStage: 'AWSCURRENT' })));
    expect(result.usedBatchFallback).toBe(true);
    expect(sourcesAndValues(result)).toEqual(ids.map((id) => [id, valueOf(id)]));
    expect(result.values.map((value) => value.version)).toEqual(ids.map((id) => `${id}-v2 (AWSCURRENT)`));
  });

  it('falls back for exactly the ids of the denied chunk', async () => {
    const ids = names(25);
    for (const id of ids) secrets.add(id);
    // A policy condition that denies the batch holding the last five ids only.
    secrets.failBatch = (batch) => (batch.includes(ids[20]!) ? accessDenied('secretsmanager:BatchGetSecretValue') : undefined);

    const result = await fetchSecrets(options(ids.join('\n')), clients());

    expect(batchInputs()).toEqual([{ SecretIdList: ids.slice(0, 20) }, { SecretIdList: ids.slice(20) }]);
    expect(getInputs()).toEqual(ids.slice(20).map((id) => ({ SecretId: id, VersionStage: 'AWSCURRENT' })));
    expect(result.usedBatchFallback).toBe(true);
    expect(sourcesAndValues(result)).toEqual(ids.map((id) => [id, valueOf(id)]));
  });

  it('fails a secret the fallback may not read either, with the GetSecretValue hints, even with on-missing skip', async () => {
    secrets.add('prod/ok');
    secrets.add('prod/locked');
    secrets.failBatch = () => accessDenied('secretsmanager:BatchGetSecretValue');
    secrets.failGet = (input) => (input.SecretId === 'prod/locked' ? accessDenied('secretsmanager:GetSecretValue') : undefined);

    const error = await fetchFailure(options('prod/ok\nprod/locked', { onMissing: 'skip' }));

    expect(error.failures).toEqual([
      {
        reference: 'prod/locked',
        reason: `GetSecretValue for secret 'prod/locked' in us-east-1 failed: AccessDeniedException: User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/gha is not authorized to perform: secretsmanager:GetSecretValue`,
        hints: GET_SECRET_HINTS,
      },
    ]);
    expect(everythingShown(error)).not.toContain(valueOf('prod/ok'));
  });

  it('fails every id of a chunk when the batch fails otherwise, and falls back for none', async () => {
    const ids = names(25);
    for (const id of ids) secrets.add(id);
    secrets.failBatch = (batch) => (batch.includes(ids[20]!) ? awsError('InternalServiceError', 'An error occurred on the server side.') : undefined);

    const error = await fetchFailure(options(ids.join('\n'), { onMissing: 'skip' }));

    expect(error.failures).toEqual(
      ids.slice(20).map((id) => ({
        reference: id,
        reason: `BatchGetSecretValue for secret '${id}' in us-east-1 failed: InternalServiceError: An error occurred on the server side.`,
        hints: [],
      })),
    );
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    for (const id of ids) expect(everythingShown(error)).not.toContain(valueOf(id));
  });

  it('treats an empty SecretString as a value, not as a missing secret', async () => {
    secrets.add('prod/empty', '');
    const result = await fetchSecrets(options('prod/empty'), clients());
    expect(sourcesAndValues(result)).toEqual([['prod/empty', '']]);
  });

  it('fails a secret whose current version holds no value, as missing', async () => {
    secrets.add('prod/novalue', null);
    const error = await fetchFailure(options('prod/novalue'));
    expect(error.failures).toEqual([{ reference: 'prod/novalue', reason: "the secret 'prod/novalue' in us-east-1 has no value in the version read", hints: [] }]);
    const skipped = await fetchSecrets(options('prod/novalue', { onMissing: 'warn' }), clients());
    expect(skipped.values).toEqual([]);
    expect(skipped.skipped).toEqual(error.failures);
  });

  it('neutralises an AWS message that carries a workflow command', async () => {
    secrets.failEntry = () => ({ ErrorCode: 'InvalidRequestException', Message: 'bad\n::add-mask::x' });
    const error = await fetchFailure(options('prod/odd'));
    expect(error.failures[0]!.reason).toBe("BatchGetSecretValue for secret 'prod/odd' in us-east-1 failed: InvalidRequestException: bad\\n::add-mask::x");
  });
});

describe('fetchSecrets binary secrets', () => {
  const bytes = new Uint8Array([0x68, 0xc3, 0xa9, 0x00, 0x0a]);

  it.each<{ encoding: BinaryEncoding; expected: string }>([
    { encoding: 'utf8', expected: 'hé\u0000\n' },
    { encoding: 'base64', expected: 'aMOpAAo=' },
    { encoding: 'hex', expected: '68c3a9000a' },
  ])('decodes a binary secret as $encoding', async ({ encoding, expected }) => {
    secrets.add('certs/blob', bytes);
    const result = await fetchSecrets(options('certs/blob', { binaryEncoding: encoding }), clients());
    expect(result.values.map((value) => value.value)).toEqual([expected]);
  });

  it('fails a binary secret that is not valid UTF-8, naming binary-encoding and not the bytes, even with on-missing skip', async () => {
    const invalid = new Uint8Array([0x6b, 0x65, 0x79, 0xff, 0xfe]);
    secrets.add('prod/ok');
    secrets.add('certs/key', invalid);
    const error = await fetchFailure(options('prod/ok\ncerts/key', { onMissing: 'skip' }));
    expect(error.failures).toEqual([
      {
        reference: 'certs/key',
        reason: "the binary secret 'certs/key' is not valid UTF-8; set the input 'binary-encoding' to base64 or hex to export its bytes",
        hints: [],
      },
    ]);
    expect(everythingShown(error)).not.toContain(Buffer.from(invalid).toString('hex'));
    expect(everythingShown(error)).not.toContain(Buffer.from(invalid).toString('base64'));
    expect(everythingShown(error)).not.toContain(valueOf('prod/ok'));
  });
});

describe('fetchSecrets pinned versions', () => {
  it('reads ?stage= and ?version= with GetSecretValue and exactly that selector, never the batch', async () => {
    secrets.add('prod/db', 'current-pw', { previous: 'previous-pw' });
    const result = await fetchSecrets(options(`OLD,prod/db?stage=AWSPREVIOUS\nBYID,prod/db?version=${VERSION_ID}`), clients());

    expect(sm.commandCalls(BatchGetSecretValueCommand)).toHaveLength(0);
    expect(getInputs()).toEqual([
      { SecretId: 'prod/db', VersionStage: 'AWSPREVIOUS' },
      { SecretId: 'prod/db', VersionId: VERSION_ID },
    ]);
    expect(result.values.map((value) => [value.reference.line, value.value, value.version, value.createdDate])).toEqual([
      ['OLD,prod/db?stage=AWSPREVIOUS', 'previous-pw', `${VERSION_ID} (AWSPREVIOUS)`, PREVIOUS_CREATED],
      [`BYID,prod/db?version=${VERSION_ID}`, 'previous-pw', `${VERSION_ID} (AWSPREVIOUS)`, PREVIOUS_CREATED],
    ]);
  });

  it('reads the current and a pinned version of one secret side by side', async () => {
    secrets.add('prod/db', 'current-pw', { previous: 'previous-pw' });
    const result = await fetchSecrets(options('prod/db\nOLD,prod/db?stage=AWSPREVIOUS'), clients());
    expect(batchInputs()).toEqual([{ SecretIdList: ['prod/db'] }]);
    expect(getInputs()).toEqual([{ SecretId: 'prod/db', VersionStage: 'AWSPREVIOUS' }]);
    expect(result.values.map((value) => value.value)).toEqual(['current-pw', 'previous-pw']);
  });

  it('selects a key inside a pinned version', async () => {
    secrets.add('prod/db', '{"db":{"password":"new"}}', { previous: '{"db":{"password":"old"}}' });
    const result = await fetchSecrets(options('PW,prod/db?stage=AWSPREVIOUS#/db/password'), clients());
    expect(result.values.map((value) => [value.value, value.reference.keyPath])).toEqual([['old', ['db', 'password']]]);
  });

  it('fails a pinned version that does not exist as missing, naming the stage', async () => {
    secrets.add('prod/db');
    const reason =
      "GetSecretValue for secret 'prod/db' stage 'AWSPENDING' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.";
    const error = await fetchFailure(options('prod/db?stage=AWSPENDING'));
    expect(error.failures).toEqual([{ reference: 'prod/db?stage=AWSPENDING', reason, hints: [NOT_FOUND_HINT] }]);

    const result = await fetchSecrets(options('prod/db?stage=AWSPENDING\nprod/db', { onMissing: 'skip' }), clients());
    expect(sourcesAndValues(result)).toEqual([['prod/db', valueOf('prod/db')]]);
    expect(result.skipped).toEqual([{ reference: 'prod/db?stage=AWSPENDING', reason, hints: [NOT_FOUND_HINT] }]);
  });

  it('names the version id of a pinned read that is denied', async () => {
    secrets.add('prod/db');
    secrets.failGet = () => accessDenied('secretsmanager:GetSecretValue');
    const error = await fetchFailure(options(`prod/db?version=${VERSION_ID}`, { onMissing: 'skip' }));
    expect(error.failures[0]!.reason).toBe(
      `GetSecretValue for secret 'prod/db' version '${VERSION_ID}' in us-east-1 failed: AccessDeniedException: User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/gha is not authorized to perform: secretsmanager:GetSecretValue`,
    );
    expect(error.failures[0]!.hints).toEqual(GET_SECRET_HINTS);
  });
});

describe('fetchSecrets prefixes', () => {
  const entry = (name: string): { Name: string; ARN: string } => ({ Name: name, ARN: secretArn(name) });
  const filter = { Filters: [{ Key: 'name', Values: ['app/'] }], MaxResults: 100 };

  it('pages ListSecrets to the end through empty pages, past 100 matches, then batch-reads the matched ARNs', async () => {
    const first = names(60, 'app/');
    const second = Array.from({ length: 45 }, (_, index) => `app/${String(index + 60).padStart(3, '0')}`);
    for (const name of [...first, ...second, 'other/app/x', 'apps-not-a-match']) secrets.add(name);
    secrets.listPages = {
      '': { SecretList: [], NextToken: 't1' },
      t1: { SecretList: [...first.map(entry), entry('other/app/x'), { Name: 'app/no-arn' }], NextToken: 't2' },
      t2: { SecretList: [], NextToken: 't3' },
      t3: { SecretList: [entry('apps-not-a-match'), ...second.map(entry)] },
    };

    const fetchOptions = options('app/*');
    const result = await fetchSecrets(fetchOptions, clients());

    expect(sm.commandCalls(ListSecretsCommand).map((call) => call.args[0].input)).toEqual([
      filter,
      { ...filter, NextToken: 't1' },
      { ...filter, NextToken: 't2' },
      { ...filter, NextToken: 't3' },
    ]);
    const arns = [...first, ...second].map((name) => secretArn(name));
    expect(batchInputs()).toEqual(Array.from({ length: 6 }, (_, index) => ({ SecretIdList: arns.slice(index * 20, index * 20 + 20) })));
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    expect(result.values.map((value) => value.sourceName)).toEqual([...first, ...second]);
    expect(result.values.every((value) => value.reference === fetchOptions.references[0] && value.value === valueOf(value.sourceName))).toBe(true);
  });

  it('accepts an alias on a prefix that matches one secret', async () => {
    secrets.add('app/only');
    secrets.listPages = { '': { SecretList: [entry('app/only')] } };
    const result = await fetchSecrets(options('ONLY,app/*'), clients());
    expect(result.values.map((value) => [value.reference.alias, value.sourceName, value.value])).toEqual([['ONLY', 'app/only', valueOf('app/only')]]);
  });

  it('fails a prefix that matches nothing, as missing', async () => {
    secrets.listPages = { '': { SecretList: [entry('other/app/x')], NextToken: 't1' }, t1: { SecretList: [] } };
    const failure = { reference: 'app/*', reason: "no secret name starts with 'app/' in us-east-1", hints: [] };
    const error = await fetchFailure(options('app/*'));
    expect(error.failures).toEqual([failure]);
    expect(error.message).toBe("Failed to fetch 1 reference; nothing was exported:\n  - 'app/*': no secret name starts with 'app/' in us-east-1");
    expect(sm.commandCalls(BatchGetSecretValueCommand)).toHaveLength(0);

    const skipped = await fetchSecrets(options('app/*', { onMissing: 'skip' }), clients());
    expect(skipped).toEqual({ values: [], skipped: [failure], usedBatchFallback: false });
  });

  it('fails an alias on a prefix that matches two secrets, whatever on-missing says', async () => {
    secrets.add('app/a');
    secrets.add('app/b');
    secrets.listPages = { '': { SecretList: [entry('app/a'), entry('app/b')] } };
    const error = await fetchFailure(options('APP,app/*', { onMissing: 'skip' }));
    expect(error.failures).toEqual([
      {
        reference: 'APP,app/*',
        reason: "the alias 'APP' can name one secret, but 2 secrets start with 'app/'; drop the alias or narrow the prefix",
        hints: [],
      },
    ]);
  });

  it('hints at secretsmanager:ListSecrets when listing is denied', async () => {
    secrets.failList = () => accessDenied('secretsmanager:ListSecrets');
    const error = await fetchFailure(options('app/*', { onMissing: 'skip' }));
    expect(error.failures).toEqual([
      {
        reference: 'app/*',
        reason: `ListSecrets for prefix 'app/' in us-east-1 failed: AccessDeniedException: User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/gha is not authorized to perform: secretsmanager:ListSecrets`,
        hints: ['Prefix references need secretsmanager:ListSecrets, which IAM grants on Resource "*" only.'],
      },
    ]);
  });

  it('falls back to GetSecretValue for the matches when BatchGetSecretValue is denied', async () => {
    secrets.add('app/a');
    secrets.add('app/b');
    secrets.listPages = { '': { SecretList: [entry('app/a'), entry('app/b')] } };
    secrets.failBatch = () => bare403();
    const result = await fetchSecrets(options('app/*'), clients());
    expect(getInputs()).toEqual([
      { SecretId: secretArn('app/a'), VersionStage: 'AWSCURRENT' },
      { SecretId: secretArn('app/b'), VersionStage: 'AWSCURRENT' },
    ]);
    expect(result.usedBatchFallback).toBe(true);
    expect(sourcesAndValues(result)).toEqual([
      ['app/a', valueOf('app/a')],
      ['app/b', valueOf('app/b')],
    ]);
  });
});

describe('fetchSecrets Parameter Store names', () => {
  const getParametersInputs = (): GetParametersCommandInput[] => ssm.commandCalls(GetParametersCommand).map((call) => call.args[0].input);

  it.each([1, 10, 11, 25])('reads %i parameters with ⌈N/10⌉ GetParameters calls, decrypted', async (count) => {
    const parameterNames = names(count, '/app/p');
    for (const name of parameterNames) parameters.add(name, valueOf(name));

    const result = await fetchSecrets(options(parameterNames.map((name) => `ssm:${name}`).join('\n')), clients());

    expect(getParametersInputs()).toEqual(
      Array.from({ length: Math.ceil(count / 10) }, (_, index) => ({ Names: parameterNames.slice(index * 10, index * 10 + 10), WithDecryption: true })),
    );
    expect(sm.calls()).toHaveLength(0);
    expect(sourcesAndValues(result)).toEqual(parameterNames.map((name) => [`ssm:${name}`, valueOf(name)]));
    expect(result.values.map((value) => value.nameBase)).toEqual(parameterNames);
  });

  it('passes version and label selectors through and reports the version read', async () => {
    parameters.add('/app/db', [{ value: 'one' }, { value: 'two', labels: ['prod'] }, { value: 'three' }, { value: 'four' }]);
    parameters.add('/app/other', [{ value: 'other-1' }, { value: 'other-2', labels: ['stable'] }]);
    const result = await fetchSecrets(options('V3,ssm:/app/db:3\nPROD,ssm:/app/db:prod\nssm:/app/db\nSTABLE,ssm:/app/other:stable'), clients());

    // Answers are matched by name, so one call never asks for one parameter twice.
    expect(getParametersInputs()).toEqual([
      { Names: ['/app/db:3', '/app/other:stable'], WithDecryption: true },
      { Names: ['/app/db:prod'], WithDecryption: true },
      { Names: ['/app/db'], WithDecryption: true },
    ]);
    expect(result.values.map((value) => [value.reference.line, value.value, value.version, value.sourceName, value.nameBase])).toEqual([
      ['V3,ssm:/app/db:3', 'three', '3', 'ssm:/app/db', '/app/db'],
      ['PROD,ssm:/app/db:prod', 'two', '2 (prod)', 'ssm:/app/db', '/app/db'],
      ['ssm:/app/db', 'four', '4', 'ssm:/app/db', '/app/db'],
      ['STABLE,ssm:/app/other:stable', 'other-2', '2 (stable)', 'ssm:/app/other', '/app/other'],
    ]);
    expect(result.values.map((value) => [value.arn, value.createdDate])).toEqual([
      ...Array.from({ length: 3 }, () => [parameterArn('/app/db'), CREATED]),
      [parameterArn('/app/other'), CREATED],
    ]);
  });

  it('reads a parameter named twice once', async () => {
    parameters.add('/app/json', '{"a":"1","b":"2"}');
    const result = await fetchSecrets(options('ssm:/app/json#a\nssm:/app/json#b'), clients());
    expect(getParametersInputs()).toEqual([{ Names: ['/app/json'], WithDecryption: true }]);
    expect(result.values.map((value) => value.value)).toEqual(['1', '2']);
  });

  it('fails exactly the parameter SSM reports in InvalidParameters, as missing', async () => {
    parameters.add('/app/a', 'a-value');
    parameters.add('/app/c', 'c-value');
    const failure = { reference: 'ssm:/app/missing', reason: "no parameter '/app/missing' in us-east-1", hints: [PARAMETER_HINT] };

    const error = await fetchFailure(options('ssm:/app/a\nssm:/app/missing\nssm:/app/c'));
    expect(error.failures).toEqual([failure]);
    expect(everythingShown(error)).not.toContain('a-value');

    const result = await fetchSecrets(options('ssm:/app/a\nssm:/app/missing\nssm:/app/c', { onMissing: 'warn' }), clients());
    expect(sourcesAndValues(result)).toEqual([
      ['ssm:/app/a', 'a-value'],
      ['ssm:/app/c', 'c-value'],
    ]);
    expect(result.skipped).toEqual([failure]);
  });

  it('fails a version that does not exist as missing', async () => {
    parameters.add('/app/db', 'only-one');
    const error = await fetchFailure(options('ssm:/app/db:7'));
    expect(error.failures).toEqual([{ reference: 'ssm:/app/db:7', reason: "no parameter '/app/db:7' in us-east-1", hints: [PARAMETER_HINT] }]);
  });

  it('keeps a StringList value as one string and returns a String as it is', async () => {
    parameters.add('/app/hosts', 'a.example,b.example,c.example', { type: 'StringList' });
    parameters.add('/app/plain', 'plain text', { type: 'String' });
    const result = await fetchSecrets(options('ssm:/app/hosts\nssm:/app/plain'), clients());
    expect(sourcesAndValues(result)).toEqual([
      ['ssm:/app/hosts', 'a.example,b.example,c.example'],
      ['ssm:/app/plain', 'plain text'],
    ]);
  });

  it('reads a parameter by ARN from the ARN region', async () => {
    parameters.add('/app/db', 'eu-value', { region: 'eu-west-1' });
    parameters.add('/app/db', 'us-value');
    const arn = parameterArn('/app/db', 'eu-west-1');
    const result = await fetchSecrets(options(`ssm:${arn}\nssm:${arn}:1\nssm:/app/db`), clients());
    expect(getParametersInputs()).toEqual([
      { Names: [arn], WithDecryption: true },
      { Names: [`${arn}:1`], WithDecryption: true },
      { Names: ['/app/db'], WithDecryption: true },
    ]);
    expect(parameters.regions).toEqual([
      ['GetParameters', 'eu-west-1'],
      ['GetParameters', 'eu-west-1'],
      ['GetParameters', 'us-east-1'],
    ]);
    expect(result.values.map((value) => value.value)).toEqual(['eu-value', 'eu-value', 'us-value']);
  });

  it('hints at ssm:GetParameters and kms:Decrypt when GetParameters is denied, failing every name of the call even with on-missing skip', async () => {
    parameters.add('/app/a', 'a-value');
    parameters.failGetParameters = () => accessDenied('ssm:GetParameters');
    const error = await fetchFailure(options('ssm:/app/a\nssm:/app/b', { onMissing: 'skip' }));
    expect(error.failures).toEqual(
      ['/app/a', '/app/b'].map((name) => ({
        reference: `ssm:${name}`,
        reason: `GetParameters for parameter '${name}' in us-east-1 failed: AccessDeniedException: User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/gha is not authorized to perform: ssm:GetParameters`,
        hints: [
          'The role needs ssm:GetParameters on this parameter.',
          'A SecureString encrypted with a customer-managed KMS key also needs kms:Decrypt on that key.',
        ],
      })),
    );
  });
});

describe('fetchSecrets Parameter Store paths', () => {
  const byPathInputs = (): GetParametersByPathCommandInput[] => ssm.commandCalls(GetParametersByPathCommand).map((call) => call.args[0].input);
  const query = { Recursive: true, WithDecryption: true, MaxResults: 10 };

  it('pages GetParametersByPath to the end, sending the path without its trailing slash, and names values below the path', async () => {
    const below = names(23, 'p');
    for (const name of below) parameters.add(`/app/prod/${name}`, valueOf(name));
    parameters.add('/app/prod/db/password', 'pw');
    parameters.add('/app/production/not-below', 'no');
    parameters.add('/app/other', 'no');

    const fetchOptions = options('ssm:/app/prod/*');
    const result = await fetchSecrets(fetchOptions, clients());

    expect(byPathInputs()).toEqual([
      { Path: '/app/prod', ...query },
      { Path: '/app/prod', ...query, NextToken: 'page-10' },
      { Path: '/app/prod', ...query, NextToken: 'page-20' },
    ]);
    expect(ssm.commandCalls(GetParametersCommand)).toHaveLength(0);
    expect(result.values.map((value) => [value.nameBase, value.sourceName, value.value])).toEqual([
      ...below.map((name) => [name, `ssm:/app/prod/${name}`, valueOf(name)]),
      ['db/password', 'ssm:/app/prod/db/password', 'pw'],
    ]);
    expect(result.values.every((value) => value.reference === fetchOptions.references[0])).toBe(true);
  });

  it('reads the root path as / and names values without the leading slash', async () => {
    parameters.add('/a', 'a-value');
    parameters.add('/x/y', 'y-value');
    const result = await fetchSecrets(options('ssm:/*'), clients());
    expect(byPathInputs()).toEqual([{ Path: '/', ...query }]);
    expect(result.values.map((value) => [value.nameBase, value.value])).toEqual([
      ['a', 'a-value'],
      ['x/y', 'y-value'],
    ]);
  });

  it('pages past empty pages that carry a NextToken', async () => {
    parameters.emptyPagesFirst = 2;
    parameters.add('/app/only', 'only-value');
    const result = await fetchSecrets(options('ssm:/app/*'), clients());
    expect(byPathInputs()).toEqual([
      { Path: '/app', ...query },
      { Path: '/app', ...query, NextToken: 'empty-1' },
      { Path: '/app', ...query, NextToken: 'empty-2' },
    ]);
    expect(sourcesAndValues(result)).toEqual([['ssm:/app/only', 'only-value']]);
  });

  it('fails a path with no parameter below it, as missing', async () => {
    parameters.emptyPagesFirst = 1;
    const failure = { reference: 'ssm:/app/prod/*', reason: "no parameter below '/app/prod/' in us-east-1", hints: [] };
    const error = await fetchFailure(options('ssm:/app/prod/*'));
    expect(error.failures).toEqual([failure]);
    const result = await fetchSecrets(options('ssm:/app/prod/*', { onMissing: 'skip' }), clients());
    expect(result).toEqual({ values: [], skipped: [failure], usedBatchFallback: false });
  });

  it('hints at ssm:GetParametersByPath when it is denied, even with on-missing skip', async () => {
    parameters.failByPath = () => accessDenied('ssm:GetParametersByPath');
    const error = await fetchFailure(options('ssm:/app/*', { onMissing: 'skip' }));
    expect(error.failures).toEqual([
      {
        reference: 'ssm:/app/*',
        reason: `GetParametersByPath for path '/app/' in us-east-1 failed: AccessDeniedException: User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/gha is not authorized to perform: ssm:GetParametersByPath`,
        hints: [
          'The role needs ssm:GetParametersByPath on this path.',
          'A SecureString encrypted with a customer-managed KMS key also needs kms:Decrypt on that key.',
        ],
      },
    ]);
  });
});

describe('fetchSecrets loads Parameter Store only when needed', () => {
  it('never calls the loader without an ssm: reference', async () => {
    secrets.add('prod/db');
    secrets.add('app/a');
    secrets.listPages = { '': { SecretList: [{ Name: 'app/a', ARN: secretArn('app/a') }] } };
    const fetchClients = clients();
    await fetchSecrets(options('prod/db\nprod/db?stage=AWSCURRENT\napp/*'), fetchClients);
    expect(fetchClients.loadParameterStore).toHaveBeenCalledTimes(0);
    expect(ssm.calls()).toHaveLength(0);
  });

  it('calls the loader once for names in two regions and a path', async () => {
    parameters.add('/app/a', 'a');
    parameters.add('/app/b', 'b', { region: 'eu-west-1' });
    parameters.add('/cfg/x', 'x');
    const fetchClients = clients();
    const result = await fetchSecrets(options(`ssm:/app/a\nssm:${parameterArn('/app/b', 'eu-west-1')}\nssm:/cfg/*`), fetchClients);
    expect(fetchClients.loadParameterStore).toHaveBeenCalledTimes(1);
    expect(result.values.map((value) => value.value)).toEqual(['a', 'b', 'x']);
    expect(sm.calls()).toHaveLength(0);
  });
});

describe('fetchSecrets on-missing', () => {
  const refs = ['prod/a', 'prod/missing', 'ssm:/app/missing', 'prod/json#nokey', 'ghost/*', 'ssm:/empty/*', 'ssm:/app/a'].join('\n');
  const missing: ReferenceFailure[] = [
    {
      reference: 'prod/missing',
      reason: "BatchGetSecretValue for secret 'prod/missing' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
      hints: [NOT_FOUND_HINT],
    },
    { reference: 'ssm:/app/missing', reason: "no parameter '/app/missing' in us-east-1", hints: [PARAMETER_HINT] },
    { reference: 'prod/json#nokey', reason: "the key 'nokey' is not in 'prod/json'", hints: [] },
    { reference: 'ghost/*', reason: "no secret name starts with 'ghost/' in us-east-1", hints: [] },
    { reference: 'ssm:/empty/*', reason: "no parameter below '/empty/' in us-east-1", hints: [] },
  ];

  beforeEach(() => {
    secrets.add('prod/a', 'secret-a-value');
    secrets.add('prod/json', '{"key":"json-key-value"}');
    parameters.add('/app/a', 'parameter-a-value');
    secrets.listPages = { '': { SecretList: [] } };
  });

  it('fails with every failure listed in input order under fail', async () => {
    const error = await fetchFailure(options(refs));
    expect(error.failures).toEqual(missing);
    expect(error.message.split('\n')).toEqual([
      'Failed to fetch 5 references; nothing was exported:',
      ...missing.map((failure) => `  - '${failure.reference}': ${failure.reason}`),
    ]);
    for (const value of ['secret-a-value', 'json-key-value', 'parameter-a-value']) expect(everythingShown(error)).not.toContain(value);
  });

  it.each<OnMissing>(['warn', 'skip'])('returns the other values and what was skipped, in input order, under %s', async (onMissing) => {
    const result = await fetchSecrets(options(refs, { onMissing }), clients());
    expect(result.values.map((value) => [value.reference.line, value.value])).toEqual([
      ['prod/a', 'secret-a-value'],
      ['ssm:/app/a', 'parameter-a-value'],
    ]);
    expect(result.skipped).toEqual(missing);
  });

  it.each<OnMissing>(['fail', 'warn', 'skip'])('fails on a denial under %s, listing the missing references too', async (onMissing) => {
    secrets.failGet = () => accessDenied('secretsmanager:GetSecretValue');
    const error = await fetchFailure(options(`${refs}\nprod/a?stage=AWSPREVIOUS`, { onMissing }));
    expect(error.failures.map((failure) => failure.reference)).toEqual([...missing.map((failure) => failure.reference), 'prod/a?stage=AWSPREVIOUS']);
    expect(error.failures.at(-1)!.hints).toEqual(GET_SECRET_HINTS);
  });
});

describe('fetchSecrets key selection', () => {
  const SECRET = '{"user":"app-user","password":"s3cr3t-pw","db":{"port":5432,"hosts":["h1","h2"],"tls":{"ca":"pem-text"}},"a/b":{"c~d":"escaped"}}';

  it('selects top-level keys, pointers, array items and escaped tokens; non-strings as JSON text', async () => {
    secrets.add('prod/db', SECRET);
    const result = await fetchSecrets(
      options('prod/db#password\nprod/db#/db/port\nprod/db#/db/hosts/1\nprod/db#/db/hosts\nprod/db#/db/tls\nprod/db#/a~1b/c~0d'),
      clients(),
    );
    expect(batchInputs()).toEqual([{ SecretIdList: ['prod/db'] }]);
    expect(result.values.map((value) => [value.reference.line, value.value])).toEqual([
      ['prod/db#password', 's3cr3t-pw'],
      ['prod/db#/db/port', '5432'],
      ['prod/db#/db/hosts/1', 'h2'],
      ['prod/db#/db/hosts', '["h1","h2"]'],
      ['prod/db#/db/tls', '{"ca":"pem-text"}'],
      ['prod/db#/a~1b/c~0d', 'escaped'],
    ]);
  });

  it.each([
    { line: 'prod/db#token', reason: "the key 'token' is not in 'prod/db'" },
    { line: 'prod/db#/db/password', reason: "the key '/db/password' is not in 'prod/db'" },
    { line: 'prod/db#/db/hosts/2', reason: "the key '/db/hosts/2' is not in 'prod/db'" },
    { line: 'prod/db#/user/first', reason: "the key '/user/first' is not in 'prod/db'" },
    { line: 'prod/db#/a~1b/x~0y', reason: "the key '/a~1b/x~0y' is not in 'prod/db'" },
  ])('fails a missing key as missing, naming the key and never the value: $line', async ({ line, reason }) => {
    secrets.add('prod/db', SECRET);
    const error = await fetchFailure(options(line));
    expect(error.failures).toEqual([{ reference: line, reason, hints: [] }]);
    for (const value of ['app-user', 's3cr3t-pw', 'pem-text', '5432', 'h1']) expect(everythingShown(error)).not.toContain(value);

    const result = await fetchSecrets(options(`${line}\nprod/db#user`, { onMissing: 'skip' }), clients());
    expect(result.values.map((value) => value.value)).toEqual(['app-user']);
    expect(result.skipped).toEqual([{ reference: line, reason, hints: [] }]);
  });

  it('fails a key on a value that is not JSON, whatever on-missing says, without showing the value', async () => {
    secrets.add('prod/plain', 'plain-not-json-value');
    parameters.add('/app/plain', 'parameter-not-json-value', { type: 'String' });
    const error = await fetchFailure(options('prod/plain#password\nssm:/app/plain#/a/b', { onMissing: 'skip' }));
    expect(error.failures).toEqual([
      { reference: 'prod/plain#password', reason: "'prod/plain' is not JSON, so the key 'password' cannot be selected", hints: [] },
      { reference: 'ssm:/app/plain#/a/b', reason: "'ssm:/app/plain' is not JSON, so the key '/a/b' cannot be selected", hints: [] },
    ]);
    expect(everythingShown(error)).not.toContain('plain-not-json-value');
    expect(everythingShown(error)).not.toContain('parameter-not-json-value');
  });

  it('selects a key inside a parameter', async () => {
    parameters.add('/app/json', '{"password":"from-ssm"}');
    const result = await fetchSecrets(options('PW,ssm:/app/json#password'), clients());
    expect(result.values.map((value) => [value.sourceName, value.value])).toEqual([['ssm:/app/json', 'from-ssm']]);
  });

  it('reports a missing secret, not its key, when the secret itself is missing', async () => {
    const error = await fetchFailure(options('prod/none#password'));
    expect(error.failures).toEqual([
      {
        reference: 'prod/none#password',
        reason: "BatchGetSecretValue for secret 'prod/none' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
        hints: [NOT_FOUND_HINT],
      },
    ]);
  });
});

describe('fetchSecrets regions', () => {
  it('refuses a reference with no region before making any call', async () => {
    secrets.add('prod/db');
    const fetchClients = clients();
    const refs = `${secretArn('eu/db', 'eu-west-1')}\nssm:${parameterArn('/app/x', 'eu-west-1')}\nssm:/app/db\nprod/db`;
    const error = await rejection(fetchSecrets(options(refs, { defaultRegion: undefined }), fetchClients));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty(
      'message',
      "No region for reference 'ssm:/app/db': set the 'aws-region' input (or AWS_REGION), or refer to the secret by ARN.",
    );
    expect(sm.calls()).toHaveLength(0);
    expect(ssm.calls()).toHaveLength(0);
    expect(fetchClients.loadParameterStore).toHaveBeenCalledTimes(0);
  });

  it('reads references by ARN without a default region', async () => {
    secrets.add('eu/db', 'eu-value', { region: 'eu-west-1' });
    parameters.add('/app/x', 'x-value', { region: 'eu-central-1' });
    const result = await fetchSecrets(options(`${secretArn('eu/db', 'eu-west-1')}\nssm:${parameterArn('/app/x', 'eu-central-1')}`, { defaultRegion: undefined }), clients());
    expect(result.values.map((value) => value.value)).toEqual(['eu-value', 'x-value']);
    expect([...secrets.regions, ...parameters.regions]).toEqual([
      ['BatchGetSecretValue', 'eu-west-1'],
      ['GetParameters', 'eu-central-1'],
    ]);
  });
});

describe('fetchSecrets concurrency', () => {
  it('never has more calls in flight than the concurrency, across services', async () => {
    const ids = names(100);
    for (const id of ids) secrets.add(id, valueOf(id), { previous: `old-${id}` });
    const parameterNames = names(25, '/app/p');
    for (const name of parameterNames) parameters.add(name, valueOf(name));
    for (const name of names(25, '/tree/t')) parameters.add(name, valueOf(name));
    const refs = [
      ...ids,
      `OLD1,${ids[0]!}?stage=AWSPREVIOUS`,
      `OLD2,${ids[1]!}?stage=AWSPREVIOUS`,
      ...parameterNames.map((name) => `ssm:${name}`),
      'ssm:/tree/*',
    ].join('\n');

    const result = await fetchSecrets(options(refs, { concurrency: 2 }), clients());

    expect(flight.max).toBe(2);
    expect(sm.commandCalls(BatchGetSecretValueCommand)).toHaveLength(5);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(ssm.commandCalls(GetParametersCommand)).toHaveLength(3);
    expect(ssm.commandCalls(GetParametersByPathCommand)).toHaveLength(3);
    expect(result.values).toHaveLength(100 + 2 + 25 + 25);
  });

  it('runs up to 16 calls at once by default', async () => {
    const ids = names(400);
    for (const id of ids) secrets.add(id);
    const result = await fetchSecrets(options(ids.join('\n')), clients());
    expect(sm.commandCalls(BatchGetSecretValueCommand)).toHaveLength(20);
    expect(flight.max).toBe(16);
    expect(result.values).toHaveLength(400);
  });
});

describe('fetchSecrets never puts a value in an error', () => {
  it('keeps every value used out of the message, the hints and the failures', async () => {
    const [ok, json, previous, okParameter, pathParameter, notJson] = [
      'ok-secret-value',
      'json-secret-value',
      'previous-secret-value',
      'ok-parameter-value',
      'path-parameter-value',
      'not-json-value',
    ] as const;
    const values = [ok, json, previous, okParameter, pathParameter, notJson];
    secrets.add('prod/ok', ok);
    secrets.add('prod/json', `{"present":"${json}"}`, { previous });
    secrets.add('prod/plain', notJson);
    parameters.add('/app/ok', okParameter);
    parameters.add('/tree/x', pathParameter);
    const refs = ['prod/ok', 'prod/json#absent', 'prod/json?stage=AWSPREVIOUS#/absent', 'prod/plain#key', 'ssm:/app/ok#absent', 'ssm:/tree/*', 'prod/gone'].join('\n');

    const error = await fetchFailure(options(refs, { onMissing: 'skip' }));

    expect(error.failures.map((failure) => failure.reference)).toEqual([
      'prod/json#absent',
      'prod/json?stage=AWSPREVIOUS#/absent',
      'prod/plain#key',
      'ssm:/app/ok#absent',
      'prod/gone',
    ]);
    for (const value of values) expect(everythingShown(error)).not.toContain(value);
  });
});
