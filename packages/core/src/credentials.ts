import type * as Sts from '@aws-sdk/client-sts';
import type { Credentials, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { AwsCallError, ConfigurationError, describeAwsError } from './errors.js';
import { assumeRoleHints, MISSING_OIDC_MESSAGE, webIdentityHints } from './hints.js';
import { quote } from './log-safe.js';
import { readOidcClaims } from './oidc-claims.js';
import { rememberSensitive } from './sensitive-text.js';
import { withRetry, type RetryDeps, type RetryPolicy, DEFAULT_RETRY_POLICY } from './retry.js';

/** The STS SDK is loaded only when a role is assumed: runs on the default chain never pay for it. */
const loadSts = (): Promise<typeof Sts> => import('@aws-sdk/client-sts');

/** Role chaining (AssumeRole from assumed-role credentials) is capped at one hour by STS. */
export const ROLE_CHAIN_MAX_SECONDS = 3600;

/**
 * Whether the runner offers this job a GitHub OIDC token: it sets both
 * variables only with `permissions: id-token: write`, and never for pull
 * requests from forks.
 */
export function isOidcAvailable(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env['ACTIONS_ID_TOKEN_REQUEST_URL'] && env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']);
}

/** The role inputs every action shares, parsed. */
export interface RoleOptions {
  /** Assumed with the job's GitHub OIDC token; undefined uses the SDK's default credential chain. */
  readonly roleToAssume: string | undefined;
  /** Further roles assumed in order with AssumeRole after the first. */
  readonly roleChain: readonly string[];
  readonly audience: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  /** Sent with every `roleChain` hop (AssumeRoleWithWebIdentity takes none). */
  readonly externalId: string | undefined;
}

/** What `resolveCredentials` needs from the outside world. */
export interface CredentialDeps extends RetryDeps {
  /** Whether the runner offers an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN are set). */
  readonly oidcAvailable: boolean;
  /** A fresh GitHub OIDC token for `audience` (`core.getIDToken`, which also masks it). */
  readonly getIdToken: (audience: string) => Promise<string>;
  /** An STS client in the chosen region signing with `credentials` (default chain when undefined). */
  readonly stsClient: (credentials: AwsCredentialIdentity | undefined) => STSClient | Promise<STSClient>;
  readonly retryPolicy?: RetryPolicy;
}

/**
 * Turns the role inputs into credentials: GitHub OIDC token → STS
 * AssumeRoleWithWebIdentity, then each `role-chain` hop with AssumeRole.
 * Returns undefined when no role is given, so clients fall back to the SDK's
 * default chain (configure-aws-credentials before us, or an instance role).
 * Retries only what can succeed on retry, with a fresh token each attempt.
 */
export async function resolveCredentials(options: RoleOptions, deps: CredentialDeps): Promise<AwsCredentialIdentity | undefined> {
  let credentials: AwsCredentialIdentity | undefined;
  let previous = 'the default credentials';
  if (options.roleToAssume !== undefined) {
    if (!deps.oidcAvailable) throw new ConfigurationError(MISSING_OIDC_MESSAGE);
    credentials = await assumeRoleWithOidc(options.roleToAssume, options, deps);
    previous = options.roleToAssume;
  }
  for (const roleArn of options.roleChain) {
    credentials = await assumeChainedRole(roleArn, previous, credentials, options, deps);
    previous = roleArn;
  }
  return credentials;
}

async function assumeRoleWithOidc(roleArn: string, options: RoleOptions, deps: CredentialDeps): Promise<AwsCredentialIdentity> {
  const sts = await deps.stsClient(undefined);
  const { AssumeRoleWithWebIdentityCommand } = await loadSts();
  let lastToken = '';
  try {
    const response = await withRetry(
      async () => {
        lastToken = await getToken(options.audience, deps);
        return sts.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: roleArn,
            RoleSessionName: options.sessionName,
            WebIdentityToken: lastToken,
            DurationSeconds: options.durationSeconds,
          }),
        );
      },
      deps,
      deps.retryPolicy ?? DEFAULT_RETRY_POLICY,
    );
    return toIdentity(response.Credentials, 'AssumeRoleWithWebIdentity');
  } catch (error) {
    if (error instanceof AwsCallError) throw error;
    const hints = webIdentityHints(error, { roleArn, audience: options.audience, claims: readOidcClaims(lastToken) });
    throw new AwsCallError('AssumeRoleWithWebIdentity', `Could not assume role ${quote(roleArn)} with the GitHub OIDC token (AssumeRoleWithWebIdentity): ${describeAwsError(error)}`, {
      cause: error,
      hints,
    });
  }
}

async function getToken(audience: string, deps: CredentialDeps): Promise<string> {
  try {
    const token = await deps.getIdToken(audience);
    // STS may quote the request, token included, in an error message.
    rememberSensitive(token);
    return token;
  } catch (error) {
    throw new AwsCallError('GetIDToken', `Could not get a GitHub OIDC token for audience ${quote(audience)}: ${describeAwsError(error)}`, {
      cause: error,
      hints: ['The job needs `permissions: id-token: write`; the token endpoint may also be briefly unavailable: re-run the job.'],
    });
  }
}

async function assumeChainedRole(
  roleArn: string,
  previous: string,
  credentials: AwsCredentialIdentity | undefined,
  options: RoleOptions,
  deps: CredentialDeps,
): Promise<AwsCredentialIdentity> {
  const sts = await deps.stsClient(credentials);
  const { AssumeRoleCommand } = await loadSts();
  try {
    const response = await withRetry(
      () =>
        sts.send(
          new AssumeRoleCommand({
            RoleArn: roleArn,
            RoleSessionName: options.sessionName,
            DurationSeconds: Math.min(options.durationSeconds, ROLE_CHAIN_MAX_SECONDS),
            ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
          }),
        ),
      deps,
      deps.retryPolicy ?? DEFAULT_RETRY_POLICY,
    );
    return toIdentity(response.Credentials, 'AssumeRole');
  } catch (error) {
    if (error instanceof AwsCallError) throw error;
    throw new AwsCallError('AssumeRole', `Could not assume role ${quote(roleArn)} (role-chain, from ${quote(previous)}) with AssumeRole: ${describeAwsError(error)}`, {
      cause: error,
      hints: assumeRoleHints(error, { roleArn, previous }),
    });
  }
}

function toIdentity(credentials: Credentials | undefined, operation: string): AwsCredentialIdentity {
  if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined) {
    throw new AwsCallError(operation, `${operation} returned no credentials.`);
  }
  rememberSensitive(credentials.SecretAccessKey);
  if (credentials.SessionToken !== undefined) rememberSensitive(credentials.SessionToken);
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken === undefined ? {} : { sessionToken: credentials.SessionToken }),
    ...(credentials.Expiration === undefined ? {} : { expiration: credentials.Expiration }),
  };
}
