import { randomBytes } from 'node:crypto';
import { createSecrets, describeSecretState, readSecretVersion, writeSecretVersion } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { failureMessage, useIamHarness } from './iam-harness.js';
import { readmePolicy, withoutAction } from './readme-policies.js';

const STS = { 'sts:AssumeRoleWithWebIdentity': 1 };
const POLICY = readmePolicy('rotate-secret');
const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:iam-rotator';
/** The version id of an unfinished earlier rotation. */
const STALE = '11111111-2222-4333-8444-555555555555';

describe('rotate-secret under moto IAM enforcement, with the README policy', () => {
  const h = useIamHarness('rotate-secret');

  /**
   * The step's calls: exactly `others` besides STS and DescribeSecret, and at least
   * `minDescribes` DescribeSecret (how often it polls for the new AWSCURRENT depends on timing).
   */
  function expectCalls(others: Record<string, number>, minDescribes: number): void {
    const { 'secretsmanager:DescribeSecret': describes, ...rest } = h.counts();
    expect(rest).toEqual({ ...STS, ...others });
    expect(describes).toBeGreaterThanOrEqual(minDescribes);
  }

  /** A secret with rotation configured, and its AWSCURRENT version id. */
  async function seedRotatable(name: string): Promise<string> {
    const value = `seed-${randomBytes(12).toString('hex')}`;
    h.remember(value);
    await createSecrets(h.moto.server.endpoint, [{ name, value }]);
    await h.simulator.configureRotation(name, { lambdaArn: LAMBDA_ARN, rules: { AutomaticallyAfterDays: 30 } });
    return (await readSecretVersion(h.moto.server.endpoint, name)).versionId;
  }

  it('rotates a secret and waits for the new AWSCURRENT', async () => {
    const name = `${h.prefix}db`;
    const old = await seedRotatable(name);
    const result = await h.run(POLICY, { 'secret-ids': name });
    expect(result.errors, result.log).toEqual([]);
    expect(result.exitCode).toBe(0);
    const [rotation] = h.simulator.rotations;
    expect(h.simulator.rotations.map((r) => [r.status, r.completedSteps.length])).toEqual([['succeeded', 4]]);
    expect(result.outputs).toEqual({ 'version-ids': JSON.stringify({ [name]: rotation!.versionId }), rotated: JSON.stringify([name]) });
    expect((await describeSecretState(h.moto.server.endpoint, name)).versions).toEqual({ [old]: ['AWSPREVIOUS'], [rotation!.versionId]: ['AWSCURRENT'] });
    expectCalls({ 'secretsmanager:RotateSecret': 1 }, 2);
    expect(h.denials()).toEqual([]);
    h.expectNoLeaks(result);
  });

  it('names secretsmanager:RotateSecret when it is missing, and AWSCURRENT stays', async () => {
    const name = `${h.prefix}no-rotate`;
    const old = await seedRotatable(name);
    const result = await h.run(withoutAction(POLICY, 'secretsmanager:RotateSecret'), { 'secret-ids': name });
    expect(failureMessage(result).split('\n')).toEqual([
      'rotate-secret: Rotation failed for 1 secret:',
      `  - '${name}': could not rotate (RotateSecret for secret '${name}' failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      '  - The role needs secretsmanager:RotateSecret on the secret (see the IAM policy in the README).',
      '  - RotateSecret also needs lambda:InvokeFunction on the rotation function.',
      '  - A secret encrypted with a customer managed KMS key also needs kms:Decrypt and kms:GenerateDataKey on that key for rotation.)',
    ]);
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:DescribeSecret': 1, 'secretsmanager:RotateSecret': 1 });
    expect(result.outputs).toEqual({ 'version-ids': '{}', rotated: '[]' });
    expect(h.simulator.rotations).toEqual([]);
    expect((await describeSecretState(h.moto.server.endpoint, name)).versions).toEqual({ [old]: ['AWSCURRENT'] });
    expect(h.denials()).toEqual(['secretsmanager:RotateSecret']);
    h.expectNoLeaks(result);
  });

  it('names secretsmanager:DescribeSecret when it is missing, and starts no rotation', async () => {
    const name = `${h.prefix}no-describe`;
    const old = await seedRotatable(name);
    const result = await h.run(withoutAction(POLICY, 'secretsmanager:DescribeSecret'), { 'secret-ids': name });
    expect(failureMessage(result).split('\n')).toEqual([
      'rotate-secret: Rotation failed for 1 secret:',
      `  - '${name}': could not rotate (DescribeSecret for secret '${name}' failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      '  - The role needs secretsmanager:DescribeSecret on the secret (see the IAM policy in the README).',
      '  - A secret encrypted with a customer managed KMS key also needs kms:Decrypt and kms:GenerateDataKey on that key for rotation.)',
    ]);
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:DescribeSecret': 1 });
    expect(h.denials()).toEqual(['secretsmanager:DescribeSecret']);
    expect(h.simulator.rotations).toEqual([]);
    expect((await describeSecretState(h.moto.server.endpoint, name)).versions).toEqual({ [old]: ['AWSCURRENT'] });
    h.expectNoLeaks(result);
  });

  /** Leaves AWSPENDING on a version of its own: an earlier rotation that never finished. */
  async function leaveStalePending(name: string): Promise<void> {
    const value = `stale-${randomBytes(12).toString('hex')}`;
    h.remember(value);
    await writeSecretVersion(h.moto.server.endpoint, name, value, { stages: ['AWSPENDING'], token: STALE });
  }

  it('reports an unfinished rotation with its age (on-pending: fail, ListSecretVersionIds)', async () => {
    const name = `${h.prefix}stuck`;
    const current = await seedRotatable(name);
    await leaveStalePending(name);
    const result = await h.run(POLICY, { 'secret-ids': name });
    const message = failureMessage(result);
    const prefix = `rotate-secret: Rotation failed for 1 secret:\n  - '${name}': could not rotate (Secret '${name}' has an unfinished rotation: version '${STALE}' holds AWSPENDING but AWSCURRENT is '${current}', created `;
    expect(message.startsWith(prefix), message).toBe(true);
    expect(message.slice(prefix.length)).toMatch(/^\d+ s ago \(\d{4}-\d\d-\d\dT[\d:.]+Z\)\. Set 'on-pending' to 'wait' or 'clear', or finish or cancel that rotation\.\)$/);
    // ListSecretVersionIds gives the stuck version's age; no rotation starts.
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:DescribeSecret': 1, 'secretsmanager:ListSecretVersionIds': 1 });
    expect(h.denials()).toEqual([]);
    h.expectNoLeaks(result);
  });

  it('clears a stale AWSPENDING, then rotates (on-pending: clear, UpdateSecretVersionStage)', async () => {
    const name = `${h.prefix}cleared`;
    const old = await seedRotatable(name);
    await leaveStalePending(name);
    const result = await h.run(POLICY, { 'secret-ids': name, 'on-pending': 'clear' });
    expect(result.errors, result.log).toEqual([]);
    expect(result.exitCode).toBe(0);
    const version = (JSON.parse(result.outputs['version-ids']!) as Record<string, string>)[name]!;
    expect((await describeSecretState(h.moto.server.endpoint, name)).versions).toEqual({ [old]: ['AWSPREVIOUS'], [STALE]: [], [version]: ['AWSCURRENT'] });
    expectCalls({ 'secretsmanager:UpdateSecretVersionStage': 1, 'secretsmanager:RotateSecret': 1 }, 3);
    expect(h.denials()).toEqual([]);
    h.expectNoLeaks(result);
  });

  it('names secretsmanager:UpdateSecretVersionStage when on-pending: clear may not remove the label', async () => {
    const name = `${h.prefix}no-clear`;
    const current = await seedRotatable(name);
    await leaveStalePending(name);
    const result = await h.run(withoutAction(POLICY, 'secretsmanager:UpdateSecretVersionStage'), { 'secret-ids': name, 'on-pending': 'clear' });
    expect(failureMessage(result).split('\n')).toEqual([
      'rotate-secret: Rotation failed for 1 secret:',
      `  - '${name}': could not rotate (UpdateSecretVersionStage for secret '${name}' failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      '  - The role needs secretsmanager:UpdateSecretVersionStage on the secret (see the IAM policy in the README).',
      '  - A secret encrypted with a customer managed KMS key also needs kms:Decrypt and kms:GenerateDataKey on that key for rotation.)',
    ]);
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:DescribeSecret': 1, 'secretsmanager:UpdateSecretVersionStage': 1 });
    expect(h.denials()).toEqual(['secretsmanager:UpdateSecretVersionStage']);
    expect((await describeSecretState(h.moto.server.endpoint, name)).versions).toEqual({ [current]: ['AWSCURRENT'], [STALE]: ['AWSPENDING'] });
    h.expectNoLeaks(result);
  });
});
