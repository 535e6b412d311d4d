import { GetParameterCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsCallError, ConfigurationError, describeError } from './errors.js';
import { putParameter, type ParameterPutRequest } from './put-parameter.js';

const ssm = mockClient(SSMClient);
const client = new SSMClient({ region: 'us-east-1' });
const ARN = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/token';

beforeEach(() => {
  ssm.reset();
});
afterAll(() => {
  ssm.restore();
});

const notFound = (): ParameterNotFound => new ParameterNotFound({ message: 'Parameter /app/token not found.', $metadata: { httpStatusCode: 400 } });

function request(overrides: Partial<ParameterPutRequest> = {}): ParameterPutRequest {
  return {
    name: '/app/token',
    region: 'us-east-1',
    value: 'new-value',
    skipUnchanged: true,
    overwrite: true,
    type: undefined,
    tier: undefined,
    kmsKeyId: undefined,
    create: undefined,
    ...overrides,
  };
}

const existing = (value: string, type = 'String'): object => ({ Parameter: { Name: '/app/token', Type: type, Value: value, Version: 3, ARN } });
const inputsOf = <T extends object>(command: Parameters<typeof ssm.commandCalls>[0]): T[] => ssm.commandCalls(command).map((call) => call.args[0].input as T);

describe('putParameter', () => {
  it('writes nothing when the parameter holds the value, reading it decrypted', async () => {
    ssm.on(GetParameterCommand).resolves(existing('new-value'));

    expect(await putParameter(request(), client)).toEqual({ versionId: '3', arn: ARN, changed: false, created: false });
    expect(inputsOf(GetParameterCommand)).toEqual([{ Name: '/app/token', WithDecryption: true }]);
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  it('overwrites another value, keeping the type of the parameter', async () => {
    ssm.on(GetParameterCommand).resolves(existing('old-value', 'StringList'));
    ssm.on(PutParameterCommand).resolves({ Version: 4, Tier: 'Standard' });

    expect(await putParameter(request({ value: 'a,b' }), client)).toEqual({ versionId: '4', arn: ARN, changed: true, created: false });
    expect(inputsOf(PutParameterCommand)).toEqual([{ Name: '/app/token', Value: 'a,b', Type: 'StringList', Overwrite: true }]);
  });

  it('sends the given type, tier and KMS key with an overwrite', async () => {
    ssm.on(GetParameterCommand).resolves(existing('old-value'));
    ssm.on(PutParameterCommand).resolves({ Version: 4 });

    await putParameter(request({ type: 'SecureString', tier: 'Advanced', kmsKeyId: 'alias/params' }), client);
    expect(inputsOf(PutParameterCommand)).toEqual([{ Name: '/app/token', Value: 'new-value', Type: 'SecureString', Tier: 'Advanced', KeyId: 'alias/params', Overwrite: true }]);
  });

  it('writes the same value again with skipUnchanged off, reading without decryption', async () => {
    ssm.on(GetParameterCommand).resolves(existing('kms:alias/aws/ssm:ciphertext', 'SecureString'));
    ssm.on(PutParameterCommand).resolves({ Version: 4 });

    expect((await putParameter(request({ skipUnchanged: false }), client)).changed).toBe(true);
    expect(inputsOf(GetParameterCommand)).toEqual([{ Name: '/app/token', WithDecryption: false }]);
  });

  it('refuses to overwrite another value with overwrite off', async () => {
    ssm.on(GetParameterCommand).resolves(existing('old-value'));

    await expect(putParameter(request({ overwrite: false }), client)).rejects.toThrow(
      new ConfigurationError("Parameter '/app/token' in us-east-1 exists (version 3) with another value, and 'overwrite' is false: nothing was written."),
    );
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  it('refuses to write an existing parameter at all with overwrite and skipUnchanged off', async () => {
    ssm.on(GetParameterCommand).resolves(existing('new-value'));

    await expect(putParameter(request({ overwrite: false, skipUnchanged: false }), client)).rejects.toThrow(
      "Parameter '/app/token' in us-east-1 exists (version 3), and 'overwrite' is false: nothing was written.",
    );
  });

  it('creates a missing parameter as a SecureString with its description and tags, then reads its ARN', async () => {
    ssm.on(GetParameterCommand).rejectsOnce(notFound()).resolves(existing('(encrypted)', 'SecureString'));
    ssm.on(PutParameterCommand).resolves({ Version: 1 });

    const result = await putParameter(request({ create: { description: 'Release token', tags: [{ key: 'team', value: 'payments' }] } }), client);
    expect(result).toEqual({ versionId: '1', arn: ARN, changed: true, created: true });
    expect(inputsOf(PutParameterCommand)).toEqual([
      { Name: '/app/token', Value: 'new-value', Type: 'SecureString', Overwrite: false, Description: 'Release token', Tags: [{ Key: 'team', Value: 'payments' }] },
    ]);
    expect(inputsOf(GetParameterCommand)).toEqual([
      { Name: '/app/token', WithDecryption: true },
      { Name: '/app/token', WithDecryption: false },
    ]);
  });

  it('fails on a missing parameter without create, with the hint to set create-if-missing', async () => {
    ssm.on(GetParameterCommand).rejects(notFound());

    const error = await putParameter(request(), client).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(describeError(error)).toBe(
      [
        "GetParameter for parameter '/app/token' in us-east-1 failed: ParameterNotFound: Parameter /app/token not found.",
        'Things to check:',
        "  - It does not exist in region 'us-east-1': set 'create-if-missing: true' to create it, or, if it lives in another region, set 'aws-region'.",
      ].join('\n'),
    );
  });

  it('fails when another writer creates the parameter at the same moment', async () => {
    ssm.on(GetParameterCommand).rejects(notFound());
    ssm.on(PutParameterCommand).rejects(new ParameterAlreadyExists({ message: 'The parameter already exists.', $metadata: {} }));

    const error = await putParameter(request({ create: { description: undefined, tags: [] } }), client).catch((thrown: unknown) => thrown);
    expect(describeError(error).split('\n')).toEqual([
      "PutParameter for parameter '/app/token' in us-east-1 failed: ParameterAlreadyExists: The parameter already exists.",
      'Things to check:',
      '  - Another writer created the parameter at the same moment: run the step again.',
    ]);
  });

  it('names ssm:PutParameter when the write is denied', async () => {
    ssm.on(GetParameterCommand).resolves(existing('old-value'));
    ssm.on(PutParameterCommand).rejects(Object.assign(new SyntaxError('unreadable'), { $metadata: { httpStatusCode: 403 } }));

    const error = await putParameter(request(), client).catch((thrown: unknown) => thrown);
    expect(describeError(error).split('\n').slice(0, 3)).toEqual([
      "PutParameter for parameter '/app/token' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)",
      'Things to check:',
      '  - The role needs ssm:PutParameter on the parameter.',
    ]);
  });
});
