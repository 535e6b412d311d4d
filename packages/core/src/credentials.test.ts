import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  IDPCommunicationErrorException,
  InvalidIdentityTokenException,
  STSClient,
  type AssumeRoleCommandInput,
  type AssumeRoleWithWebIdentityCommandInput,
} from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isOidcAvailable, resolveCredentials, type CredentialDeps, type RoleOptions } from './credentials.js';
import { AwsCallError, ConfigurationError, describeError } from './errors.js';
import { MISSING_OIDC_MESSAGE } from './hints.js';

const sts = mockClient(STSClient);

beforeEach(() => {
  sts.reset();
});

afterAll(() => {
  sts.restore();
});

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const HOP_1 = 'arn:aws:iam::210987654321:role/reader';
const HOP_2 = 'arn:aws:iam::111111111111:role/last';
const SUBJECT = 'repo:octo/app:environment:prod';

const OPTIONS: RoleOptions = {
  roleToAssume: ROLE,
  roleChain: [],
  audience: 'sts.amazonaws.com',
  sessionName: 'gha-42-1-octo.app',
  durationSeconds: 900,
  externalId: undefined,
};

/** An unsigned JWT with GitHub's claims: enough for the hints, which read but never verify it. */
function unsignedJwt(claims: Record<string, unknown>, signature: string): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${encode(claims)}.${signature}`;
}

function stsCredentials(n: number): { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date } {
  return { AccessKeyId: `ASIAKEY${n}`, SecretAccessKey: `secret-key-${n}`, SessionToken: `session-token-${n}`, Expiration: new Date(`2030-01-0${n}T00:00:00Z`) };
}

function identity(n: number): AwsCredentialIdentity {
  return { accessKeyId: `ASIAKEY${n}`, secretAccessKey: `secret-key-${n}`, sessionToken: `session-token-${n}`, expiration: new Date(`2030-01-0${n}T00:00:00Z`) };
}

function awsError(name: string, message: string, httpStatusCode: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

const throttled = (): Error => awsError('Throttling', 'Rate exceeded', 400);
const denied = (action: string): Error => awsError('AccessDenied', `Not authorized to perform ${action}`, 403);

interface Recorder {
  deps: CredentialDeps;
  /** Every token handed out, in order, and the audience each was asked for. */
  tokens: string[];
  audiences: string[];
  /** The credentials each STS client was built with, in order. */
  clientCredentials: Array<AwsCredentialIdentity | undefined>;
  credentialsOf: Map<object, AwsCredentialIdentity | undefined>;
  delays: number[];
}

/** Dependencies that record what they were asked, with a fresh token per call and no real waiting. */
function recorder(overrides: Partial<CredentialDeps> = {}): Recorder {
  const tokens: string[] = [];
  const audiences: string[] = [];
  const clientCredentials: Array<AwsCredentialIdentity | undefined> = [];
  const credentialsOf = new Map<object, AwsCredentialIdentity | undefined>();
  const delays: number[] = [];
  const deps: CredentialDeps = {
    oidcAvailable: true,
    getIdToken: (audience) => {
      audiences.push(audience);
      const token = unsignedJwt(
        { iss: 'https://token.actions.githubusercontent.com', sub: SUBJECT, aud: audience, repository: 'octo/app', jti: `jti-${tokens.length + 1}` },
        `signature-${tokens.length + 1}`,
      );
      tokens.push(token);
      return Promise.resolve(token);
    },
    stsClient: (credentials) => {
      clientCredentials.push(credentials);
      const client = new STSClient({ region: 'us-east-1' });
      credentialsOf.set(client, credentials);
      return client;
    },
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    ...overrides,
  };
  return { deps, tokens, audiences, clientCredentials, credentialsOf, delays };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** The JWT, and each of its parts, must appear nowhere in what an error prints. */
function expectNoToken(error: AwsCallError, tokens: readonly string[]): void {
  const printed = [error.message, describeError(error), ...error.hints].join('\n');
  for (const token of tokens) {
    for (const part of [token, ...token.split('.')]) expect(printed).not.toContain(part);
  }
}

function webIdentityCalls(): AssumeRoleWithWebIdentityCommandInput[] {
  return sts.commandCalls(AssumeRoleWithWebIdentityCommand).map((call) => call.args[0].input);
}

describe('resolveCredentials without a role', () => {
  it('returns undefined and calls nothing, leaving the default credential chain to the SDK', async () => {
    const r = recorder();
    await expect(resolveCredentials({ ...OPTIONS, roleToAssume: undefined }, r.deps)).resolves.toBeUndefined();
    expect(sts.calls()).toHaveLength(0);
    expect(r.tokens).toEqual([]);
    expect(r.clientCredentials).toEqual([]);
  });
});

describe('resolveCredentials with GitHub OIDC', () => {
  it('fails at once without an OIDC token, naming id-token: write and forks', async () => {
    const r = recorder({ oidcAvailable: false });
    const error = await rejection(resolveCredentials(OPTIONS, r.deps));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', MISSING_OIDC_MESSAGE);
    expect(MISSING_OIDC_MESSAGE).toContain('`permissions: id-token: write`');
    expect(MISSING_OIDC_MESSAGE).toContain('Pull requests from forks never get a token');
    expect(sts.calls()).toHaveLength(0);
    expect(r.tokens).toEqual([]);
  });

  it('exchanges a token for the audience for the role credentials', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: stsCredentials(1) });
    const r = recorder();
    await expect(resolveCredentials(OPTIONS, r.deps)).resolves.toEqual(identity(1));
    expect(r.audiences).toEqual(['sts.amazonaws.com']);
    expect(webIdentityCalls()).toEqual([
      { RoleArn: ROLE, RoleSessionName: 'gha-42-1-octo.app', WebIdentityToken: r.tokens[0], DurationSeconds: 900 },
    ]);
    expect(r.clientCredentials).toEqual([undefined]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it('asks for a token with the audience input', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: stsCredentials(1) });
    const r = recorder();
    await resolveCredentials({ ...OPTIONS, audience: 'sts.amazonaws.com.cn' }, r.deps);
    expect(r.audiences).toEqual(['sts.amazonaws.com.cn']);
  });

  it('leaves out a session token and an expiration STS did not send', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: { AccessKeyId: 'AKIA1', SecretAccessKey: 's1', SessionToken: undefined, Expiration: undefined } });
    const result = await resolveCredentials(OPTIONS, recorder().deps);
    expect(result).toStrictEqual({ accessKeyId: 'AKIA1', secretAccessKey: 's1' });
  });

  it('fails when STS answers without credentials', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({});
    const error = await rejection(resolveCredentials(OPTIONS, recorder().deps));
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toHaveProperty('operation', 'AssumeRoleWithWebIdentity');
    expect(error).toHaveProperty('message', 'AssumeRoleWithWebIdentity returned no credentials.');
  });

  it('retries throttling with a fresh token for each attempt', async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves({ Credentials: stsCredentials(1) });
    const r = recorder();
    await expect(resolveCredentials(OPTIONS, r.deps)).resolves.toEqual(identity(1));
    expect(r.tokens).toHaveLength(3);
    expect(new Set(r.tokens).size).toBe(3);
    expect(webIdentityCalls().map((input) => input.WebIdentityToken)).toEqual(r.tokens);
    expect(r.delays).toEqual([500, 1000]);
  });

  it("retries the SDK's IDPCommunicationErrorException", async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejectsOnce(new IDPCommunicationErrorException({ message: 'Could not reach the IdP', $metadata: { httpStatusCode: 400 } }))
      .resolves({ Credentials: stsCredentials(1) });
    const r = recorder();
    await expect(resolveCredentials(OPTIONS, r.deps)).resolves.toEqual(identity(1));
    expect(webIdentityCalls()).toHaveLength(2);
    expect(r.tokens).toHaveLength(2);
  });

  it('gives up after the attempts limit with the last error', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(throttled());
    const r = recorder({ retryPolicy: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 } });
    const error = await rejection(resolveCredentials(OPTIONS, r.deps));
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toHaveProperty('operation', 'AssumeRoleWithWebIdentity');
    expect(error).toHaveProperty('message', `Could not assume role '${ROLE}' with the GitHub OIDC token (AssumeRoleWithWebIdentity): Throttling: Rate exceeded`);
    expect(webIdentityCalls()).toHaveLength(4);
    expect(r.tokens).toHaveLength(4);
    expect(r.delays).toEqual([50, 100, 200]);
    expectNoToken(error as AwsCallError, r.tokens);
  });

  it("fails at once on AccessDenied, with hints quoting the token's subject and audience", async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(denied('sts:AssumeRoleWithWebIdentity'));
    const r = recorder();
    const error = await rejection(resolveCredentials(OPTIONS, r.deps));

    expect(error).toBeInstanceOf(AwsCallError);
    const callError = error as AwsCallError;
    expect(callError.operation).toBe('AssumeRoleWithWebIdentity');
    expect(callError.message).toBe(
      `Could not assume role '${ROLE}' with the GitHub OIDC token (AssumeRoleWithWebIdentity): AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity`,
    );
    expect(callError.hints).toEqual([
      "The role's trust policy must allow sts:AssumeRoleWithWebIdentity for the federated principal arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com.",
      `Its condition on token.actions.githubusercontent.com:sub must match this job's subject '${SUBJECT}'. ` +
        'Jobs with an environment send repo:OWNER/REPO:environment:NAME, pull requests repo:OWNER/REPO:pull_request, and repositories created after mid-2026 use repo:OWNER@ID/REPO@ID:….',
      "Its condition on token.actions.githubusercontent.com:aud must match this job's audience 'sts.amazonaws.com' (the 'audience' input).",
      `The role '${ROLE}' must exist in that account.`,
    ]);
    expect(describeError(callError)).toContain('repo:OWNER@ID/REPO@ID');
    expect(webIdentityCalls()).toHaveLength(1);
    expect(r.tokens).toHaveLength(1);
    expect(r.delays).toEqual([]);
    expectNoToken(callError, r.tokens);
  });

  it('hints at the OIDC identity provider on InvalidIdentityToken, without retrying', async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(new InvalidIdentityTokenException({ message: 'No OpenIDConnect provider found in your account', $metadata: { httpStatusCode: 400 } }));
    const r = recorder();
    const error = await rejection(resolveCredentials(OPTIONS, r.deps));
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toHaveProperty('hints', [
      `The account of '${ROLE}' needs an IAM OIDC identity provider for https://token.actions.githubusercontent.com whose audiences include 'sts.amazonaws.com'.`,
    ]);
    expect(webIdentityCalls()).toHaveLength(1);
    expectNoToken(error as AwsCallError, r.tokens);
  });

  it('reports a failed token request as GetIDToken, without calling STS', async () => {
    let requests = 0;
    const r = recorder({
      getIdToken: () => {
        requests++;
        return Promise.reject(new Error('Failed to get ID Token. Error Code : 500'));
      },
    });
    const error = await rejection(resolveCredentials(OPTIONS, r.deps));
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toHaveProperty('operation', 'GetIDToken');
    expect(error).toHaveProperty(
      'message',
      "Could not get a GitHub OIDC token for audience 'sts.amazonaws.com': Failed to get ID Token. Error Code : 500",
    );
    expect(error).toHaveProperty('hints', [
      'The job needs `permissions: id-token: write`; the token endpoint may also be briefly unavailable: re-run the job.',
    ]);
    // @actions/core's getIDToken retries the endpoint itself; a failure that reaches us is final.
    expect(requests).toBe(1);
    expect(sts.calls()).toHaveLength(0);
  });
});

describe('resolveCredentials with a role chain', () => {
  it('assumes each hop with AssumeRole, signed with the credentials of the hop before', async () => {
    const r = recorder();
    // Each hop answers with the next credentials and records which credentials its client was built with.
    const hops: Array<{ input: AssumeRoleCommandInput; signedWith: AwsCredentialIdentity | undefined }> = [];
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: stsCredentials(1) });
    sts.on(AssumeRoleCommand).callsFake((input: AssumeRoleCommandInput, getClient: () => object) => {
      hops.push({ input, signedWith: r.credentialsOf.get(getClient()) });
      return Promise.resolve({ Credentials: stsCredentials(hops.length + 1) });
    });

    const result = await resolveCredentials({ ...OPTIONS, roleChain: [HOP_1, HOP_2], durationSeconds: 7200, externalId: 'ext-123' }, r.deps);

    expect(result).toEqual(identity(3));
    expect(r.clientCredentials).toEqual([undefined, identity(1), identity(2)]);
    expect(webIdentityCalls()).toEqual([
      { RoleArn: ROLE, RoleSessionName: 'gha-42-1-octo.app', WebIdentityToken: r.tokens[0], DurationSeconds: 7200 },
    ]);
    expect(hops).toEqual([
      {
        input: { RoleArn: HOP_1, RoleSessionName: 'gha-42-1-octo.app', DurationSeconds: 3600, ExternalId: 'ext-123' },
        signedWith: identity(1),
      },
      {
        input: { RoleArn: HOP_2, RoleSessionName: 'gha-42-1-octo.app', DurationSeconds: 3600, ExternalId: 'ext-123' },
        signedWith: identity(2),
      },
    ]);
  });

  it('sends no ExternalId when none is given and keeps a duration under an hour', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: stsCredentials(1) });
    sts.on(AssumeRoleCommand).resolves({ Credentials: stsCredentials(2) });
    await resolveCredentials({ ...OPTIONS, roleChain: [HOP_1], durationSeconds: 1200 }, recorder().deps);
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input)).toEqual([
      { RoleArn: HOP_1, RoleSessionName: 'gha-42-1-octo.app', DurationSeconds: 1200 },
    ]);
  });

  it('chains from the default credentials when no role-to-assume is given, with no token', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: stsCredentials(2) });
    const r = recorder({ oidcAvailable: false });
    await expect(resolveCredentials({ ...OPTIONS, roleToAssume: undefined, roleChain: [HOP_1] }, r.deps)).resolves.toEqual(identity(2));
    expect(r.clientCredentials).toEqual([undefined]);
    expect(r.tokens).toEqual([]);
    expect(webIdentityCalls()).toEqual([]);
  });

  it('retries a throttled hop', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: stsCredentials(1) });
    sts.on(AssumeRoleCommand).rejectsOnce(throttled()).resolves({ Credentials: stsCredentials(2) });
    const r = recorder();
    await expect(resolveCredentials({ ...OPTIONS, roleChain: [HOP_1] }, r.deps)).resolves.toEqual(identity(2));
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(r.tokens).toHaveLength(1);
  });

  it('fails at once on a denied hop, naming the hop and the role before it', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: stsCredentials(1) });
    sts.on(AssumeRoleCommand).rejects(denied('sts:AssumeRole'));
    const r = recorder();
    const error = await rejection(resolveCredentials({ ...OPTIONS, roleChain: [HOP_1, HOP_2], externalId: 'ext-123' }, r.deps));

    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toHaveProperty('operation', 'AssumeRole');
    expect(error).toHaveProperty('message', `Could not assume role '${HOP_1}' (role-chain, from '${ROLE}') with AssumeRole: AccessDenied: Not authorized to perform sts:AssumeRole`);
    expect(error).toHaveProperty('hints', [
      `The trust policy of '${HOP_1}' must name '${ROLE}' as a principal allowed sts:AssumeRole.`,
      `'${ROLE}' needs sts:AssumeRole on '${HOP_1}' in its permissions.`,
      "If that trust policy requires sts:ExternalId, 'role-external-id' must match it.",
    ]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expectNoToken(error as AwsCallError, r.tokens);
  });

  it('hints at the one-hour role-chaining limit on a ValidationError', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: stsCredentials(1) });
    sts
      .on(AssumeRoleCommand)
      .rejects(awsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', 400));
    const error = await rejection(resolveCredentials({ ...OPTIONS, roleChain: [HOP_1] }, recorder().deps));
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toHaveProperty('hints', ['Role chaining limits a session to one hour: a role-chain hop cannot last longer than 3600 seconds.']);
  });
});

describe('isOidcAvailable', () => {
  it.each([
    { name: 'both variables set', env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t?x=1', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer' }, expected: true },
    { name: 'only the URL (no id-token: write)', env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t?x=1' }, expected: false },
    { name: 'only the token', env: { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer' }, expected: false },
    { name: 'empty values', env: { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' }, expected: false },
  ])('is $expected with $name', ({ env, expected }) => {
    expect(isOidcAvailable(env)).toBe(expected);
  });
});
