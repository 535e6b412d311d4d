import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { proxyRequestHandler, serviceEndpoint } from './proxy.js';

const USER_AGENT = 'aws-secrets-actions';

/** What every client of a run shares. */
export interface ClientSettings {
  /** From `resolveCredentials`; undefined means the SDK's default chain. */
  readonly credentials: AwsCredentialIdentity | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

function commonConfig(region: string, settings: ClientSettings, service: { envSuffix: string; hostPrefix: string }) {
  const requestHandler = proxyRequestHandler(serviceEndpoint(service, region, settings.env));
  return {
    region,
    customUserAgent: USER_AGENT,
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    ...(requestHandler === undefined ? {} : { requestHandler }),
  };
}

/**
 * One Secrets Manager client per region, created on first use and reused for
 * every call of the run. Endpoints come from the SDK's standard settings
 * (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_SECRETS_MANAGER`).
 */
export function secretsManagerClients(settings: ClientSettings): (region: string) => SecretsManagerClient {
  const clients = new Map<string, SecretsManagerClient>();
  return (region) => {
    let client = clients.get(region);
    if (client === undefined) {
      client = new SecretsManagerClient(commonConfig(region, settings, { envSuffix: 'SECRETS_MANAGER', hostPrefix: 'secretsmanager' }));
      clients.set(region, client);
    }
    return client;
  };
}

/**
 * An STS client for `region` signing with `credentials`. The SDK's own
 * retries are off: `resolveCredentials` retries itself, with a fresh OIDC
 * token for each attempt.
 */
export function stsClient(region: string, env: Readonly<Record<string, string | undefined>>, credentials: AwsCredentialIdentity | undefined): STSClient {
  return new STSClient({ ...commonConfig(region, { credentials, env }, { envSuffix: 'STS', hostPrefix: 'sts' }), maxAttempts: 1 });
}
