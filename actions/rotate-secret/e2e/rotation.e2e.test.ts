import { deriveRotationToken } from '@aws-secrets-actions/core';
import { expectNoLeaks } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { LAMBDA_ARN, failureMessage, useHarness } from './harness.js';

const h = useHarness();
const RUN_ENV = {
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_RUN_ID: '1234567890',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'test',
  GITHUB_ACTION: 'Rotate AWS secrets (rotate-secret)',
};

describe('rotate-secret', () => {
  it('rotates one secret and waits until the new version is AWSCURRENT', async () => {
    const [name] = await h.seed(['db']);
    const old = await h.currentVersion(name!);
    const arn = (await h.describe(name!)).ARN!;
    const expectedVersion = deriveRotationToken(RUN_ENV, arn)!;

    const result = await h.run({ 'secret-ids': name! });

    expect(result.exitCode, result.log).toBe(0);
    expect(result.outputs).toEqual({ 'version-ids': JSON.stringify({ [name!]: expectedVersion }), rotated: JSON.stringify([name]) });
    expect(await h.stages(name!)).toEqual({ [old]: ['AWSPREVIOUS'], [expectedVersion]: ['AWSCURRENT'] });
    expect(h.simulator.rotations.map((r) => [r.versionId, r.status, r.completedSteps.length])).toEqual([[expectedVersion, 'succeeded', 4]]);
    expect(h.proxy.count('secretsmanager:RotateSecret')).toBe(1);
    expect(h.proxy.count('sts:AssumeRoleWithWebIdentity')).toBe(1);
    expect(result.log).toContain(`'${name!}': rotated; version '${expectedVersion}' is AWSCURRENT.`);
    expect(result.summary).toContain('| Secret | Old version | New version | Duration | Result |');
    expect(result.summary).toContain(`| <code>${name!}</code> | <code>${old}</code> | <code>${expectedVersion}</code> |`);
    expect(result.summary).toContain('✅ rotated');
    h.expectNoLeaks(result);
  });

  it('exports the assumed credentials, each masked, with export-credentials', async () => {
    const [name] = await h.seed(['exported']);

    const result = await h.run({ 'secret-ids': name!, 'export-credentials': 'true' });

    expect(result.exitCode, result.log).toBe(0);
    expect(Object.keys(result.env).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
    expect(result.env.AWS_REGION).toBe('us-east-1');
    const credentials = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'].map((variable) => result.env[variable]!);
    expect(result.masks).toEqual(expect.arrayContaining(credentials));
    h.expectNoLeaks(result);
    // The credentials too: exported, so they must be masked, and shown nowhere else.
    expectNoLeaks(result, credentials);
  });

  it('rotates five secrets in parallel', async () => {
    const names = await h.seed(['a', 'b', 'c', 'd', 'e']);
    const olds = await Promise.all(names.map((name) => h.currentVersion(name)));

    const result = await h.run({ 'secret-ids': names.join('\n') });

    expect(result.exitCode, result.log).toBe(0);
    const versionIds = JSON.parse(result.outputs['version-ids']!) as Record<string, string>;
    expect(Object.keys(versionIds)).toEqual(names);
    expect(JSON.parse(result.outputs.rotated!)).toEqual(names);
    for (const [index, name] of names.entries()) {
      expect(await h.stages(name)).toEqual({ [olds[index]!]: ['AWSPREVIOUS'], [versionIds[name]!]: ['AWSCURRENT'] });
    }
    expect(h.proxy.count('secretsmanager:RotateSecret')).toBe(5);
    expect(h.simulator.rotations).toHaveLength(5);
    // In parallel: rotations overlapped (one at a time would never have two running).
    expect(h.simulator.peakRunning).toBeGreaterThan(1);
    h.expectNoLeaks(result);
  });

  it('configures rotation in the same call: the Lambda ARN and schedule show in DescribeSecret afterwards', async () => {
    const [name] = await h.seed(['api'], { configured: false });
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:configured-by-action';

    const result = await h.run({ 'secret-ids': name!, 'rotation-lambda-arn': lambda, 'rotation-schedule': 'rate(10 days)', 'rotation-window': '3h' });

    expect(result.exitCode, result.log).toBe(0);
    const described = await h.describe(name!);
    expect([described.RotationEnabled, described.RotationLambdaARN, described.RotationRules]).toEqual([
      true,
      lambda,
      { ScheduleExpression: 'rate(10 days)', Duration: '3h' },
    ]);
    expect(JSON.parse(result.outputs.rotated!)).toEqual([name]);
    h.expectNoLeaks(result);
  });

  it('with wait: false, starts the rotation and returns without polling', async () => {
    const [name] = await h.seed(['nowait']);
    const old = await h.currentVersion(name!);

    const result = await h.run({ 'secret-ids': name!, wait: 'false' });

    expect(result.exitCode, result.log).toBe(0);
    const versionIds = JSON.parse(result.outputs['version-ids']!) as Record<string, string>;
    expect(versionIds[name!]).toBe(h.simulator.rotations[0]!.versionId);
    expect(JSON.parse(result.outputs.rotated!)).toEqual([name]);
    // One DescribeSecret before RotateSecret, none after: the step did not wait.
    expect(h.proxy.count('secretsmanager:DescribeSecret')).toBe(1);
    expect(result.summary).toContain('▶️ started (not waited for)');
    expect(await h.currentVersion(name!)).toBe(old);
    await h.simulator.settled();
    expect(await h.currentVersion(name!)).toBe(versionIds[name!]);
    h.expectNoLeaks(result);
  });

  it('with rotate-immediately: false, only configures rotation', async () => {
    const [name] = await h.seed(['later'], { configured: false });
    const old = await h.currentVersion(name!);

    const result = await h.run({ 'secret-ids': name!, 'rotation-lambda-arn': LAMBDA_ARN, 'automatically-after-days': '7', 'rotate-immediately': 'false' });

    expect(result.exitCode, result.log).toBe(0);
    expect(result.outputs).toEqual({ 'version-ids': '{}', rotated: '[]' });
    expect(h.simulator.rotations).toEqual([]);
    expect((await h.describe(name!)).RotationRules).toEqual({ AutomaticallyAfterDays: 7 });
    expect(await h.stages(name!)).toEqual({ [old]: ['AWSCURRENT'] });
    h.expectNoLeaks(result);
  });

  it('fails naming the secret when it has no rotation configured and none is given', async () => {
    const [name] = await h.seed(['plain'], { configured: false });

    const result = await h.run({ 'secret-ids': name! });

    expect(failureMessage(result)).toBe(
      `rotate-secret: Rotation failed for 1 secret:\n  - '${name!}': could not rotate (Secret '${name!}' has no rotation configured: give 'rotation-lambda-arn' (with a schedule) or configure rotation on the secret.)`,
    );
    expect(h.proxy.count('secretsmanager:RotateSecret')).toBe(0);
    expect(result.outputs).toEqual({ 'version-ids': '{}', rotated: '[]' });
    h.expectNoLeaks(result);
  });

  it('fails before any AWS call on an invalid input combination', async () => {
    const result = await h.run({ 'secret-ids': 'x', 'rotation-schedule': 'rate(1 days)', 'automatically-after-days': '3' });

    expect(failureMessage(result)).toBe(
      "rotate-secret: Inputs 'rotation-schedule' and 'automatically-after-days' are mutually exclusive: give one of them.",
    );
    expect(h.proxy.calls).toEqual([]);
  });
});
