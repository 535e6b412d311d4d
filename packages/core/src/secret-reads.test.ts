import {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
  type ListSecretsCommandInput,
  type ListSecretsCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLimiter } from './concurrency.js';
import type { Limit, ReadOutcome } from './fetch-types.js';
import { listSecretsWithPrefix, readCurrentSecrets, readPinnedSecret, SECRETS_PER_BATCH, type BatchFallback } from './secret-reads.js';

const sm = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'us-east-1' });
const REGION = 'us-east-1';
const CREATED = new Date('2026-01-02T03:04:05.000Z');
const arnOf = (name: string, suffix = 'AbCdEf'): string => `arn:aws:secretsmanager:${REGION}:123456789012:secret:${name}-${suffix}`;
const partialArnOf = (name: string): string => `arn:aws:secretsmanager:${REGION}:123456789012:secret:${name}`;

beforeEach(() => {
  sm.reset();
});

afterAll(() => {
  sm.restore();
});

/** A limiter that counts the calls it let through. */
function countingLimit(): { limit: Limit; count: () => number } {
  const inner = createLimiter(4);
  let count = 0;
  return {
    count: () => count,
    limit: (task) => {
      count++;
      return inner(task);
    },
  };
}

function accessDenied(): Error {
  return Object.assign(new Error('not authorized to perform: secretsmanager:BatchGetSecretValue'), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 400 },
  });
}

const valuesOf = (outcomes: Map<string, ReadOutcome>): Array<[string, string[] | string]> =>
  [...outcomes].map(([id, outcome]) => [id, 'failure' in outcome ? outcome.failure.reason : outcome.values.map((value) => value.value)]);

describe('readCurrentSecrets', () => {
  it('batches 20 ids per call', () => {
    expect(SECRETS_PER_BATCH).toBe(20);
  });

  it('makes no call for no ids', async () => {
    const fallback: BatchFallback = { used: false };
    const outcomes = await readCurrentSecrets(client, REGION, [], 'utf8', createLimiter(2), fallback);
    expect(outcomes.size).toBe(0);
    expect(sm.calls()).toHaveLength(0);
    expect(fallback.used).toBe(false);
  });

  it('never answers a partial ARN with a secret whose name only starts with that name', async () => {
    // `prod/db` and `prod/db-extra` share a prefix: the partial ARN of prod/db must
    // match the ARN of prod/db (its name plus a 6-character suffix) and nothing longer.
    sm.on(BatchGetSecretValueCommand).resolves({
      SecretValues: [
        { Name: 'prod/db-extra', ARN: arnOf('prod/db-extra', 'XyZ123'), SecretString: 'extra-value', VersionId: 'v-extra' },
        { Name: 'prod/db', ARN: arnOf('prod/db'), SecretString: 'db-value', VersionId: 'v-db' },
      ],
    });
    const outcomes = await readCurrentSecrets(client, REGION, [partialArnOf('prod/db'), 'prod/db-extra'], 'utf8', createLimiter(2), { used: false });
    expect(valuesOf(outcomes)).toEqual([
      [partialArnOf('prod/db'), ['db-value']],
      ['prod/db-extra', ['extra-value']],
    ]);
  });

  it('does not answer a partial ARN with an entry of another secret whose ARN it starts', async () => {
    sm.on(BatchGetSecretValueCommand).resolves({
      SecretValues: [{ Name: 'prod/db-extra', ARN: arnOf('prod/db-extra', 'XyZ123'), SecretString: 'extra-value' }],
      Errors: [{ SecretId: partialArnOf('prod/db'), ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." }],
    });
    const outcomes = await readCurrentSecrets(client, REGION, [partialArnOf('prod/db')], 'utf8', createLimiter(2), { used: false });
    const outcome = outcomes.get(partialArnOf('prod/db'))!;
    expect(outcome).toEqual({
      failure: {
        reason: `BatchGetSecretValue for secret '${partialArnOf('prod/db')}' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
        hints: ["The secret is looked up in region 'us-east-1': give its ARN or set 'aws-region' if it lives elsewhere."],
        missing: true,
      },
    });
  });

  it('describes what it read: name, ARN, version id and stages, creation date', async () => {
    sm.on(BatchGetSecretValueCommand).resolves({
      SecretValues: [
        { Name: 'prod/db', ARN: arnOf('prod/db'), SecretString: 'pw', VersionId: 'v-1', VersionStages: ['AWSCURRENT', 'blue'], CreatedDate: CREATED },
        { Name: 'prod/bare', SecretString: 'bare' },
      ],
    });
    const outcomes = await readCurrentSecrets(client, REGION, ['prod/db', 'prod/bare'], 'utf8', createLimiter(2), { used: false });
    expect(outcomes.get('prod/db')).toStrictEqual({
      values: [{ sourceName: 'prod/db', nameBase: 'prod/db', arn: arnOf('prod/db'), version: 'v-1 (AWSCURRENT, blue)', createdDate: CREATED, value: 'pw' }],
    });
    expect(outcomes.get('prod/bare')).toStrictEqual({
      values: [{ sourceName: 'prod/bare', nameBase: 'prod/bare', arn: undefined, version: 'unknown', createdDate: undefined, value: 'bare' }],
    });
  });

  it('sends every call through the limiter, fallback reads included', async () => {
    const ids = Array.from({ length: 41 }, (_, index) => `s${index}`);
    sm.on(BatchGetSecretValueCommand).callsFake((input: { SecretIdList: string[] }) =>
      input.SecretIdList.includes('s40') ? Promise.reject(accessDenied()) : Promise.resolve({ SecretValues: input.SecretIdList.map((id) => ({ Name: id, SecretString: id })) }),
    );
    sm.on(GetSecretValueCommand).callsFake((input: { SecretId: string }) => Promise.resolve({ Name: input.SecretId, SecretString: input.SecretId }));
    const { limit, count } = countingLimit();
    const fallback: BatchFallback = { used: false };

    const outcomes = await readCurrentSecrets(client, REGION, ids, 'utf8', limit, fallback);

    expect(sm.commandCalls(BatchGetSecretValueCommand)).toHaveLength(3);
    expect(sm.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: 's40', VersionStage: 'AWSCURRENT' }]);
    expect(count()).toBe(4);
    expect(fallback.used).toBe(true);
    expect(valuesOf(outcomes).sort()).toEqual(ids.map((id) => [id, [id]]).sort());
  });

  it('goes straight to GetSecretValue once an earlier batch of the run was denied', async () => {
    sm.on(GetSecretValueCommand).callsFake((input: { SecretId: string }) => Promise.resolve({ Name: input.SecretId, SecretString: input.SecretId }));
    const fallback: BatchFallback = { used: true };

    const outcomes = await readCurrentSecrets(client, REGION, ['a', 'b'], 'utf8', createLimiter(2), fallback);

    expect(sm.commandCalls(BatchGetSecretValueCommand)).toHaveLength(0);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(valuesOf(outcomes)).toEqual([
      ['a', ['a']],
      ['b', ['b']],
    ]);
  });

  it('leaves the fallback flag alone when the batch is allowed', async () => {
    sm.on(BatchGetSecretValueCommand).resolves({ SecretValues: [{ Name: 'a', SecretString: 'x' }] });
    const fallback: BatchFallback = { used: false };
    await readCurrentSecrets(client, REGION, ['a'], 'utf8', createLimiter(1), fallback);
    expect(fallback.used).toBe(false);
  });

  it('fails a binary value that is not UTF-8 without showing the bytes', async () => {
    sm.on(BatchGetSecretValueCommand).resolves({ SecretValues: [{ Name: 'certs/key', SecretBinary: new Uint8Array([0xff, 0xfe]) }] });
    const outcomes = await readCurrentSecrets(client, REGION, ['certs/key'], 'utf8', createLimiter(1), { used: false });
    expect(outcomes.get('certs/key')).toEqual({
      failure: {
        reason: "the binary secret 'certs/key' is not valid UTF-8; set the input 'binary-encoding' to base64 or hex to export its bytes",
        hints: [],
        missing: false,
      },
    });
  });
});

describe('readPinnedSecret', () => {
  it.each([
    { name: 'AWSCURRENT when nothing is pinned', version: undefined, input: { SecretId: 'prod/db', VersionStage: 'AWSCURRENT' } },
    { name: 'the pinned stage', version: { stage: 'AWSPREVIOUS' }, input: { SecretId: 'prod/db', VersionStage: 'AWSPREVIOUS' } },
    { name: 'the pinned version id', version: { versionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' }, input: { SecretId: 'prod/db', VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' } },
  ])('asks for $name and nothing else', async ({ version, input }) => {
    sm.on(GetSecretValueCommand).resolves({ Name: 'prod/db', SecretString: 'pw', VersionId: 'v', VersionStages: ['AWSPREVIOUS'] });
    const outcome = await readPinnedSecret(client, REGION, 'prod/db', version, 'utf8', createLimiter(1));
    expect(sm.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toStrictEqual([input]);
    expect(outcome).toEqual({ values: [expect.objectContaining({ value: 'pw', version: 'v (AWSPREVIOUS)' })] });
  });

  it.each([
    { version: undefined, subject: "secret 'prod/db'" },
    { version: { stage: 'AWSPENDING' }, subject: "secret 'prod/db' stage 'AWSPENDING'" },
    { version: { versionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' }, subject: "secret 'prod/db' version 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'" },
  ])('names $subject in a failure', async ({ version, subject }) => {
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error("Secrets Manager can't find the specified secret."), { name: 'ResourceNotFoundException' }));
    const outcome = await readPinnedSecret(client, REGION, 'prod/db', version, 'utf8', createLimiter(1));
    expect(outcome).toEqual({
      failure: {
        reason: `GetSecretValue for ${subject} in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
        hints: ["The secret is looked up in region 'us-east-1': give its ARN or set 'aws-region' if it lives elsewhere."],
        missing: true,
      },
    });
  });

  it('fails a version without a value as missing', async () => {
    sm.on(GetSecretValueCommand).resolves({ Name: 'prod/db', VersionId: 'v' });
    const outcome = await readPinnedSecret(client, REGION, 'prod/db', { stage: 'AWSPENDING' }, 'utf8', createLimiter(1));
    expect(outcome).toEqual({ failure: { reason: "the secret 'prod/db' in us-east-1 has no value in the version read", hints: [], missing: true } });
  });
});

describe('listSecretsWithPrefix', () => {
  const filter = { Filters: [{ Key: 'name', Values: ['app/'] }], MaxResults: 100 };

  function servePages(pages: Record<string, Partial<ListSecretsCommandOutput> | Error>): void {
    sm.on(ListSecretsCommand).callsFake((input: ListSecretsCommandInput) => {
      const page = pages[input.NextToken ?? ''] ?? {};
      return page instanceof Error ? Promise.reject(page) : Promise.resolve(page);
    });
  }

  it('keeps true, case-sensitive prefixes only and skips entries without an ARN', async () => {
    servePages({
      '': {
        SecretList: [
          { Name: 'app/a', ARN: arnOf('app/a') },
          { Name: 'App/b', ARN: arnOf('App/b') },
          { Name: 'my-app/c', ARN: arnOf('my-app/c') },
          { Name: 'app/no-arn' },
          { ARN: arnOf('nameless') },
        ],
      },
    });
    await expect(listSecretsWithPrefix(client, REGION, 'app/', createLimiter(1))).resolves.toEqual({ arns: [arnOf('app/a')] });
    expect(sm.commandCalls(ListSecretsCommand).map((call) => call.args[0].input)).toEqual([filter]);
  });

  it('stops at an empty NextToken', async () => {
    servePages({ '': { SecretList: [{ Name: 'app/a', ARN: arnOf('app/a') }], NextToken: '' } });
    await expect(listSecretsWithPrefix(client, REGION, 'app/', createLimiter(1))).resolves.toEqual({ arns: [arnOf('app/a')] });
    expect(sm.commandCalls(ListSecretsCommand)).toHaveLength(1);
  });

  it('returns a failure, and no partial list, when a later page fails', async () => {
    servePages({
      '': { SecretList: [{ Name: 'app/a', ARN: arnOf('app/a') }], NextToken: 't1' },
      t1: Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
    });
    await expect(listSecretsWithPrefix(client, REGION, 'app/', createLimiter(1))).resolves.toEqual({
      failure: { reason: "ListSecrets for prefix 'app/' in us-east-1 failed: ThrottlingException: Rate exceeded", hints: [], missing: false },
    });
    expect(sm.commandCalls(ListSecretsCommand).map((call) => call.args[0].input)).toEqual([filter, { ...filter, NextToken: 't1' }]);
  });

  it('sends every page through the limiter', async () => {
    servePages({ '': { NextToken: 't1' }, t1: { NextToken: 't2' }, t2: {} });
    const { limit, count } = countingLimit();
    await expect(listSecretsWithPrefix(client, REGION, 'app/', limit)).resolves.toEqual({ arns: [] });
    expect(count()).toBe(3);
  });
});
