import type { AwsProxy } from '../aws-proxy.js';
import type { OidcTokenServer } from '../oidc-server.js';
import { runAction } from '../runner.js';
import type { StepResult } from '../runner.js';
import { DUMMY_CREDENTIALS } from '../seed.js';

/** The role get-secrets assumes; moto accepts any role in its default account. */
export const BENCH_ROLE_ARN = 'arn:aws:iam::123456789012:role/bench-get-secrets';
export const BENCH_REGION = 'us-east-1';

/** A baseline run at N = 500 takes about 18 s; leave room for a slow machine. */
const STEP_TIMEOUT_MS = 180_000;

/** What every run talks to. */
export interface BenchServices {
  readonly proxy: AwsProxy;
  readonly oidc: OidcTokenServer;
}

/** One action under test: how to make it fetch secrets, and how to make it stop right after start. */
export interface Contender {
  readonly name: string;
  /** Runs the main step fetching `secretIds` (names, one per line in `secret-ids`). */
  fetch(secretIds: readonly string[]): Promise<StepResult>;
  /** Runs the main step with inputs that end it before any AWS call. */
  startup(): Promise<StepResult>;
  /** Whether a {@link startup} result is the expected early stop. */
  stoppedEarly(result: StepResult): boolean;
}

/**
 * get-secrets' committed bundle, assuming a role through the local OIDC token endpoint with
 * every AWS call going through the counting proxy.
 */
export function getSecretsContender(actionDir: string, services: BenchServices): Contender {
  const run = async (secretIds: string): Promise<StepResult> =>
    runAction({
      actionDir,
      inputs: { 'secret-ids': secretIds, 'role-to-assume': BENCH_ROLE_ARN, 'aws-region': BENCH_REGION },
      env: { AWS_ENDPOINT_URL: services.proxy.endpoint, ...services.oidc.env() },
      timeoutMs: STEP_TIMEOUT_MS,
    });
  return {
    name: 'get-secrets',
    fetch: async (secretIds) => run(secretIds.join('\n')),
    // Commas never occur in a secret name, so two of them fail input validation before any call.
    startup: async () => run('a,b,c'),
    stoppedEarly: (result) => result.exitCode === 1 && result.errors.length === 1 && Object.keys(result.env).length === 0,
  };
}

/**
 * The sequential baseline (see `baseline/main.ts`), with static credentials and region in the
 * env as configure-aws-credentials leaves them for the official action.
 */
export function baselineContender(actionDir: string, services: BenchServices): Contender {
  const run = async (secretIds: string): Promise<StepResult> =>
    runAction({
      actionDir,
      inputs: { 'secret-ids': secretIds },
      env: {
        AWS_ENDPOINT_URL: services.proxy.endpoint,
        AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
        AWS_REGION: BENCH_REGION,
        AWS_DEFAULT_REGION: BENCH_REGION,
      },
      timeoutMs: STEP_TIMEOUT_MS,
    });
  return {
    name: 'baseline',
    fetch: async (secretIds) => run(secretIds.join('\n')),
    startup: async () => run(''),
    stoppedEarly: (result) => result.exitCode === 0 && result.errors.length === 0 && Object.keys(result.env).length === 0,
  };
}
