import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsCallError, describeError } from './errors.js';
import { putSecretValue, type SecretPutRequest } from './put-secret-value.js';

const sm = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'us-east-1' });
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/key-AbCdEf';
const TOKEN = '11111111-2222-3333-4444-555555555555';

beforeEach(() => {
  sm.reset();
});
afterAll(() => {
  sm.restore();
});

const notFound = (): ResourceNotFoundException => new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: { httpStatusCode: 400 } });
const exists = (): ResourceExistsException => new ResourceExistsException({ message: 'The operation failed because the secret app/key already exists.', $metadata: { httpStatusCode: 400 } });

function request(overrides: Partial<SecretPutRequest> = {}): SecretPutRequest {
  return {
    secretId: 'app/key',
    region: 'us-east-1',
    payload: { kind: 'string', text: 'new-value' },
    skipUnchanged: true,
    versionStages: undefined,
    create: undefined,
    clientRequestToken: TOKEN,
    ...overrides,
  };
}

const CREATE = { kmsKeyId: 'alias/app', description: 'The app key', tags: [{ key: 'team', value: 'payments' }] };

function current(value: { SecretString?: string; SecretBinary?: Uint8Array }, stages = ['AWSCURRENT']): object {
  return { ARN, Name: 'app/key', VersionId: 'old-version', VersionStages: stages, ...value };
}

describe('putSecretValue', () => {
  it('writes nothing when AWSCURRENT already holds the value', async () => {
    sm.on(GetSecretValueCommand).resolves(current({ SecretString: 'new-value' }));

    expect(await putSecretValue(request(), client)).toEqual({ versionId: 'old-version', arn: ARN, changed: false, created: false });
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: 'app/key', VersionStage: 'AWSCURRENT' });
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('writes nothing when the current bytes are the same bytes', async () => {
    sm.on(GetSecretValueCommand).resolves(current({ SecretBinary: new Uint8Array([0, 1, 255]) }));

    const result = await putSecretValue(request({ payload: { kind: 'binary', bytes: new Uint8Array([0, 1, 255]) } }), client);
    expect(result.changed).toBe(false);
  });

  it.each([
    { name: 'another string', current: { SecretString: 'old-value' }, payload: { kind: 'string', text: 'new-value' } as const },
    { name: 'bytes where a string is written', current: { SecretBinary: new Uint8Array([1]) }, payload: { kind: 'string', text: '\u0001' } as const },
    { name: 'a string where bytes are written', current: { SecretString: 'a' }, payload: { kind: 'binary', bytes: new Uint8Array([97]) } as const },
    { name: 'other bytes', current: { SecretBinary: new Uint8Array([1, 2]) }, payload: { kind: 'binary', bytes: new Uint8Array([1, 3]) } as const },
  ])('writes a new version over $name', async ({ current: value, payload }) => {
    sm.on(GetSecretValueCommand).resolves(current(value));
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: TOKEN, VersionStages: ['AWSCURRENT'] });

    expect(await putSecretValue(request({ payload }), client)).toEqual({ versionId: TOKEN, arn: ARN, changed: true, created: false });
    expect(sm.commandCalls(PutSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: 'app/key',
      ClientRequestToken: TOKEN,
      ...(payload.kind === 'string' ? { SecretString: payload.text } : { SecretBinary: payload.bytes }),
    });
  });

  it('writes without reading with skipUnchanged off', async () => {
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: TOKEN, VersionStages: ['AWSCURRENT'] });

    expect((await putSecretValue(request({ skipUnchanged: false }), client)).changed).toBe(true);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('compares with the version holding the first requested label, and skips only when it has every label', async () => {
    sm.on(GetSecretValueCommand).resolves(current({ SecretString: 'new-value' }, ['AWSPENDING', 'rc']));

    const result = await putSecretValue(request({ versionStages: ['AWSPENDING', 'rc'] }), client);
    expect(result).toEqual({ versionId: 'old-version', arn: ARN, changed: false, created: false });
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: 'app/key', VersionStage: 'AWSPENDING' });
  });

  it('writes when the version with the value lacks one of the requested labels', async () => {
    sm.on(GetSecretValueCommand).resolves(current({ SecretString: 'new-value' }, ['AWSPENDING']));
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: TOKEN, VersionStages: ['AWSPENDING', 'rc'] });

    expect((await putSecretValue(request({ versionStages: ['AWSPENDING', 'rc'] }), client)).changed).toBe(true);
    expect(sm.commandCalls(PutSecretValueCommand)[0]?.args[0].input.VersionStages).toEqual(['AWSPENDING', 'rc']);
  });

  it('creates a missing secret with its first value in one call', async () => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    sm.on(CreateSecretCommand).resolves({ ARN, Name: 'app/key', VersionId: TOKEN });

    expect(await putSecretValue(request({ create: CREATE }), client)).toEqual({ versionId: TOKEN, arn: ARN, changed: true, created: true });
    expect(sm.commandCalls(CreateSecretCommand)[0]?.args[0].input).toEqual({
      Name: 'app/key',
      SecretString: 'new-value',
      ClientRequestToken: TOKEN,
      Description: 'The app key',
      KmsKeyId: 'alias/app',
      Tags: [{ Key: 'team', Value: 'payments' }],
    });
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('creates a missing secret empty, then labels its first version with the requested labels', async () => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    sm.on(CreateSecretCommand).resolves({ ARN, Name: 'app/key' });
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: TOKEN, VersionStages: ['AWSPENDING', 'AWSCURRENT'] });

    expect(await putSecretValue(request({ create: { ...CREATE, tags: [] }, versionStages: ['AWSPENDING'] }), client)).toEqual({
      versionId: TOKEN,
      arn: ARN,
      changed: true,
      created: true,
    });
    expect(sm.commandCalls(CreateSecretCommand)[0]?.args[0].input).toEqual({ Name: 'app/key', Description: 'The app key', KmsKeyId: 'alias/app' });
    expect(sm.commandCalls(PutSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: 'app/key', ClientRequestToken: TOKEN, SecretString: 'new-value', VersionStages: ['AWSPENDING'] });
  });

  it('writes a version when the secret turns out to exist after all (one without a value, or created meanwhile)', async () => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    sm.on(CreateSecretCommand).rejects(exists());
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: TOKEN, VersionStages: ['AWSCURRENT'] });

    expect(await putSecretValue(request({ create: CREATE }), client)).toEqual({ versionId: TOKEN, arn: ARN, changed: true, created: false });
  });

  it('creates the secret when the write finds none, with skipUnchanged off', async () => {
    sm.on(PutSecretValueCommand).rejects(notFound());
    sm.on(CreateSecretCommand).resolves({ ARN, Name: 'app/key', VersionId: TOKEN });

    expect((await putSecretValue(request({ skipUnchanged: false, create: CREATE }), client)).created).toBe(true);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('fails on a missing secret without create, with the hint to set create-if-missing', async () => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    sm.on(PutSecretValueCommand).rejects(notFound());

    const error = await putSecretValue(request(), client).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(describeError(error)).toBe(
      [
        "PutSecretValue for secret 'app/key' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
        'Things to check:',
        "  - It does not exist in region 'us-east-1': set 'create-if-missing: true' to create it, or, if it lives in another region, set 'aws-region'.",
      ].join('\n'),
    );
    expect(sm.commandCalls(CreateSecretCommand)).toHaveLength(0);
  });

  it('fails when the token brings back an earlier version that is no longer current', async () => {
    sm.on(GetSecretValueCommand).resolves(current({ SecretString: 'someone-else' }));
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: TOKEN, VersionStages: ['AWSPREVIOUS'] });

    await expect(putSecretValue(request(), client)).rejects.toThrow(
      `PutSecretValue for secret 'app/key' in us-east-1 returned version ${TOKEN}, written earlier with this client request token and this value, but it no longer holds AWSCURRENT: ` +
        'the secret has changed since, and nothing new was written. Give a new client-request-token, or re-run the workflow (a new run attempt derives a new token).',
    );
  });

  it('trusts the write when AWS reports no labels', async () => {
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: TOKEN });

    expect((await putSecretValue(request({ skipUnchanged: false }), client)).versionId).toBe(TOKEN);
  });

  it('names the action when the read is denied, and does not write', async () => {
    sm.on(GetSecretValueCommand).rejects(Object.assign(new SyntaxError('unreadable'), { $metadata: { httpStatusCode: 403 } }));

    const error = await putSecretValue(request(), client).catch((thrown: unknown) => thrown);
    expect(describeError(error).split('\n').slice(0, 3)).toEqual([
      "GetSecretValue for secret 'app/key' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)",
      'Things to check:',
      '  - The role needs secretsmanager:GetSecretValue on the secret: put-secret reads the current value to compare it (skip-unchanged) and to merge into it (merge-json). A plain write with skip-unchanged: false does not read.',
    ]);
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });
});
