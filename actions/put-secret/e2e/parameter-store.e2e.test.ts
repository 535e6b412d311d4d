import { describeParameterState } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { denied, expectSuccess, failureMessage, useHarness, withRole } from './harness.js';

const h = useHarness();
const STS = { 'sts:AssumeRoleWithWebIdentity': 1 };
const arnOf = (name: string): string => `arn:aws:ssm:us-east-1:123456789012:parameter${name}`;

describe('put-secret writes Parameter Store parameters (secret-id: ssm:NAME)', () => {
  it('creates a SecureString parameter with its description and tags, and reads it back for its ARN', async () => {
    const name = `/${h.prefix}db-password`;
    const result = await h.run(
      withRole({ 'secret-id': `ssm:${name}`, 'secret-string': 'created-1a', 'create-if-missing': 'true', description: 'Database password', tags: 'team=payments' }),
    );

    expectSuccess(result);
    expect(result.outputs).toEqual({ 'version-id': '1', arn: arnOf(name), changed: 'true' });
    const state = await describeParameterState(h.motoEndpoint, name);
    expect(state).toMatchObject({ type: 'SecureString', value: 'created-1a', version: 1, tags: { team: 'payments' } });
    expect(state.history.map(({ version, description }) => ({ version, description }))).toEqual([{ version: 1, description: 'Database password' }]);
    // GetParameter finds nothing, PutParameter creates it, GetParameter reads back its ARN.
    expect(h.proxy.counts()).toEqual({ ...STS, 'ssm:GetParameter': 2, 'ssm:PutParameter': 1 });
    expect(result.log).toContain(`Created parameter '${name}' in us-east-1: version 1.`);
    expect(result.summary).toContain(`Parameter Store parameter \`${name}\``);
    expect(result.commands[0]).toMatchObject({ command: 'add-mask', message: 'created-1a' });
    h.expectNoLeaks(result, ['created-1a']);
  });

  it('updates an existing parameter to a new version and keeps its type', async () => {
    const name = `/${h.prefix}endpoint`;
    await h.seedParameters([{ name, value: 'https://old.example/2b', type: 'String' }]);
    const result = await h.run(withRole({ 'secret-id': `ssm:${name}`, 'secret-string': 'https://new.example/2b' }));

    expectSuccess(result);
    expect(result.outputs).toEqual({ 'version-id': '2', arn: arnOf(name), changed: 'true' });
    expect(await describeParameterState(h.motoEndpoint, name)).toMatchObject({ type: 'String', value: 'https://new.example/2b', version: 2 });
    expect(h.proxy.counts()).toEqual({ ...STS, 'ssm:GetParameter': 1, 'ssm:PutParameter': 1 });
    expect(result.log).toContain(`Wrote parameter '${name}' in us-east-1: version 2.`);
    h.expectNoLeaks(result, ['https://new.example/2b']);
  });

  it('leaves an unchanged parameter alone and reports its version', async () => {
    const name = `/${h.prefix}unchanged`;
    await h.seedParameters([{ name, value: 'same-3c' }]);
    const result = await h.run(withRole({ 'secret-id': `ssm:${name}`, 'secret-string': 'same-3c' }));

    expectSuccess(result);
    expect(result.outputs).toEqual({ 'version-id': '1', arn: arnOf(name), changed: 'false' });
    expect((await describeParameterState(h.motoEndpoint, name)).version).toBe(1);
    expect(h.proxy.counts()).toEqual({ ...STS, 'ssm:GetParameter': 1 });
    h.expectNoLeaks(result, []);
  });

  it('writes a new version of the same value with skip-unchanged: false', async () => {
    const name = `/${h.prefix}forced`;
    await h.seedParameters([{ name, value: 'same-4d' }]);
    const result = await h.run(withRole({ 'secret-id': `ssm:${name}`, 'secret-string': 'same-4d', 'skip-unchanged': 'false' }));

    expectSuccess(result);
    expect(result.outputs).toEqual({ 'version-id': '2', arn: arnOf(name), changed: 'true' });
    h.expectNoLeaks(result, []);
  });

  it('changes the type when parameter-type says so, and encrypts with kms-key-id in the Advanced tier', async () => {
    const name = `/${h.prefix}large`;
    await h.seedParameters([{ name, value: 'small-5e', type: 'String' }]);
    const large = `large-5e-${'x'.repeat(5000)}`;
    const result = await h.run(
      withRole({ 'secret-id': `ssm:${name}`, 'secret-string': large, 'parameter-type': 'SecureString', 'parameter-tier': 'Advanced', 'kms-key-id': 'alias/params-5e' }),
    );

    expectSuccess(result);
    const state = await describeParameterState(h.motoEndpoint, name);
    expect(state).toMatchObject({ type: 'SecureString', value: large, version: 2 });
    expect(state.history[1]).toMatchObject({ version: 2, type: 'SecureString', keyId: 'alias/params-5e', tier: 'Advanced' });
    h.expectNoLeaks(result, [large]);
  });

  it('refuses to overwrite a parameter that holds another value with overwrite: false', async () => {
    const name = `/${h.prefix}keep`;
    await h.seedParameters([{ name, value: 'kept-6f' }]);
    const result = await h.run(withRole({ 'secret-id': `ssm:${name}`, 'secret-string': 'refused-6f', overwrite: 'false' }));

    expect(failureMessage(result)).toBe(`put-secret: Parameter '${name}' in us-east-1 exists (version 1) with another value, and 'overwrite' is false: nothing was written.`);
    expect(h.proxy.counts()).toEqual({ ...STS, 'ssm:GetParameter': 1 });
    expect((await describeParameterState(h.motoEndpoint, name)).value).toBe('kept-6f');
    h.expectNoLeaks(result, ['refused-6f']);
  });

  it('treats an unchanged value as success even with overwrite: false', async () => {
    const name = `/${h.prefix}keep-same`;
    await h.seedParameters([{ name, value: 'kept-7a' }]);
    const result = await h.run(withRole({ 'secret-id': `ssm:${name}`, 'secret-string': 'kept-7a', overwrite: 'false' }));

    expectSuccess(result);
    expect(result.outputs['changed']).toBe('false');
    h.expectNoLeaks(result, []);
  });

  it('refuses a missing parameter without create-if-missing, and creates nothing', async () => {
    const name = `/${h.prefix}missing`;
    const result = await h.run(withRole({ 'secret-id': `ssm:${name}`, 'secret-string': 'orphan-8b' }));

    expect(failureMessage(result).split('\n')).toEqual([
      `put-secret: GetParameter for parameter '${name}' in us-east-1 failed: ParameterNotFound: Parameter ${name} not found.`,
      'Things to check:',
      "  - It does not exist in region 'us-east-1': set 'create-if-missing: true' to create it, or, if it lives in another region, set 'aws-region'.",
    ]);
    expect(h.proxy.counts()).toEqual({ ...STS, 'ssm:GetParameter': 1 });
    h.expectNoLeaks(result, ['orphan-8b']);
  });

  it.each([
    {
      operation: 'PutParameter',
      hints: [
        '  - The role needs ssm:PutParameter on the parameter.',
        '  - A SecureString with a customer-managed KMS key also needs kms:Encrypt (Standard tier) or kms:GenerateDataKey (Advanced tier) on that key.',
      ],
      calls: { 'ssm:GetParameter': 1, 'ssm:PutParameter': 1 },
    },
    {
      operation: 'GetParameter',
      hints: [
        '  - The role needs ssm:GetParameter on the parameter: put-secret reads it first, to see whether it exists, to compare values (skip-unchanged) and for its ARN.',
        '  - With skip-unchanged, a SecureString is read decrypted: that needs kms:Decrypt on its KMS key.',
      ],
      calls: { 'ssm:GetParameter': 1 },
    },
  ])('names the missing IAM action when ssm:$operation is denied', async ({ operation, hints, calls }) => {
    const name = `/${h.prefix}denied`;
    await h.seedParameters([{ name, value: 'before-9c' }]);
    h.proxy.setInterceptor((request) => (request.operation === `ssm:${operation}` ? denied() : undefined));
    const result = await h.run(withRole({ 'secret-id': `ssm:${name}`, 'secret-string': 'after-9c' }));

    expect(failureMessage(result).split('\n')).toEqual([
      `put-secret: ${operation} for parameter '${name}' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      ...hints,
    ]);
    expect(h.proxy.counts()).toEqual({ ...STS, ...calls });
    h.expectNoLeaks(result, ['after-9c']);
  });
});
