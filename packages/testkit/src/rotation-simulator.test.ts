import { CreateSecretCommand, DescribeSecretCommand, PutSecretValueCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMoto, type MotoServer } from './moto.js';
import { startRotationSimulator, type RotationSimulator } from './rotation-simulator.js';
import { secretsClient } from './seed.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:rotate';

describe('startRotationSimulator', { timeout: 180_000 }, () => {
  let moto: MotoServer;
  let simulator: RotationSimulator;
  let n = 0;
  const fresh = async (value = 'seed-value'): Promise<string> => {
    const name = `sim-${Date.now()}-${n++}`;
    await secretsClient(moto.endpoint).send(new CreateSecretCommand({ Name: name, SecretString: value }));
    return name;
  };
  const stagesOf = async (name: string) => (await secretsClient(simulator.endpoint).send(new DescribeSecretCommand({ SecretId: name }))).VersionIdsToStages;

  beforeAll(async () => {
    moto = await startMoto();
    simulator = await startRotationSimulator({ target: moto.endpoint, startDelayMs: 10, stepDelayMs: 5 });
  });
  afterAll(async () => {
    await simulator.stop();
    await moto.stop();
  });

  it('counts how many rotations ran at once: two started together overlap, one after another never do', async () => {
    const [first, second] = [await fresh(), await fresh()];
    const client = secretsClient(simulator.endpoint);
    simulator.reset();
    await client.send(new RotateSecretCommand({ SecretId: first, RotationLambdaARN: LAMBDA }));
    await simulator.settled();
    expect(simulator.peakRunning).toBe(1);
    simulator.reset();
    // A long start delay keeps the first running while the second starts, however slow the machine.
    simulator.setBehaviour(first, { startDelayMs: 500 });
    await Promise.all([first, second].map((name) => client.send(new RotateSecretCommand({ SecretId: name, RotationLambdaARN: LAMBDA }))));
    await simulator.settled();
    expect(simulator.peakRunning).toBe(2);
  });

  it('returns the token as the new version at once, then plays the four steps so it becomes AWSCURRENT', async () => {
    const name = await fresh();
    const old = Object.keys((await stagesOf(name))!)[0]!;
    const token = 'tok00000-0000-4000-8000-000000000001';
    const response = await secretsClient(simulator.endpoint).send(
      new RotateSecretCommand({ SecretId: name, ClientRequestToken: token, RotationLambdaARN: LAMBDA, RotationRules: { ScheduleExpression: 'rate(7 days)' } }),
    );
    expect(response.VersionId).toBe(token);
    await simulator.settled();
    expect(await stagesOf(name)).toEqual({ [old]: ['AWSPREVIOUS'], [token]: ['AWSCURRENT'] });
    const rotation = simulator.rotations.find((r) => r.versionId === token)!;
    expect([rotation.status, rotation.completedSteps]).toEqual(['succeeded', ['createSecret', 'setSecret', 'testSecret', 'finishSecret']]);
    const described = await secretsClient(simulator.endpoint).send(new DescribeSecretCommand({ SecretId: name }));
    expect([described.RotationEnabled, described.RotationLambdaARN, described.RotationRules]).toEqual([true, LAMBDA, { ScheduleExpression: 'rate(7 days)' }]);
  });

  it('stops at the failing step, leaving AWSPENDING on the new version', async () => {
    const name = await fresh();
    simulator.setBehaviour(name, { failAt: 'finishSecret' });
    const { VersionId } = await secretsClient(simulator.endpoint).send(new RotateSecretCommand({ SecretId: name, RotationLambdaARN: LAMBDA }));
    await simulator.settled();
    const rotation = simulator.rotations.find((r) => r.versionId === VersionId)!;
    expect([rotation.status, rotation.error, rotation.completedSteps]).toEqual(['failed', 'Error: simulated failure in finishSecret', ['createSecret', 'setSecret', 'testSecret']]);
    expect((await stagesOf(name))![VersionId!]).toEqual(['AWSPENDING']);
  });

  it('refuses a rotation while another is unfinished, as AWS does', async () => {
    const name = await fresh();
    await secretsClient(moto.endpoint).send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'pending', ClientRequestToken: 'stale000-0000-4000-8000-000000000001', VersionStages: ['AWSPENDING'] }),
    );
    await expect(secretsClient(simulator.endpoint).send(new RotateSecretCommand({ SecretId: name, RotationLambdaARN: LAMBDA }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: "A previous rotation isn't complete. That rotation will be reattempted.",
    });
  });

  it('refuses a secret without a rotation function, and an unknown secret', async () => {
    const name = await fresh();
    await expect(secretsClient(simulator.endpoint).send(new RotateSecretCommand({ SecretId: name }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: 'No Lambda rotation function ARN is associated with this secret.',
    });
    await expect(secretsClient(simulator.endpoint).send(new RotateSecretCommand({ SecretId: `${name}-missing`, RotationLambdaARN: LAMBDA }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
