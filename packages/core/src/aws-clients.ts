import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { proxyRequestHandler, serviceEndpoint } from './proxy.js';
import { requestTimeouts } from './request-timeout.js';
import { ThrottlingTolerantRetryStrategy } from './throttling-retry.js';

const USER_AGENT = 'aws-secrets-actions';

/** What every client of a run shares. */
export interface ClientSettings {
  /** From `resolveCredentials`; undefined means the SDK's default chain. */
  readonly credentials: AwsCredentialIdentity | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** How a service is named in the SDK's endpoint settings and in its public host name. */
export interface ServiceNames {
  /** Suffix of `AWS_ENDPOINT_URL_<SUFFIX>`. */
  readonly envSuffix: string;
  /** First label of the public endpoint host. */
  readonly hostPrefix: string;
}

/**
 * The configuration every client gets: region, credentials (or the default
 * chain), and a request handler with a per-attempt timeout
 * (`AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS`, see `request-timeout.ts`) that
 * goes through a proxy when the environment names one. Without a timeout the
 * SDK waits for a hung response forever. Endpoints themselves come from the
 * SDK's standard settings (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`).
 */
export function clientConfig(region: string, settings: ClientSettings, service: ServiceNames) {
  const timeouts = requestTimeouts(settings.env);
  const requestHandler = proxyRequestHandler(serviceEndpoint(service, region, settings.env), timeouts) ?? new NodeHttpHandler(timeouts);
  return {
    region,
    customUserAgent: USER_AGENT,
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    requestHandler,
  };
}

/** Memoises a client factory by region: one client per service and region for the whole run. */
export function perRegion<T>(create: (region: string) => T): (region: string) => T {
  const clients = new Map<string, T>();
  return (region) => {
    let client = clients.get(region);
    if (client === undefined) {
      client = create(region);
      clients.set(region, client);
    }
    return client;
  };
}

/** One Secrets Manager client per region, created on first use; throttled calls get extra attempts. */
export function secretsManagerClients(settings: ClientSettings): (region: string) => SecretsManagerClient {
  return perRegion(
    (region) =>
      new SecretsManagerClient({
        ...clientConfig(region, settings, { envSuffix: 'SECRETS_MANAGER', hostPrefix: 'secretsmanager' }),
        retryStrategy: new ThrottlingTolerantRetryStrategy(),
      }),
  );
}

/**
 * An STS client for `region` signing with `credentials`. The SDK's own
 * retries are off: `resolveCredentials` retries itself, with a fresh OIDC
 * token for each attempt.
 */
export async function stsClient(
  region: string,
  env: Readonly<Record<string, string | undefined>>,
  credentials: AwsCredentialIdentity | undefined,
): Promise<STSClient> {
  // Loaded on demand: a run without a role never loads the STS SDK.
  const { STSClient: Client } = await import('@aws-sdk/client-sts');
  return new Client({ ...clientConfig(region, { credentials, env }, { envSuffix: 'STS', hostPrefix: 'sts' }), maxAttempts: 1 });
}
