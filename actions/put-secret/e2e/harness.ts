import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  actionDir,
  createSecrets,
  expectNoLeaks,
  putParameters,
  runAction,
  stripRequestEcho,
  type AwsProxy,
  type OidcTokenServer,
  type SeedParameter,
  type SeedSecret,
  type StepResult,
} from '@aws-secrets-actions/testkit';
import { useStepServices } from '@aws-secrets-actions/testkit/vitest';
import { afterAll, expect, inject } from 'vitest';

export const ACTION_DIR = actionDir('put-secret');
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/e2e-put-secret';
export const ACCOUNT = '123456789012';

/** What every end-to-end test stands on: moto behind a counting proxy, and a token endpoint. */
export interface Harness {
  readonly motoEndpoint: string;
  readonly proxy: AwsProxy;
  readonly oidc: OidcTokenServer;
  /** A fresh name prefix per test, so tests never see each other's secrets. */
  prefix: string;
  /** Creates secrets in moto (names as given), remembering their values for the leak check; ARNs by name. */
  seed(secrets: readonly SeedSecret[]): Promise<Record<string, string>>;
  /** Puts parameters in moto, remembering their values; versions by name. */
  seedParameters(parameters: readonly SeedParameter[]): Promise<Record<string, number>>;
  /** Runs the committed bundle with OIDC set up and moto behind the proxy (in a fresh workspace unless given). */
  run(inputs: Record<string, string>, env?: Record<string, string | undefined>, workspace?: string): Promise<StepResult>;
  /** Asserts that no value seeded or named here, and no OIDC token, shows outside its mask line. */
  expectNoLeaks(result: StepResult, values: readonly string[]): void;
}

/** Sets up the harness for one test file. */
export function useHarness(): Harness {
  const seeded: string[] = [];
  const services = useStepServices({ target: () => inject('motoEndpoint'), prefixStart: 'e2e-put-' });
  // proxy, oidc and prefix are read through to the services, which set them once the tests start.
  const harness = Object.create(services) as { -readonly [K in keyof Harness]: Harness[K] };
  harness.motoEndpoint = inject('motoEndpoint');

  harness.seed = async (secrets) => {
    for (const secret of secrets) if (secret.value !== undefined) seeded.push(secret.value);
    return createSecrets(harness.motoEndpoint, secrets);
  };
  harness.seedParameters = async (parameters) => {
    for (const parameter of parameters) seeded.push(parameter.value);
    return putParameters(harness.motoEndpoint, parameters);
  };
  harness.run = (inputs, env = {}, workspace) =>
    runAction({
      actionDir: ACTION_DIR,
      inputs,
      env: { ...services.stepEnv(), ...env },
      ...(workspace === undefined ? {} : { workspace }),
    });
  harness.expectNoLeaks = (result, values) => {
    expectNoLeaks(result, [...seeded, ...values, ...harness.oidc.tokensIssued]);
  };
  return harness;
}

const workspaces: string[] = [];

/** A fresh workspace holding `files` (relative paths); removed after the file's tests. */
export async function makeWorkspace(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'put-secret-workspace-'));
  workspaces.push(workspace);
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(workspace, path)), { recursive: true });
    await writeFile(join(workspace, path), contents);
  }
  return workspace;
}

afterAll(async () => {
  await Promise.all(workspaces.splice(0).map((workspace) => rm(workspace, { recursive: true, force: true })));
});

/** Inputs that assume the test role through OIDC in us-east-1. */
export function withRole(inputs: Record<string, string>): Record<string, string> {
  return { 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1', ...inputs };
}

/** The single `::error::` message of a failed step. */
export function failureMessage(result: StepResult): string {
  if (result.exitCode === 0) throw new Error(`The step succeeded; stdout:\n${result.log}`);
  if (result.errors.length !== 1) throw new Error(`Expected one error, got ${result.errors.length}: ${result.errors.join(' | ')}\n${result.stderr}`);
  // The leak check has seen the raw message; the echo of the leak-hunt pass is not part of it.
  return stripRequestEcho(result.errors[0]!);
}

/** Asserts the step succeeded, showing its log when it did not. */
export function expectSuccess(result: StepResult): void {
  expect(result.exitCode, `${result.log}\n${result.errors.join('\n')}\n${result.stderr}`).toBe(0);
  expect(result.errors).toEqual([]);
}

/** The AWS calls the step made, by operation (STS included). */
export function awsCalls(proxy: AwsProxy): Record<string, number> {
  return proxy.counts();
}

/** A version id the action derives: UUID-shaped hex. */
export const DERIVED_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What moto answers when IAM denies a call: a bare 403 with an XML body. */
export function denied(): { respond: { status: number; headers: Record<string, string>; body: string } } {
  return {
    respond: {
      status: 403,
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/e2e-put-secret/gha is not authorized to perform this action</Message></Error></Errors></ErrorResponse>',
    },
  };
}
