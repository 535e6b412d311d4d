import {
  actionDir,
  createSecrets,
  expectNoLeaks,
  runAction,
  runPostStep,
  stripRequestEcho,
  type AwsProxy,
  type OidcTokenServer,
  type SeedSecret,
  type StepResult,
} from '@aws-secrets-actions/testkit';
import { useStepServices } from '@aws-secrets-actions/testkit/vitest';
import { inject } from 'vitest';

export const ACTION_DIR = actionDir('get-secrets');
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/e2e-get-secrets';
export const ACCOUNT = '123456789012';
/** A name that never resolves: only the proxy (as HTTP_PROXY) can reach moto through it. */
export const PROXIED_HOST = 'aws.internal.test';

/** What every end-to-end test stands on: moto behind a counting proxy, and a token endpoint. */
export interface Harness {
  readonly motoEndpoint: string;
  readonly proxy: AwsProxy;
  readonly oidc: OidcTokenServer;
  /** A fresh name prefix per test, so tests never see each other's secrets. */
  prefix: string;
  /** Creates secrets in moto (names as given) and remembers their values for the leak check. */
  seed(secrets: readonly SeedSecret[]): Promise<Record<string, string>>;
  /** Runs the committed bundle's main step with OIDC set up and moto behind the proxy. */
  run(inputs: Record<string, string>, env?: Record<string, string | undefined>): Promise<StepResult>;
  /** Runs the post step after `main`. */
  runPost(main: StepResult): Promise<StepResult>;
  /** Every value seeded so far and every OIDC token issued: none may leak. */
  secrets(): string[];
  /** Asserts that no seeded value or token shows outside its mask line. */
  expectNoLeaks(result: StepResult, extra?: readonly string[]): void;
}

/** Sets up the harness for one test file. */
export function useHarness(): Harness {
  const seeded: string[] = [];
  const services = useStepServices({ target: () => inject('motoEndpoint'), prefixStart: 'e2e-', proxy: { aliasHosts: [PROXIED_HOST] } });
  // proxy, oidc and prefix are read through to the services, which set them once the tests start.
  const harness = Object.create(services) as { -readonly [K in keyof Harness]: Harness[K] };
  harness.motoEndpoint = inject('motoEndpoint');

  harness.seed = async (secrets) => {
    for (const secret of secrets) {
      if (secret.value !== undefined) seeded.push(secret.value);
    }
    return createSecrets(harness.motoEndpoint, secrets);
  };
  harness.run = (inputs, env = {}) =>
    runAction({
      actionDir: ACTION_DIR,
      inputs,
      env: { ...services.stepEnv(), ...env },
    });
  harness.runPost = (main) => runPostStep({ actionDir: ACTION_DIR }, main);
  harness.secrets = () => [...seeded, ...harness.oidc.tokensIssued];
  harness.expectNoLeaks = (result, extra = []) => {
    // Outputs and the env-file deliver values on purpose; they must still be masked.
    const envFile = result.state['env-file'];
    expectNoLeaks(result, [...harness.secrets(), ...extra], { outputsCarryValues: true, valueFiles: envFile === undefined ? [] : [envFile] });
  };
  return harness;
}

/** Inputs that assume the test role through OIDC in us-east-1. */
export function withRole(inputs: Record<string, string>): Record<string, string> {
  return { 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1', ...inputs };
}

/** The single `::error::` message of a failed step. */
export function failureMessage(result: StepResult): string {
  if (result.exitCode === 0) throw new Error(`The step succeeded; stdout:\n${result.log}`);
  if (result.errors.length !== 1) throw new Error(`Expected one error, got ${result.errors.length}: ${result.errors.join(' | ')}`);
  // The leak check has seen the raw message; the echo of the leak-hunt pass is not part of it.
  return stripRequestEcho(result.errors[0]!);
}

/** An STS error as STS sends it (query protocol, XML). */
export function stsError(code: string, message: string, status = 400): { respond: { status: number; headers: Record<string, string>; body: string } } {
  return {
    respond: {
      status,
      headers: { 'content-type': 'text/xml' },
      body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>e2e</RequestId></ErrorResponse>`,
    },
  };
}
