import {
  GetSecretValueCommand,
  ListSecretsCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  type GetSecretValueCommandInput,
  type GetSecretValueCommandOutput,
  type ListSecretsCommandInput,
  type ListSecretsCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { BinaryEncoding } from './binary-encoding.js';
import { ConfigurationError, describeError, SecretsFetchError } from './errors.js';
import { fetchSecrets, type FetchOptions, type FetchedSecret } from './fetch-secrets.js';
import { parseSecretReferences } from './references.js';

const sm = mockClient(SecretsManagerClient);

beforeEach(() => {
  sm.reset();
});

afterAll(() => {
  sm.restore();
});

const ACCOUNT = '123456789012';
const arnOf = (name: string, region = 'us-east-1', partition = 'aws'): string =>
  `arn:${partition}:secretsmanager:${region}:${ACCOUNT}:secret:${name}-AbCdEf`;
const valueOf = (name: string): string => `value-of-${name}`;

const NOT_FOUND_HINT = "The secret is looked up in region 'us-east-1': give its ARN or set 'aws-region' if it lives elsewhere.";

function notFound(): ResourceNotFoundException {
  return new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: { httpStatusCode: 400 } });
}

function accessDenied(operation: string): Error {
  return Object.assign(new Error(`User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/gha is not authorized to perform: secretsmanager:${operation}`), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 400 },
  });
}

/** What an emulator behind a proxy sends on a denial: a bare 403 the SDK cannot parse. */
function bare403(): Error {
  return Object.assign(new Error('UnknownError'), { name: 'Unknown', $metadata: { httpStatusCode: 403 } });
}

/** A `clientFor` that builds one client per call and remembers which region each was for. */
function regionalClients(): { clientFor: (region: string) => SecretsManagerClient; asked: string[]; regionOf: Map<object, string> } {
  const asked: string[] = [];
  const regionOf = new Map<object, string>();
  return {
    asked,
    regionOf,
    clientFor: (region) => {
      asked.push(region);
      const client = new SecretsManagerClient({ region });
      regionOf.set(client, region);
      return client;
    },
  };
}

type Stored = Partial<GetSecretValueCommandOutput> | Error;

/**
 * Answers GetSecretValue from `store`, keyed by SecretId; a missing key is
 * ResourceNotFoundException. By default a secret is stored under its name and
 * its ARN, holding `valueOf(name)`.
 */
function serveSecrets(store: Record<string, Stored>, delayMs: Record<string, number> = {}): void {
  sm.on(GetSecretValueCommand).callsFake((input: GetSecretValueCommandInput) => {
    const id = input.SecretId ?? '';
    const entry = store[id] ?? notFound();
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (entry instanceof Error) reject(entry);
        else resolve(entry);
      }, delayMs[id] ?? 0);
    });
  });
}

function stored(...names: string[]): Record<string, Stored> {
  const store: Record<string, Stored> = {};
  for (const name of names) {
    const entry = { Name: name, ARN: arnOf(name), SecretString: valueOf(name) };
    store[name] = entry;
    store[arnOf(name)] = entry;
  }
  return store;
}

function options(secretIds: string, overrides: Partial<FetchOptions> = {}): FetchOptions {
  return {
    references: parseSecretReferences(secretIds, 'uppercase'),
    defaultRegion: 'us-east-1',
    binaryEncoding: 'utf8',
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
  const error = await rejection(fetchSecrets(fetchOptions, regionalClients().clientFor));
  expect(error).toBeInstanceOf(SecretsFetchError);
  return error as SecretsFetchError;
}

describe('fetchSecrets by name and ARN', () => {
  it('reads each explicit reference with one GetSecretValue call for AWSCURRENT', async () => {
    serveSecrets(stored('prod/db', 'prod/api', 'prod/arn'));
    const fetchOptions = options(`prod/db\nAPI,prod/api\n${arnOf('prod/arn')}`);
    const secrets = await fetchSecrets(fetchOptions, regionalClients().clientFor);

    expect(sm.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: 'prod/db', VersionStage: 'AWSCURRENT' },
      { SecretId: 'prod/api', VersionStage: 'AWSCURRENT' },
      { SecretId: arnOf('prod/arn'), VersionStage: 'AWSCURRENT' },
    ]);
    expect(sm.commandCalls(ListSecretsCommand)).toHaveLength(0);
    expect(secrets).toEqual<FetchedSecret[]>([
      { reference: fetchOptions.references[0]!, name: 'prod/db', arn: arnOf('prod/db'), value: valueOf('prod/db') },
      { reference: fetchOptions.references[1]!, name: 'prod/api', arn: arnOf('prod/api'), value: valueOf('prod/api') },
      { reference: fetchOptions.references[2]!, name: 'prod/arn', arn: arnOf('prod/arn'), value: valueOf('prod/arn') },
    ]);
  });

  it('fetches a reference by ARN from the ARN region and the others from the default region', async () => {
    const eu = arnOf('eu/db', 'eu-west-1');
    const cn = arnOf('cn/db', 'cn-north-1', 'aws-cn');
    const calls: Array<[string, string | undefined]> = [];
    const { clientFor, asked, regionOf } = regionalClients();
    sm.on(GetSecretValueCommand).callsFake((input: GetSecretValueCommandInput, getClient: () => object) => {
      calls.push([input.SecretId ?? '', regionOf.get(getClient())]);
      return Promise.resolve({ Name: 'x', ARN: input.SecretId, SecretString: 'v' });
    });

    await fetchSecrets(options(`prod/db\n${eu}\n${cn}`), clientFor);

    expect(calls).toEqual([
      ['prod/db', 'us-east-1'],
      [eu, 'eu-west-1'],
      [cn, 'cn-north-1'],
    ]);
    expect(asked).toEqual(['us-east-1', 'eu-west-1', 'cn-north-1']);
  });

  it('refuses a reference with no region before making any call', async () => {
    serveSecrets(stored('prod/db'));
    const { clientFor, asked } = regionalClients();
    const error = await rejection(fetchSecrets(options(`${arnOf('eu/db', 'eu-west-1')}\nprod/db`, { defaultRegion: undefined }), clientFor));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty(
      'message',
      "No region for reference 'prod/db': set the 'aws-region' input (or AWS_REGION), or refer to the secret by ARN.",
    );
    expect(sm.calls()).toHaveLength(0);
    expect(asked).toEqual([]);
  });

  it('treats an empty SecretString as a value, not as a missing secret', async () => {
    serveSecrets({ 'prod/empty': { Name: 'prod/empty', ARN: arnOf('prod/empty'), SecretString: '' } });
    const secrets = await fetchSecrets(options('prod/empty'), regionalClients().clientFor);
    expect(secrets.map((secret) => [secret.name, secret.value])).toEqual([['prod/empty', '']]);
  });

  it('fails a secret whose AWSCURRENT version holds no value', async () => {
    serveSecrets({ 'prod/novalue': { Name: 'prod/novalue', ARN: arnOf('prod/novalue') } });
    const error = await fetchFailure(options('prod/novalue'));
    expect(error.failures).toEqual([
      { reference: 'prod/novalue', reason: "the secret 'prod/novalue' has no value in its AWSCURRENT version", hints: [] },
    ]);
  });

  it('never has more GetSecretValue calls in flight than the concurrency limit', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    sm.on(GetSecretValueCommand).callsFake(async (input: GetSecretValueCommandInput) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return { Name: input.SecretId, ARN: arnOf(input.SecretId ?? ''), SecretString: 'v' };
    });
    const secrets = await fetchSecrets(options('a\nb\nc\nd\ne\nf\ng', { concurrency: 3 }), regionalClients().clientFor);
    expect(secrets.map((secret) => secret.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(maxInFlight).toBe(3);
  });
});

describe('fetchSecrets binary secrets', () => {
  const bytes = new Uint8Array([0x68, 0xc3, 0xa9, 0x00, 0x0a]);

  it.each<{ encoding: BinaryEncoding; expected: string }>([
    { encoding: 'utf8', expected: 'hé\u0000\n' },
    { encoding: 'base64', expected: 'aMOpAAo=' },
    { encoding: 'hex', expected: '68c3a9000a' },
  ])('decodes a binary secret as $encoding', async ({ encoding, expected }) => {
    serveSecrets({ 'certs/blob': { Name: 'certs/blob', ARN: arnOf('certs/blob'), SecretBinary: bytes } });
    const secrets = await fetchSecrets(options('certs/blob', { binaryEncoding: encoding }), regionalClients().clientFor);
    expect(secrets.map((secret) => secret.value)).toEqual([expected]);
  });

  it('fails a binary secret that is not valid UTF-8, naming binary-encoding and not the bytes', async () => {
    const invalid = new Uint8Array([0x6b, 0x65, 0x79, 0xff, 0xfe]);
    serveSecrets({ ...stored('prod/ok'), 'certs/key': { Name: 'certs/key', ARN: arnOf('certs/key'), SecretBinary: invalid } });
    const error = await fetchFailure(options('prod/ok\ncerts/key'));
    expect(error.failures).toEqual([
      {
        reference: 'certs/key',
        reason: "the binary secret 'certs/key' is not valid UTF-8; set the input 'binary-encoding' to base64 or hex to export its bytes",
        hints: [],
      },
    ]);
    expect(error.message).not.toContain(Buffer.from(invalid).toString('hex'));
    expect(error.message).not.toContain(Buffer.from(invalid).toString('base64'));
    expect(error.message).not.toContain(valueOf('prod/ok'));
  });
});

describe('fetchSecrets prefixes', () => {
  /** Pages of ListSecrets keyed by the NextToken that asks for them ('' for the first). */
  function servePages(pages: Record<string, Partial<ListSecretsCommandOutput>>): void {
    sm.on(ListSecretsCommand).callsFake((input: ListSecretsCommandInput) => Promise.resolve(pages[input.NextToken ?? ''] ?? {}));
  }
  const entry = (name: string): { Name: string; ARN: string } => ({ Name: name, ARN: arnOf(name) });

  it('pages ListSecrets to the end through empty pages, past 100 matches, keeping true prefixes only', async () => {
    const first = Array.from({ length: 60 }, (_, i) => `app/${String(i).padStart(3, '0')}`);
    const second = Array.from({ length: 45 }, (_, i) => `app/${String(i + 60).padStart(3, '0')}`);
    servePages({
      '': { SecretList: [], NextToken: 't1' },
      t1: { SecretList: [...first.map(entry), entry('other/app/x'), { Name: 'app/no-arn' }], NextToken: 't2' },
      t2: { SecretList: [], NextToken: 't3' },
      t3: { SecretList: [entry('apps-not-a-match'), ...second.map(entry)] },
    });
    serveSecrets(stored(...first, ...second, 'other/app/x', 'apps-not-a-match'));

    const fetchOptions = options('app/*');
    const secrets = await fetchSecrets(fetchOptions, regionalClients().clientFor);

    const filter = { Filters: [{ Key: 'name', Values: ['app/'] }], MaxResults: 100 };
    expect(sm.commandCalls(ListSecretsCommand).map((call) => call.args[0].input)).toEqual([
      filter,
      { ...filter, NextToken: 't1' },
      { ...filter, NextToken: 't2' },
      { ...filter, NextToken: 't3' },
    ]);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(105);
    expect(secrets).toHaveLength(105);
    expect(secrets.map((secret) => secret.name)).toEqual([...first, ...second]);
    expect(secrets.every((secret) => secret.reference === fetchOptions.references[0])).toBe(true);
    expect(sm.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input.SecretId)).not.toContain(arnOf('other/app/x'));
  });

  it('accepts an alias on a prefix that matches one secret', async () => {
    servePages({ '': { SecretList: [entry('app/only')] } });
    serveSecrets(stored('app/only'));
    const secrets = await fetchSecrets(options('ONLY,app/*'), regionalClients().clientFor);
    expect(secrets.map((secret) => [secret.reference.alias, secret.name, secret.value])).toEqual([['ONLY', 'app/only', valueOf('app/only')]]);
  });

  it('fails a prefix that matches nothing, naming the reference', async () => {
    servePages({ '': { SecretList: [entry('other/app/x')], NextToken: 't1' }, t1: { SecretList: [] } });
    const error = await fetchFailure(options('app/*'));
    expect(error.failures).toEqual([{ reference: 'app/*', reason: "no secret name starts with 'app/' in us-east-1", hints: [] }]);
    expect(error.message).toBe("Failed to fetch 1 reference; nothing was exported:\n  - 'app/*': no secret name starts with 'app/' in us-east-1");
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('fails an alias on a prefix that matches two secrets', async () => {
    servePages({ '': { SecretList: [entry('app/a'), entry('app/b')] } });
    serveSecrets(stored('app/a', 'app/b'));
    const error = await fetchFailure(options('APP,app/*'));
    expect(error.failures).toEqual([
      {
        reference: 'APP,app/*',
        reason: "the alias 'APP' can name one secret, but 2 secrets start with 'app/'; drop the alias or narrow the prefix",
        hints: [],
      },
    ]);
  });

  it('hints at secretsmanager:ListSecrets when listing is denied', async () => {
    sm.on(ListSecretsCommand).rejects(accessDenied('ListSecrets'));
    const error = await fetchFailure(options('app/*'));
    expect(error.failures).toHaveLength(1);
    expect(error.failures[0]!.reason).toBe(
      `ListSecrets for prefix 'app/' in us-east-1 failed: AccessDeniedException: User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/gha is not authorized to perform: secretsmanager:ListSecrets`,
    );
    expect(error.failures[0]!.hints).toEqual(['Prefix references need secretsmanager:ListSecrets, which IAM grants on Resource "*" only.']);
  });
});

describe('fetchSecrets failures', () => {
  it('lists exactly the one missing secret among three, with its hint, and returns nothing', async () => {
    serveSecrets(stored('prod/a', 'prod/c'));
    const error = await fetchFailure(options('prod/a\nprod/missing\nprod/c'));

    expect(error.failures).toEqual([
      {
        reference: 'prod/missing',
        reason: "GetSecretValue for secret 'prod/missing' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
        hints: [NOT_FOUND_HINT],
      },
    ]);
    expect(error.message).toBe(
      "Failed to fetch 1 reference; nothing was exported:\n  - 'prod/missing': GetSecretValue for secret 'prod/missing' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
    );
    expect(describeError(error)).toBe(`${error.message}\nThings to check:\n  - ${NOT_FOUND_HINT}`);
    // Every call settled before the verdict: the other two were read, and their values are nowhere in the error.
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(3);
    for (const value of [valueOf('prod/a'), valueOf('prod/c')]) {
      expect(describeError(error)).not.toContain(value);
    }
  });

  it('lists failures in input order, whatever order they happen in', async () => {
    sm.on(ListSecretsCommand).resolves({ SecretList: [] });
    serveSecrets({ ...stored('first'), denied: accessDenied('GetSecretValue') }, { 'slow/missing': 30 });
    const error = await fetchFailure(options('first\nslow/missing\nghost/*\ndenied'));
    expect(error.failures.map((failure) => failure.reference)).toEqual(['slow/missing', 'ghost/*', 'denied']);
    expect(error.message.split('\n')[0]).toBe('Failed to fetch 3 references; nothing was exported:');
    expect(error.message).not.toContain(valueOf('first'));
  });

  it.each([
    { name: 'AccessDeniedException', error: accessDenied('GetSecretValue') },
    { name: 'a bare HTTP 403', error: bare403() },
  ])('hints at secretsmanager:GetSecretValue and kms:Decrypt on $name', async ({ error: denial }) => {
    serveSecrets({ 'prod/locked': denial });
    const error = await fetchFailure(options('prod/locked'));
    expect(error.failures[0]!.hints).toEqual([
      'The role needs secretsmanager:GetSecretValue on this secret (a resource policy on the secret can also deny it).',
      'A secret encrypted with a customer-managed KMS key also needs kms:Decrypt on that key.',
    ]);
    expect(describeError(error)).toContain('secretsmanager:GetSecretValue');
    expect(describeError(error)).toContain('kms:Decrypt');
  });

  it('says which failure a bare 403 was', async () => {
    serveSecrets({ 'prod/locked': bare403() });
    const error = await fetchFailure(options('prod/locked'));
    expect(error.failures[0]!.reason).toBe("GetSecretValue for secret 'prod/locked' in us-east-1 failed: Unknown: UnknownError");
  });

  it('neutralises an AWS message that carries a workflow command', async () => {
    serveSecrets({
      'prod/odd': Object.assign(new Error('bad\n::add-mask::x'), { name: 'InvalidRequestException', $metadata: { httpStatusCode: 400 } }),
    });
    const error = await fetchFailure(options('prod/odd'));
    expect(error.failures[0]!.reason).toBe("GetSecretValue for secret 'prod/odd' in us-east-1 failed: InvalidRequestException: bad\\n::add-mask::x");
  });
});
