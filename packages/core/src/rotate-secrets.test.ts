import {
  DescribeSecretCommand,
  ListSecretVersionIdsCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { rotateSecrets, type RotateSecretsOptions } from './rotate-secrets.js';
import { PendingRotationError, startRotation, type StartRotationOptions } from './start-rotation.js';
import { waitForRotation, type RotationClock } from './wait-for-rotation.js';

const sm = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'us-east-1' });
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf';
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:rotate';

/** A clock that only moves when the code under test sleeps. */
function fakeClock(start = 1_000_000): RotationClock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

/** DescribeSecret's answer; `null` for a secret without a rotation function. */
function described(stages: Record<string, string[]>, lambda: string | null = LAMBDA) {
  return { ARN, Name: 'db', VersionIdsToStages: stages, ...(lambda === null ? {} : { RotationLambdaARN: lambda }) };
}

const startOptions: StartRotationOptions = {
  config: { lambdaArn: undefined, rules: undefined },
  rotateImmediately: true,
  onPending: 'fail',
  pendingTimeoutMs: 10_000,
  tokenFor: () => 'token-0000-0000-0000-000000000000',
};

beforeEach(() => {
  sm.reset();
});

describe('startRotation', () => {
  it('calls RotateSecret with the derived token and the given configuration', async () => {
    sm.on(DescribeSecretCommand).resolves(described({ v1: ['AWSCURRENT'] }, null));
    sm.on(RotateSecretCommand).resolves({ ARN, VersionId: 'token-0000-0000-0000-000000000000' });
    const lines: string[] = [];

    const started = await startRotation(
      client,
      'db',
      { ...startOptions, config: { lambdaArn: LAMBDA, rules: { scheduleExpression: 'rate(1 day)', duration: '2h' } } },
      { clock: fakeClock(), log: (line) => lines.push(line) },
    );

    expect(started).toEqual({ arn: ARN, name: 'db', oldVersionId: 'v1', newVersionId: 'token-0000-0000-0000-000000000000', clearedVersionId: undefined });
    expect(sm.commandCalls(RotateSecretCommand)[0]!.args[0].input).toEqual({
      SecretId: 'db',
      ClientRequestToken: 'token-0000-0000-0000-000000000000',
      RotateImmediately: true,
      RotationLambdaARN: LAMBDA,
      RotationRules: { ScheduleExpression: 'rate(1 day)', Duration: '2h' },
    });
    expect(lines).toEqual(["'db': rotation started, new version 'token-0000-0000-0000-000000000000' (AWSCURRENT is 'v1')."]);
  });

  it('refuses a secret with no rotation function configured or given', async () => {
    sm.on(DescribeSecretCommand).resolves(described({ v1: ['AWSCURRENT'] }, null));
    await expect(startRotation(client, 'db', startOptions, { clock: fakeClock(), log: () => undefined })).rejects.toEqual(
      new ConfigurationError("Secret 'db' has no rotation configured: give 'rotation-lambda-arn' (with a schedule) or configure rotation on the secret."),
    );
    expect(sm.commandCalls(RotateSecretCommand)).toHaveLength(0);
  });

  it('fails on an unfinished rotation naming the version and its age', async () => {
    const clock = fakeClock(Date.parse('2024-06-01T12:10:00Z'));
    sm.on(DescribeSecretCommand).resolves(described({ v1: ['AWSCURRENT'], v0: ['AWSPENDING'] }));
    sm.on(ListSecretVersionIdsCommand).resolves({ Versions: [{ VersionId: 'v0', CreatedDate: new Date('2024-06-01T12:00:00Z') }] });
    const error = await startRotation(client, 'db', startOptions, { clock, log: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PendingRotationError);
    expect((error as Error).message).toBe(
      "Secret 'db' has an unfinished rotation: version 'v0' holds AWSPENDING but AWSCURRENT is 'v1', created 10 min ago (2024-06-01T12:00:00.000Z). Set 'on-pending' to 'wait' or 'clear', or finish or cancel that rotation.",
    );
  });

  it('clears an unfinished AWSPENDING with on-pending: clear, then rotates', async () => {
    sm.on(DescribeSecretCommand)
      .resolvesOnce(described({ v1: ['AWSCURRENT'], v0: ['AWSPENDING'] }))
      .resolves(described({ v1: ['AWSCURRENT'], v0: [] }));
    sm.on(RotateSecretCommand).resolves({ VersionId: 'new' });
    const started = await startRotation(client, 'db', { ...startOptions, onPending: 'clear' }, { clock: fakeClock(), log: () => undefined });
    expect(sm.commandCalls(UpdateSecretVersionStageCommand)[0]!.args[0].input).toEqual({ SecretId: 'db', VersionStage: 'AWSPENDING', RemoveFromVersionId: 'v0' });
    expect(started.clearedVersionId).toBe('v0');
  });

  it('waits for an unfinished rotation with on-pending: wait, polling with backoff', async () => {
    sm.on(DescribeSecretCommand)
      .resolvesOnce(described({ v1: ['AWSCURRENT'], v0: ['AWSPENDING'] }))
      .resolvesOnce(described({ v1: ['AWSCURRENT'], v0: ['AWSPENDING'] }))
      .resolves(described({ v1: ['AWSPREVIOUS'], v0: ['AWSCURRENT'] }));
    sm.on(RotateSecretCommand).resolves({ VersionId: 'new' });
    const clock = fakeClock();
    const started = await startRotation(client, 'db', { ...startOptions, onPending: 'wait' }, { clock, log: () => undefined });
    expect(clock.sleeps).toEqual([500, 750]);
    expect(started.oldVersionId).toBe('v0');
  });

  it('resumes, without pending handling, a rotation this step started (same token)', async () => {
    sm.on(DescribeSecretCommand).resolves(described({ v1: ['AWSCURRENT'], 'token-0000-0000-0000-000000000000': ['AWSPENDING'] }));
    sm.on(RotateSecretCommand).resolves({ VersionId: 'token-0000-0000-0000-000000000000' });
    await startRotation(client, 'db', startOptions, { clock: fakeClock(), log: () => undefined });
    expect(sm.commandCalls(ListSecretVersionIdsCommand)).toHaveLength(0);
    expect(sm.commandCalls(RotateSecretCommand)).toHaveLength(1);
  });
});

describe('waitForRotation', () => {
  it('polls with backoff until the new version is AWSCURRENT', async () => {
    sm.on(DescribeSecretCommand)
      .resolvesOnce(described({ v1: ['AWSCURRENT'] }))
      .resolvesOnce(described({ v1: ['AWSCURRENT'], v2: ['AWSPENDING'] }))
      .resolves(described({ v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT'] }));
    const clock = fakeClock();
    const result = await waitForRotation(client, { secretId: 'db', oldVersionId: 'v1', newVersionId: 'v2' }, { timeoutMs: 60_000 }, clock);
    expect(result).toEqual({ outcome: 'succeeded', reason: undefined, stages: ['AWSCURRENT'], currentVersionId: 'v2' });
    expect(clock.sleeps).toEqual([500, 750, 1125]);
  });

  it('times out at the deadline, taking one last look there', async () => {
    sm.on(DescribeSecretCommand).resolves(described({ v1: ['AWSCURRENT'], v2: ['AWSPENDING'] }));
    const clock = fakeClock();
    const result = await waitForRotation(client, { secretId: 'db', oldVersionId: 'v1', newVersionId: 'v2' }, { timeoutMs: 2000 }, clock);
    expect(result).toEqual({ outcome: 'timed-out', reason: 'not finished after 2 s (the new version holds AWSPENDING)', stages: ['AWSPENDING'], currentVersionId: 'v1' });
    expect(clock.sleeps).toEqual([500, 750, 750]);
  });
});

describe('rotateSecrets', () => {
  const options: RotateSecretsOptions = {
    ...startOptions,
    targets: [{ secretId: 'db', region: 'us-east-1' }],
    wait: true,
    timeoutMs: 1000,
    rollbackOnFailure: true,
    concurrency: 10,
  };

  it('removes the AWSPENDING it created after a timeout with rollback-on-failure, never touching AWSCURRENT', async () => {
    sm.on(DescribeSecretCommand)
      .resolvesOnce(described({ v1: ['AWSCURRENT'] }))
      .resolves(described({ v1: ['AWSCURRENT'], new: ['AWSPENDING'] }));
    sm.on(RotateSecretCommand).resolves({ VersionId: 'new' });
    const [result] = await rotateSecrets(options, { client: () => client, clock: fakeClock(), log: () => undefined });
    expect(result).toMatchObject({ result: 'timed-out', newVersionId: 'new', stages: [], rolledBack: true });
    expect(sm.commandCalls(UpdateSecretVersionStageCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: 'db', VersionStage: 'AWSPENDING', RemoveFromVersionId: 'new' },
    ]);
  });

  it('reports a secret that cannot be started as an error, with the AWS message', async () => {
    sm.on(DescribeSecretCommand).rejects(Object.assign(new Error('Secrets Manager can’t find the specified secret.'), { name: 'ResourceNotFoundException' }));
    const [result] = await rotateSecrets(options, { client: () => client, clock: fakeClock(), log: () => undefined });
    expect(result).toMatchObject({ result: 'error', reason: "DescribeSecret for secret 'db' failed: ResourceNotFoundException: Secrets Manager can’t find the specified secret." });
  });
});
