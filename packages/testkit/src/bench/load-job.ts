import { randomBytes } from 'node:crypto';
import { expectNoLeaks } from '../leak-check.js';
import { runAction } from '../runner.js';
import type { StepResult } from '../runner.js';
import { createSecrets } from '../seed.js';
import type { SeedSecret } from '../seed.js';
import { putParameters } from '../seed-parameters.js';
import type { SeedParameter } from '../seed-parameters.js';
import { BENCH_REGION, BENCH_ROLE_ARN } from './contenders.js';
import type { BenchServices } from './contenders.js';
import { checkRun } from './fetch-bench.js';

/** A realistic job's share: secrets named one by one, one prefix, a few parameters. */
export const JOB_SHAPE = { namedSecrets: 30, prefixSecrets: 10, parameters: 10 } as const;
const PREFIX = 'load/shared/';

/** Generous: a run on a loaded 2-CPU machine behind throttling takes seconds, not minutes. */
const RUN_TIMEOUT_MS = 180_000;

/** What every job of the fleet reads, and what it must export. */
export interface LoadJob {
  readonly secrets: readonly SeedSecret[];
  readonly parameters: readonly SeedParameter[];
  /** The `secret-ids` input: one reference per line. */
  readonly secretIds: string;
  /** Every variable the job must export, with its value. */
  readonly expectedEnv: Readonly<Record<string, string>>;
}

function pad(i: number): string {
  return String(i + 1).padStart(2, '0');
}

/**
 * The job every member of the fleet runs: 30 secrets by name (`load/app/sNN`), every secret under
 * `load/shared/` (10), and 10 SecureString parameters by name with an alias (`LOAD_PNN,ssm:/load/app/pNN`).
 * Values carry a per-bench random tag, so a value under the wrong name cannot pass.
 */
export function loadJob(): LoadJob {
  const tag = randomBytes(4).toString('hex');
  const named = Array.from({ length: JOB_SHAPE.namedSecrets }, (_, i) => ({ name: `load/app/s${pad(i)}`, value: `load-secret-${pad(i)}-${tag}` }));
  const shared = Array.from({ length: JOB_SHAPE.prefixSecrets }, (_, i) => ({ name: `${PREFIX}s${pad(i)}`, value: `load-shared-${pad(i)}-${tag}` }));
  const parameters = Array.from({ length: JOB_SHAPE.parameters }, (_, i) => ({ name: `/load/app/p${pad(i)}`, value: `load-parameter-${pad(i)}-${tag}` }));
  const envName = (secretName: string): string => secretName.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
  return {
    secrets: [...named, ...shared],
    parameters,
    secretIds: [...named.map((secret) => secret.name), `${PREFIX}*`, ...parameters.map((parameter, i) => `LOAD_P${pad(i)},ssm:${parameter.name}`)].join('\n'),
    expectedEnv: Object.fromEntries([
      ...[...named, ...shared].map((secret): [string, string] => [envName(secret.name), secret.value]),
      ...parameters.map((parameter, i): [string, string] => [`LOAD_P${pad(i)}`, parameter.value]),
    ]),
  };
}

/** Creates the job's secrets and parameters in moto directly (not through the counting proxy). */
export async function seedLoadJob(motoEndpoint: string, job: LoadJob): Promise<void> {
  await createSecrets(motoEndpoint, job.secrets);
  await putParameters(motoEndpoint, job.parameters);
}

/** One fleet member's outcome. */
export interface JobRecord {
  readonly durationMs: number;
  /** Undefined when the run exported exactly what it should. */
  readonly failure: string | undefined;
  /** Leak-check findings (names, never values); empty when clean. */
  readonly leaks: readonly string[];
}

function leaksOf(result: StepResult, values: readonly string[]): string[] {
  try {
    expectNoLeaks(result, values);
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/**
 * Runs get-secrets' committed bundle once for `job`, through the proxy and the OIDC endpoint,
 * checks that it exported exactly the expected variables and runs the leak check on it. Never
 * throws for a failed run: a fleet reports every member.
 */
export async function runLoadJob(actionDir: string, services: BenchServices, job: LoadJob, label: string): Promise<JobRecord> {
  const result = await runAction({
    actionDir,
    inputs: { 'secret-ids': job.secretIds, 'role-to-assume': BENCH_ROLE_ARN, 'aws-region': BENCH_REGION },
    env: { AWS_ENDPOINT_URL: services.proxy.endpoint, ...services.oidc.env() },
    timeoutMs: RUN_TIMEOUT_MS,
  });
  let failure: string | undefined;
  try {
    checkRun(label, result, job.expectedEnv);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  // The OIDC tokens are secrets too: every one issued so far, this run's included.
  const secrets = [...Object.values(job.expectedEnv), ...services.oidc.tokensIssued];
  return { durationMs: result.durationMs, failure, leaks: leaksOf(result, secrets) };
}
