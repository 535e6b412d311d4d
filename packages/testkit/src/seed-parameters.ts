import { PutParameterCommand, SSMClient, type ParameterType } from '@aws-sdk/client-ssm';
import { DUMMY_CREDENTIALS } from './seed.js';

/** An `SSMClient` for seeding and inspecting moto, with dummy static credentials. */
export function ssmClient(endpoint: string, region = 'us-east-1'): SSMClient {
  return new SSMClient({ endpoint, region, credentials: DUMMY_CREDENTIALS });
}

/** One parameter to put with {@link putParameters}. */
export interface SeedParameter {
  /** Full name, e.g. `/app/prod/db_password`. */
  name: string;
  value: string;
  /** `String`, `StringList` or `SecureString` (default). */
  type?: ParameterType;
  /** Region; `us-east-1` by default. */
  region?: string;
}

/**
 * Puts `parameters` into moto through the real SDK (overwriting), ten at a
 * time, and returns the version each got, by name.
 */
export async function putParameters(endpoint: string, parameters: readonly SeedParameter[]): Promise<Record<string, number>> {
  const clients = new Map<string, SSMClient>();
  const versions: Record<string, number> = {};
  for (let start = 0; start < parameters.length; start += 10) {
    await Promise.all(
      parameters.slice(start, start + 10).map(async (parameter) => {
        const region = parameter.region ?? 'us-east-1';
        let client = clients.get(region);
        if (client === undefined) {
          client = ssmClient(endpoint, region);
          clients.set(region, client);
        }
        const put = await client.send(
          new PutParameterCommand({ Name: parameter.name, Value: parameter.value, Type: parameter.type ?? 'SecureString', Overwrite: true }),
        );
        versions[parameter.name] = put.Version ?? 0;
      }),
    );
  }
  return versions;
}
