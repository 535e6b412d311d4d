import { randomBytes } from 'node:crypto';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type DescribeSecretCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import {
  actionDir,
  cleanupStepTempDirs,
  createSecrets,
  expectNoLeaks,
  isLeakHunt,
  runAction,
  secretsClient,
  startAwsProxy,
  stripRequestEcho,
  startOidcTokenServer,
  startRotationSimulator,
  type AwsProxy,
  type OidcTokenServer,
  type RotationSimulator,
  type StepResult,
} from '@aws-secrets-actions/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';

export const ACTION_DIR = actionDir('rotate-secret');
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/e2e-rotate-secret';
export const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:e2e-rotator';

/** What every end-to-end test stands on: moto, the rotation simulator in front of it, a counting proxy in front of that, and a token endpoint. */
export interface Harness {
  readonly motoEndpoint: string;
  readonly simulator: RotationSimulator;
  readonly proxy: AwsProxy;
  readonly oidc: OidcTokenServer;
  /** A fresh name prefix per test, so tests never see each other's secrets. */
  prefix: string;
  /** Creates secrets named `prefix + name` with a random value each, optionally with rotation configured; returns their full names. */
  seed(names: readonly string[], options?: { configured?: boolean }): Promise<string[]>;
  /** Runs the committed bundle's main step with OIDC set up and AWS behind the proxy. */
  run(inputs: Record<string, string>): Promise<StepResult>;
  /** Asserts that no seeded value, simulated new value or token shows anywhere it must not. */
  expectNoLeaks(result: StepResult): void;
  /** DescribeSecret straight from moto (through the simulator, which shows the rotation configuration). */
  describe(secretId: string): Promise<DescribeSecretCommandOutput>;
  /** Version id → labels, as moto holds them. */
  stages(secretId: string): Promise<Record<string, string[]>>;
  /** The version id holding AWSCURRENT. */
  currentVersion(secretId: string): Promise<string>;
  /** Writes a version holding only AWSPENDING: an unfinished rotation. */
  stalePending(secretId: string, versionId: string): Promise<void>;
  /** Removes AWSPENDING from a version behind the action's back. */
  stalePendingRemoved(secretId: string, versionId: string): Promise<void>;
}

/** Sets up the harness for one test file. */
export function useHarness(): Harness {
  const seeded: string[] = [];
  const harness = { motoEndpoint: '', prefix: '' } as { -readonly [K in keyof Harness]: Harness[K] };

  beforeAll(async () => {
    harness.motoEndpoint = inject('motoEndpoint');
    harness.simulator = await startRotationSimulator({ target: harness.motoEndpoint, startDelayMs: 100, stepDelayMs: 20 });
    // The leak-hunt pass (see the testkit) makes every AWS error quote the request.
    harness.proxy = await startAwsProxy({ target: harness.simulator.endpoint, echoRequestInErrors: isLeakHunt() });
    harness.oidc = await startOidcTokenServer();
  });
  beforeEach(() => {
    harness.prefix = `e2e-${randomBytes(4).toString('hex')}/`;
    harness.proxy.resetCounts();
    harness.proxy.setInterceptor(undefined);
    harness.simulator.reset();
    harness.oidc.requests.length = 0;
  });
  afterEach(async () => {
    await harness.simulator.settled();
  });
  afterAll(async () => {
    await Promise.all([harness.proxy.stop(), harness.simulator.stop(), harness.oidc.stop()]);
    await cleanupStepTempDirs();
  });

  const client = () => secretsClient(harness.simulator.endpoint);
  harness.seed = async (names, options = {}) => {
    const secrets = names.map((name) => ({ name: `${harness.prefix}${name}`, value: `seed-${randomBytes(12).toString('hex')}` }));
    seeded.push(...secrets.map((secret) => secret.value));
    await createSecrets(harness.motoEndpoint, secrets);
    if (options.configured !== false) {
      for (const secret of secrets) {
        await harness.simulator.configureRotation(secret.name, { lambdaArn: LAMBDA_ARN, rules: { AutomaticallyAfterDays: 30 } });
      }
    }
    return secrets.map((secret) => secret.name);
  };
  harness.run = (inputs) =>
    runAction({
      actionDir: ACTION_DIR,
      inputs: { 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1', ...inputs },
      env: { ...harness.oidc.env(), AWS_ENDPOINT_URL: harness.proxy.endpoint },
    });
  harness.expectNoLeaks = (result) => {
    expectNoLeaks(result, [...seeded, ...harness.simulator.createdValues, ...harness.oidc.tokensIssued]);
  };
  harness.describe = async (secretId) => {
    const c = client();
    try {
      return await c.send(new DescribeSecretCommand({ SecretId: secretId }));
    } finally {
      c.destroy();
    }
  };
  harness.stages = async (secretId) => {
    const described = await harness.describe(secretId);
    const stages: Record<string, string[]> = {};
    for (const [id, labels] of Object.entries(described.VersionIdsToStages ?? {})) stages[id] = [...labels].sort();
    return stages;
  };
  harness.currentVersion = async (secretId) => {
    const c = client();
    try {
      const value = await c.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT' }));
      return value.VersionId ?? '';
    } finally {
      c.destroy();
    }
  };
  harness.stalePending = async (secretId, versionId) => {
    const value = `stale-${randomBytes(12).toString('hex')}`;
    seeded.push(value);
    const c = client();
    try {
      await c.send(new PutSecretValueCommand({ SecretId: secretId, ClientRequestToken: versionId, SecretString: value, VersionStages: ['AWSPENDING'] }));
    } finally {
      c.destroy();
    }
  };
  harness.stalePendingRemoved = async (secretId, versionId) => {
    const c = client();
    try {
      await c.send(new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: 'AWSPENDING', RemoveFromVersionId: versionId }));
    } finally {
      c.destroy();
    }
  };
  return harness;
}

/** The single `::error::` message of a failed step. */
export function failureMessage(result: StepResult): string {
  if (result.exitCode === 0) throw new Error(`The step succeeded; stdout:\n${result.log}`);
  if (result.errors.length !== 1) throw new Error(`Expected one error, got ${result.errors.length}: ${result.errors.join(' | ')}`);
  // The leak check has seen the raw message; the echo of the leak-hunt pass is not part of it.
  return stripRequestEcho(result.errors[0]!);
}
