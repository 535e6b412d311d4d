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
  createSecrets,
  expectNoLeaks,
  runAction,
  secretsClient,
  stripRequestEcho,
  startRotationSimulator,
  type AwsProxy,
  type OidcTokenServer,
  type RotationSimulator,
  type StepResult,
} from '@aws-secrets-actions/testkit';
import { useStepServices } from '@aws-secrets-actions/testkit/vitest';
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
  const motoEndpoint = inject('motoEndpoint');
  let simulator: RotationSimulator | undefined;
  // Started first: the services' proxy forwards to it.
  beforeAll(async () => {
    simulator = await startRotationSimulator({ target: motoEndpoint, startDelayMs: 100, stepDelayMs: 20 });
  });
  const services = useStepServices({ target: () => simulator!.endpoint, prefixStart: 'e2e-' });
  // proxy, oidc and prefix are read through to the services, which set them once the tests start.
  const harness = Object.create(services) as { -readonly [K in keyof Harness]: Harness[K] };
  harness.motoEndpoint = motoEndpoint;
  Object.defineProperty(harness, 'simulator', { get: () => simulator! });
  beforeEach(() => {
    harness.simulator.reset();
  });
  afterEach(async () => {
    await harness.simulator.settled();
  });
  afterAll(async () => {
    await harness.simulator.stop();
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
      env: services.stepEnv(),
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
