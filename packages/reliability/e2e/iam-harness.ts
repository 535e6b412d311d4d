import { randomBytes } from 'node:crypto';
import {
  isLeakHunt,
  actionDir,
  cleanupStepTempDirs,
  expectNoLeaks,
  runAction,
  startAwsProxy,
  startOidcTokenServer,
  startRotationSimulator,
  type AwsProxy,
  type OidcTokenServer,
  type RotationSimulator,
  type StepResult,
} from '@aws-secrets-actions/testkit';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startIamMoto, type IamMoto } from './moto-iam.js';
import { forMoto, type PolicyDocument } from './readme-policies.js';
import { startRotateSecretGate, type RotateSecretGate } from './rotate-secret-gate.js';

/** The action under proof (rotate-secret also gets the rotation simulator in front of moto). */
export type IamActionName = 'get-secrets' | 'put-secret' | 'rotate-secret';

/** moto with IAM checks, a counting proxy, a token endpoint, and one role per file. */
export interface IamHarness {
  readonly moto: IamMoto;
  readonly proxy: AwsProxy;
  readonly oidc: OidcTokenServer;
  /** Only for rotate-secret: the stand-in for the rotation Lambda. */
  readonly simulator: RotationSimulator;
  /** The role the action assumes. */
  readonly roleArn: string;
  /** A fresh name prefix per test. */
  prefix: string;
  /** Remembers values the leak check must never find. */
  remember(...values: string[]): void;
  /**
   * Attaches `policy` (resources widened for moto) to the role, switches IAM checks on so that
   * only the web-identity exchange passes unchecked, runs the committed bundle, switches checks
   * off again and asserts that the exchange was the step's first AWS call and succeeded.
   */
  run(policy: PolicyDocument, inputs: Record<string, string>): Promise<StepResult>;
  /** The step's AWS calls per operation, STS included (403s counted too). */
  counts(): Record<string, number>;
  /** Calls answered 403, in order, as `service:Operation`. */
  denials(): string[];
  /** Asserts that no remembered value and no OIDC token shows outside its mask line. */
  expectNoLeaks(result: StepResult): void;
}

/**
 * Sets up one test file. moto's IAM switch and request counter are global to a server, so every
 * file starts its own moto, and its tests run in sequence (vitest's default within a file).
 */
export function useIamHarness(action: IamActionName): IamHarness {
  const remembered: string[] = [];
  const harness = { prefix: '', roleArn: '' } as { -readonly [K in keyof IamHarness]: IamHarness[K] };
  let gate: RotateSecretGate | undefined;

  beforeAll(async () => {
    harness.moto = await startIamMoto();
    harness.roleArn = await harness.moto.createRole(`iam-${action}`);
    let target = harness.moto.server.endpoint;
    if (action === 'rotate-secret') {
      // The simulator's own calls must pass moto's checks: they use the admin user's keys.
      harness.simulator = await startRotationSimulator({ target, startDelayMs: 50, stepDelayMs: 10, credentials: harness.moto.admin });
      gate = await startRotateSecretGate({ target: harness.simulator.endpoint, moto: harness.moto });
      target = gate.endpoint;
    }
    harness.proxy = await startAwsProxy({ target, echoRequestInErrors: isLeakHunt() });
    harness.oidc = await startOidcTokenServer();
  });
  beforeEach(() => {
    harness.prefix = `iam-${randomBytes(4).toString('hex')}/`;
    harness.proxy.resetCounts();
    if (action === 'rotate-secret') harness.simulator.reset();
  });
  afterAll(async () => {
    await Promise.all([harness.proxy.stop(), harness.oidc.stop(), gate?.stop(), action === 'rotate-secret' ? harness.simulator.stop() : undefined]);
    await harness.moto.stop();
    await cleanupStepTempDirs();
  });

  harness.remember = (...values) => {
    remembered.push(...values);
  };
  harness.run = async (policy, inputs) => {
    await harness.moto.setRolePolicy(`iam-${action}`, forMoto(policy));
    harness.proxy.resetCounts();
    await harness.moto.enforceAfterOneRequest();
    let result: StepResult;
    try {
      result = await runAction({
        actionDir: actionDir(action),
        inputs: { 'role-to-assume': harness.roleArn, 'aws-region': 'us-east-1', ...inputs },
        env: { ...harness.oidc.env(), AWS_ENDPOINT_URL: harness.proxy.endpoint },
      });
      if (action === 'rotate-secret') await harness.simulator.settled();
    } finally {
      await harness.moto.relax();
    }
    // The one unchecked request must have been the web-identity exchange, or the proof is void.
    expect(harness.proxy.calls[0], result.log).toEqual({ operation: 'sts:AssumeRoleWithWebIdentity', status: 200, viaProxy: false });
    return result;
  };
  harness.counts = () => harness.proxy.counts();
  harness.denials = () => harness.proxy.calls.filter((call) => call.status === 403).map((call) => call.operation);
  harness.expectNoLeaks = (result) => {
    expectNoLeaks(result, [...remembered, ...harness.oidc.tokensIssued, ...(action === 'rotate-secret' ? harness.simulator.createdValues : [])], {
      outputsCarryValues: action === 'get-secrets',
    });
  };
  return harness;
}

/** The single `::error::` message of a failed step. */
export function failureMessage(result: StepResult): string {
  if (result.exitCode === 0) throw new Error(`The step succeeded; stdout:\n${result.log}`);
  if (result.errors.length !== 1) throw new Error(`Expected one error, got ${result.errors.length}: ${result.errors.join(' | ')}\n${result.stderr}`);
  return result.errors[0]!;
}

/** Asserts the step succeeded, showing its log when it did not. */
export function expectSuccess(result: StepResult): void {
  expect(result.errors, result.log).toEqual([]);
  expect(result.exitCode, `${result.log}\n${result.stderr}`).toBe(0);
}
