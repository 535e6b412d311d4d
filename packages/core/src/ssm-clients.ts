import { SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig, perRegion, type ClientSettings } from './aws-clients.js';

/**
 * One Systems Manager (Parameter Store) client per region, created on first
 * use. Kept apart from `aws-clients.ts` so a run without parameters never
 * loads the SSM SDK.
 */
export function ssmClients(settings: ClientSettings): (region: string) => SSMClient {
  return perRegion((region) => new SSMClient(clientConfig(region, settings, { envSuffix: 'SSM', hostPrefix: 'ssm' })));
}
