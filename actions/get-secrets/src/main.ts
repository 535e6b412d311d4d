import * as core from '@actions/core';
import { setDefaultAutoSelectFamilyAttemptTimeout } from 'node:net';
import {
  credentialVariables,
  describeError,
  describeErrorDetails,
  isOidcAvailable,
  fetchSecrets,
  planExports,
  realRetryDeps,
  resolveCredentials,
  resolveDefaultRegion,
  secretsManagerClients,
  stsClient,
  ConfigurationError,
} from '@aws-secrets-actions/core';
import { deliver } from './deliver.js';
import { parseInputs } from './inputs.js';
import { report } from './report.js';

/** The get-secrets step: inputs → credentials → fetch → mask → deliver → report. */
export async function run(): Promise<void> {
  try {
    const env = process.env;
    const inputs = parseInputs((name) => core.getInput(name), env);
    setDefaultAutoSelectFamilyAttemptTimeout(inputs.autoSelectFamilyAttemptTimeoutMs);
    const region = resolveDefaultRegion(inputs.regionInput, env, inputs.references);

    const credentials = await resolveCredentials(inputs.role, {
      ...realRetryDeps,
      oidcAvailable: isOidcAvailable(env),
      getIdToken: (audience) => core.getIDToken(audience),
      stsClient: (callerCredentials) => {
        if (region === undefined) throw new ConfigurationError("No region for STS: set the 'aws-region' input (or AWS_REGION).");
        return stsClient(region, env, callerCredentials);
      },
    });

    const settings = { credentials, env };
    const fetched = await fetchSecrets(
      { references: inputs.references, defaultRegion: region, binaryEncoding: inputs.binaryEncoding, onMissing: inputs.onMissing },
      {
        secretsManager: secretsManagerClients(settings),
        // Loaded only when a reference needs Parameter Store, so other runs never load the SSM SDK.
        loadParameterStore: async () => (await import('@aws-secrets-actions/core/parameter-store')).parameterStoreReader(settings),
      },
    );
    const plan = planExports(fetched.values, inputs);
    const exportedCredentials = inputs.exportCredentials && credentials !== undefined ? credentialVariables(credentials, region) : [];

    deliver(plan, exportedCredentials, inputs);
    await report(plan, fetched, inputs, exportedCredentials.length > 0);
  } catch (error) {
    // A debug re-run shows everything known about the failure, scrubbed of every value.
    if (core.isDebug()) for (const line of describeErrorDetails(error)) core.debug(line);
    core.setFailed(`get-secrets: ${describeError(error)}`);
  }
}
