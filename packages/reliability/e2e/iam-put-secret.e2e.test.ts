import {
  createSecrets,
  describeParameterState,
  describeSecretState,
  putParameters,
  readSecretVersion,
} from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { expectSuccess, failureMessage, useIamHarness } from './iam-harness.js';
import { readmePolicy, withoutAction } from './readme-policies.js';

const STS = { 'sts:AssumeRoleWithWebIdentity': 1 };
const POLICY = readmePolicy('put-secret');

describe('put-secret under moto IAM enforcement, with the README policy', () => {
  const h = useIamHarness('put-secret');
  const endpoint = (): string => h.moto.server.endpoint;

  async function seedSecret(name: string, value: string): Promise<void> {
    h.remember(value);
    await createSecrets(endpoint(), [{ name, value }]);
  }

  it('writes a new version of a secret', async () => {
    const name = `${h.prefix}plain`;
    await seedSecret(name, 'old-plain-1a');
    h.remember('new-plain-1a');
    const result = await h.run(POLICY, { 'secret-id': name, 'secret-string': 'new-plain-1a' });
    expectSuccess(result);
    expect((await readSecretVersion(endpoint(), name)).string).toBe('new-plain-1a');
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1 });
    expect(h.denials()).toEqual([]);
    h.expectNoLeaks(result);
  });

  it('merges JSON into a secret (merge-json)', async () => {
    const name = `${h.prefix}merge`;
    await seedSecret(name, '{"user":"app","password":"pw-2b"}');
    h.remember('key-2b', '{"api_key":"key-2b"}', '{"user":"app","password":"pw-2b","api_key":"key-2b"}');
    const result = await h.run(POLICY, { 'secret-id': name, 'merge-json': '{"api_key":"key-2b"}' });
    expectSuccess(result);
    expect(JSON.parse((await readSecretVersion(endpoint(), name)).string!)).toEqual({ user: 'app', password: 'pw-2b', api_key: 'key-2b' });
    // Read, write under its own label, swap AWSCURRENT, remove its label.
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1, 'secretsmanager:UpdateSecretVersionStage': 2 });
    expect(h.denials()).toEqual([]);
    h.expectNoLeaks(result);
  });

  it('creates a missing secret with tags (create-if-missing)', async () => {
    const name = `${h.prefix}created`;
    h.remember('created-3c');
    const result = await h.run(POLICY, { 'secret-id': name, 'secret-string': 'created-3c', 'create-if-missing': 'true', tags: 'team=payments' });
    expectSuccess(result);
    const state = await describeSecretState(endpoint(), name);
    expect(state.tags).toEqual({ team: 'payments' });
    expect((await readSecretVersion(endpoint(), name)).string).toBe('created-3c');
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:CreateSecret': 1 });
    expect(h.denials()).toEqual([]);
    h.expectNoLeaks(result);
  });

  it('writes a Parameter Store parameter (ssm:)', async () => {
    const name = `/${h.prefix}param`;
    h.remember('old-param-4d', 'new-param-4d');
    await putParameters(endpoint(), [{ name, value: 'old-param-4d' }]);
    const result = await h.run(POLICY, { 'secret-id': `ssm:${name}`, 'secret-string': 'new-param-4d' });
    expectSuccess(result);
    expect(await describeParameterState(endpoint(), name)).toMatchObject({ value: 'new-param-4d', version: 2 });
    expect(h.counts()).toEqual({ ...STS, 'ssm:GetParameter': 1, 'ssm:PutParameter': 1 });
    expect(h.denials()).toEqual([]);
    h.expectNoLeaks(result);
  });

  it('names secretsmanager:PutSecretValue when it is missing, and writes nothing', async () => {
    const name = `${h.prefix}no-put`;
    await seedSecret(name, 'old-5e');
    const before = await describeSecretState(endpoint(), name);
    h.remember('new-5e');
    const result = await h.run(withoutAction(POLICY, 'secretsmanager:PutSecretValue'), { 'secret-id': name, 'secret-string': 'new-5e' });
    expect(failureMessage(result).split('\n')).toEqual([
      `put-secret: PutSecretValue for secret '${name}' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      '  - The role needs secretsmanager:PutSecretValue on the secret (a resource policy on the secret can also deny it).',
      '  - A secret encrypted with a customer-managed KMS key also needs kms:GenerateDataKey and kms:Decrypt on that key.',
    ]);
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1 });
    expect(result.outputs).toEqual({});
    expect(await describeSecretState(endpoint(), name)).toEqual(before);
    expect((await readSecretVersion(endpoint(), name)).string).toBe('old-5e');
    expect(h.denials()).toEqual(['secretsmanager:PutSecretValue']);
    h.expectNoLeaks(result);
  });

  it('names secretsmanager:UpdateSecretVersionStage when merge-json cannot swap, and AWSCURRENT keeps its value', async () => {
    const name = `${h.prefix}no-swap`;
    await seedSecret(name, '{"a":"a-6f"}');
    const [oldVersion] = Object.keys((await describeSecretState(endpoint(), name)).versions);
    h.remember('b-6f', '{"b":"b-6f"}', '{"a":"a-6f","b":"b-6f"}');
    const result = await h.run(withoutAction(POLICY, 'secretsmanager:UpdateSecretVersionStage'), { 'secret-id': name, 'merge-json': '{"b":"b-6f"}' });
    expect(failureMessage(result).split('\n')).toEqual([
      `put-secret: UpdateSecretVersionStage for secret '${name}' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      '  - merge-json makes its new version current with secretsmanager:UpdateSecretVersionStage: the role needs it on the secret.',
    ]);
    // The swap and the clean-up of its own label were both denied.
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1, 'secretsmanager:UpdateSecretVersionStage': 2 });
    expect(h.denials()).toEqual(['secretsmanager:UpdateSecretVersionStage', 'secretsmanager:UpdateSecretVersionStage']);
    // The merged value sits only under the action's own label, which the warning says how to remove; AWSCURRENT did not move.
    const left = /staging label '(PUTSECRET_PENDING_[0-9A-F]+)' from version ([0-9a-f-]+) of secret/.exec(result.warnings.join('\n'));
    expect(result.warnings).toEqual([
      `Could not remove the staging label '${left?.[1] ?? ''}' from version ${left?.[2] ?? ''} of secret '${name}': AccessDenied: HTTP 403 without a readable AWS error (an IAM denial). ` +
        `Remove it with: aws secretsmanager update-secret-version-stage --secret-id ${name} --version-stage ${left?.[1] ?? ''} --remove-from-version-id ${left?.[2] ?? ''} --region us-east-1`,
    ]);
    expect((await describeSecretState(endpoint(), name)).versions).toEqual({ [oldVersion!]: ['AWSCURRENT'], [left![2]!]: [left![1]!] });
    expect((await readSecretVersion(endpoint(), name)).string).toBe('{"a":"a-6f"}');
    h.expectNoLeaks(result);
  });

  it('names secretsmanager:CreateSecret when it is missing, and creates nothing', async () => {
    const name = `${h.prefix}no-create`;
    h.remember('created-7a');
    const result = await h.run(withoutAction(POLICY, 'secretsmanager:CreateSecret'), {
      'secret-id': name,
      'secret-string': 'created-7a',
      'create-if-missing': 'true',
      tags: 'team=payments',
    });
    expect(failureMessage(result).split('\n')).toEqual([
      `put-secret: CreateSecret for secret '${name}' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      '  - The role needs secretsmanager:CreateSecret and secretsmanager:TagResource (for the tags); IAM grants it on the name pattern of the new secret.',
      "  - With 'kms-key-id', it also needs kms:GenerateDataKey and kms:Decrypt on that key.",
    ]);
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:CreateSecret': 1 });
    expect(h.denials()).toEqual(['secretsmanager:CreateSecret']);
    await expect(describeSecretState(endpoint(), name)).rejects.toThrow("Secrets Manager can't find the specified secret.");
    h.expectNoLeaks(result);
  });

  it('names ssm:PutParameter when it is missing, and the parameter keeps its value', async () => {
    const name = `/${h.prefix}no-put-param`;
    h.remember('old-8b', 'new-8b');
    await putParameters(endpoint(), [{ name, value: 'old-8b' }]);
    const result = await h.run(withoutAction(POLICY, 'ssm:PutParameter'), { 'secret-id': `ssm:${name}`, 'secret-string': 'new-8b' });
    expect(failureMessage(result).split('\n')).toEqual([
      `put-secret: PutParameter for parameter '${name}' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      '  - The role needs ssm:PutParameter on the parameter.',
      '  - A SecureString with a customer-managed KMS key also needs kms:Encrypt (Standard tier) or kms:GenerateDataKey (Advanced tier) on that key.',
    ]);
    expect(h.counts()).toEqual({ ...STS, 'ssm:GetParameter': 1, 'ssm:PutParameter': 1 });
    expect(h.denials()).toEqual(['ssm:PutParameter']);
    expect(await describeParameterState(endpoint(), name)).toMatchObject({ value: 'old-8b', version: 1 });
    h.expectNoLeaks(result);
  });
});
