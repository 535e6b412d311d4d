import {
  isLeakHunt,
  actionDir,
  expectNoLeaks,
  faultInterceptor,
  runAction,
  startAwsProxy,
  startOidcTokenServer,
  type AwsFaultKind,
  type AwsProxy,
  type OidcTokenServer,
  type StepResult,
  type TokenEndpointFaultKind,
} from '@aws-secrets-actions/testkit';
import { expect } from 'vitest';
import type { FaultRow } from './fault-table.js';

/**
 * The client timeout the bundles run with here: short, so a `slow-response` case costs two
 * seconds per attempt, yet far above what moto needs to answer even on a busy 2-core machine
 * (a spurious timeout would add an attempt and break the exact counts).
 */
export const TEST_REQUEST_TIMEOUT_MS = 2000;

/** A hang detector for one step, not a speed test: the slowest case (persistent STS faults, five attempts with up to 15 s of backoff) stays well under it. */
export const STEP_CEILING_S = 60;

/** The name under which the token endpoint appears in the table. */
export const TOKEN_ENDPOINT = 'token endpoint';

/** A fault case: which operation, which fault, and whether it lasts. */
export interface FaultCase {
  readonly operation: string;
  readonly fault: AwsFaultKind | TokenEndpointFaultKind;
  /** The number of faulted calls K for a transient fault; undefined for a persistent one. */
  readonly transientCalls: number | undefined;
  /** The first faulted call (e.g. 2 to spare the DescribeSecret before a rotation); 1 by default. */
  readonly fromCall?: number;
}

/** The shape column of the table. */
export function shapeOf(faultCase: FaultCase): string {
  return faultCase.transientCalls === undefined ? 'persistent' : `transient (K=${faultCase.transientCalls})`;
}

/**
 * One case's own proxy and token endpoint in front of the shared moto (or another target, such as
 * the rotation simulator): call numbers and counts are the case's alone, so cases run concurrently.
 */
export interface FaultRig {
  readonly proxy: AwsProxy;
  readonly oidc: OidcTokenServer;
  /** Installs the case's fault. */
  inject(faultCase: FaultCase): void;
  /** Runs an action's committed bundle through the proxy with OIDC; returns the result and its wall time in seconds. */
  run(action: string, inputs: Record<string, string>): Promise<{ result: StepResult; seconds: number }>;
  /**
   * Attempts of the faulted call: calls of the operation (or token requests) from the first
   * faulted one up to and including the first answered one, or all of them when none was.
   * Later calls of the same operation (further polls) are other calls, not attempts.
   */
  attempts(faultCase: FaultCase): number;
  /** The leak check: none of `values` nor any issued token shows outside its mask line. */
  expectNoLeaks(result: StepResult, values: readonly string[]): void;
  stop(): Promise<void>;
}

/** Starts a rig in front of `target`. */
export async function startFaultRig(target: string): Promise<FaultRig> {
  const [proxy, oidc] = await Promise.all([startAwsProxy({ target, echoRequestInErrors: isLeakHunt() }), startOidcTokenServer()]);
  return {
    proxy,
    oidc,
    inject: (faultCase) => {
      const count = faultCase.transientCalls;
      if (faultCase.operation === TOKEN_ENDPOINT) {
        oidc.setFault({ kind: faultCase.fault as TokenEndpointFaultKind, ...(count === undefined ? {} : { count }) });
        return;
      }
      proxy.setInterceptor(
        faultInterceptor({
          operation: faultCase.operation,
          kind: faultCase.fault as AwsFaultKind,
          from: faultCase.fromCall ?? 1,
          ...(count === undefined ? {} : { count }),
        }),
      );
    },
    run: async (action, inputs) => {
      const started = performance.now();
      const result = await runAction({
        actionDir: actionDir(action),
        inputs,
        env: { ...oidc.env(), AWS_ENDPOINT_URL: proxy.endpoint, AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS: String(TEST_REQUEST_TIMEOUT_MS) },
      });
      const seconds = (performance.now() - started) / 1000;
      expect(seconds, 'hang detector').toBeLessThan(STEP_CEILING_S);
      return { result, seconds };
    },
    attempts: (faultCase) => {
      const from = (faultCase.fromCall ?? 1) - 1;
      if (faultCase.operation === TOKEN_ENDPOINT) return attemptsUntilAnswered(oidc.requests.slice(from).map((request) => request.fault === undefined));
      // A malformed answer is a 200 too: only a call past the faulted ones counts as answered.
      const faulted = (index: number) => faultCase.transientCalls === undefined || index < faultCase.transientCalls;
      return attemptsUntilAnswered(
        proxy.calls
          .filter((call) => call.operation === faultCase.operation)
          .slice(from)
          .map((call, index) => call.status === 200 && !faulted(index)),
      );
    },
    expectNoLeaks: (result, values) => {
      expectNoLeaks(result, [...values, ...oidc.tokensIssued]);
    },
    stop: async () => {
      await Promise.all([proxy.stop(), oidc.stop()]);
    },
  };
}

/** How many calls it took to get an answer: up to the first `true`, or all of them. */
function attemptsUntilAnswered(answered: readonly boolean[]): number {
  const first = answered.indexOf(true);
  return first === -1 ? answered.length : first + 1;
}

/** The single `::error::` message of a failed step; fails the test, with the log, otherwise. */
export function failureMessage(result: StepResult): string {
  expect(result.exitCode, `the step should fail; log:\n${result.stdout}`).not.toBe(0);
  expect(result.errors, result.stderr).toHaveLength(1);
  return result.errors[0]!;
}

/** Asserts the step succeeded, showing its log when it did not. */
export function expectSuccess(result: StepResult): void {
  expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
  expect(result.errors).toEqual([]);
}

/** A table row for a finished case. */
export function rowOf(action: string, faultCase: FaultCase, result: StepResult, attempts: number, seconds: number): FaultRow {
  return {
    action,
    operation: faultCase.operation,
    fault: faultCase.fault,
    shape: shapeOf(faultCase),
    outcome: result.exitCode === 0 ? 'success' : 'failed cleanly',
    attempts,
    seconds,
  };
}
