import { SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig, perRegion, type ClientSettings } from './aws-clients.js';
import { ThrottlingTolerantRetryStrategy } from './throttling-retry.js';

/**
 * One Systems Manager (Parameter Store) client per region, created on first
 * use. Kept apart from `aws-clients.ts` so a run without parameters never
 * loads the SSM SDK. Throttled calls get extra attempts (Parameter Store's
 * standard throughput is 40 gets per second for the whole account).
 */
export function ssmClients(settings: ClientSettings): (region: string) => SSMClient {
  return perRegion(
    (region) => new SSMClient({ ...clientConfig(region, settings, { envSuffix: 'SSM', hostPrefix: 'ssm' }), retryStrategy: new ThrottlingTolerantRetryStrategy() }),
  );
}
