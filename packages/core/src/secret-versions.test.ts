import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsCallError } from './errors.js';
import { createSecret, failedCallCode, putSecretVersion, readSecretStage, samePayload, updateVersionStage, type SecretPayload } from './secret-versions.js';

const sm = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'us-east-1' });
const context = { secretId: 'app/key', region: 'us-east-1', createIfMissing: false };
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/key-AbCdEf';

beforeEach(() => {
  sm.reset();
});
afterAll(() => {
  sm.restore();
});

describe('samePayload', () => {
  it.each<{ a: SecretPayload; b: SecretPayload; expected: boolean }>([
    { a: { kind: 'string', text: 'x' }, b: { kind: 'string', text: 'x' }, expected: true },
    { a: { kind: 'string', text: 'x' }, b: { kind: 'string', text: 'x\n' }, expected: false },
    { a: { kind: 'binary', bytes: new Uint8Array([1, 2]) }, b: { kind: 'binary', bytes: new Uint8Array([1, 2]) }, expected: true },
    { a: { kind: 'binary', bytes: new Uint8Array([1, 2]) }, b: { kind: 'binary', bytes: new Uint8Array([1]) }, expected: false },
    { a: { kind: 'string', text: 'a' }, b: { kind: 'binary', bytes: new Uint8Array([97]) }, expected: false },
    { a: { kind: 'binary', bytes: new Uint8Array([97]) }, b: { kind: 'string', text: 'a' }, expected: false },
  ])('is $expected for $a.kind and $b.kind', ({ a, b, expected }) => {
    expect(samePayload(a, b)).toBe(expected);
  });
});

describe('readSecretStage', () => {
  it('reads the version with the label, asked for explicitly', async () => {
    sm.on(GetSecretValueCommand).resolves({ ARN, VersionId: 'v1', VersionStages: ['AWSPENDING'], SecretString: 'x' });

    expect(await readSecretStage(client, context, 'AWSPENDING')).toEqual({ versionId: 'v1', arn: ARN, stages: ['AWSPENDING'], payload: { kind: 'string', text: 'x' } });
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: 'app/key', VersionStage: 'AWSPENDING' });
  });

  it('is undefined when Secrets Manager finds nothing', async () => {
    sm.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));

    expect(await readSecretStage(client, context, 'AWSCURRENT')).toBeUndefined();
  });

  it('wraps other failures with the operation, the secret and the region', async () => {
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    const error = await readSecretStage(client, context, 'AWSCURRENT').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toHaveProperty('message', "GetSecretValue for secret 'app/key' in us-east-1 failed: ThrottlingException: Rate exceeded");
    expect(failedCallCode(error)).toBe('ThrottlingException');
  });
});

describe('putSecretVersion', () => {
  it('sends bytes as SecretBinary and the labels when given', async () => {
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: 'tok', VersionStages: ['L'] });

    expect(await putSecretVersion(client, context, { payload: { kind: 'binary', bytes: new Uint8Array([7]) }, token: 'tok', stages: ['L'] })).toEqual({
      versionId: 'tok',
      arn: ARN,
      stages: ['L'],
    });
    expect(sm.commandCalls(PutSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: 'app/key', ClientRequestToken: 'tok', SecretBinary: new Uint8Array([7]), VersionStages: ['L'] });
  });
});

describe('createSecret', () => {
  it('creates a secret without a value when none is given', async () => {
    sm.on(CreateSecretCommand).resolves({ ARN, Name: 'app/key' });

    expect(await createSecret(client, context, { payload: undefined, token: 'tok', kmsKeyId: undefined, description: undefined, tags: [] })).toEqual({ versionId: undefined, arn: ARN });
    expect(sm.commandCalls(CreateSecretCommand)[0]?.args[0].input).toEqual({ Name: 'app/key' });
  });

  it('is undefined when the secret exists', async () => {
    sm.on(CreateSecretCommand).rejects(new ResourceExistsException({ message: 'exists', $metadata: {} }));

    expect(await createSecret(client, context, { payload: { kind: 'string', text: 'x' }, token: 'tok', kmsKeyId: undefined, description: undefined, tags: [] })).toBeUndefined();
  });
});

describe('updateVersionStage', () => {
  it('sends only the versions it is given', async () => {
    sm.on(UpdateSecretVersionStageCommand).resolves({ ARN });

    await updateVersionStage(client, context, { stage: 'L', removeFrom: 'v1' });
    expect(sm.commandCalls(UpdateSecretVersionStageCommand)[0]?.args[0].input).toEqual({ SecretId: 'app/key', VersionStage: 'L', RemoveFromVersionId: 'v1' });
  });
});

describe('failedCallCode', () => {
  it('is undefined for anything but a failed call', () => {
    expect(failedCallCode(new Error('x'))).toBeUndefined();
  });
});
