// Entry point `@aws-secrets-actions/core/parameter-store`: everything that loads
// the SSM SDK, apart from the main entry so runs without parameters never load it.
import type { ClientSettings } from './aws-clients.js';
import type { ParameterStoreReader } from './fetch-secrets.js';
import { readParameterPath, readParameters } from './parameter-reads.js';
import { ssmClients } from './ssm-clients.js';

export * from './parameter-reads.js';
export * from './ssm-clients.js';

/** A `ParameterStoreReader` over one SSM client per region, for `fetchSecrets`. */
export function parameterStoreReader(settings: ClientSettings): ParameterStoreReader {
  const clientFor = ssmClients(settings);
  return {
    readParameters: (region, names, limit) => readParameters(clientFor(region), region, names, limit),
    readParameterPath: (region, path, limit) => readParameterPath(clientFor(region), region, path, limit),
  };
}
export * from './put-parameter.js';
