import * as core from '@actions/core';
import {
  describeError,
  describeErrorDetails,
  exportCredentials,
  isOidcAvailable,
  realRetryDeps,
  resolveCredentials,
  resolvePutRegions,
  stsClient,
} from '@aws-secrets-actions/core';
import { parseInputs } from './inputs.js';
import { report } from './report.js';
import { write } from './write.js';

/** The put-secret step: inputs (value masked as read) → credentials → write → outputs. */
export async function run(): Promise<void> {
  try {
    const env = process.env;
    // Untrimmed: a value may end with a newline. The value is masked the moment it is read, before anything else.
    const inputs = await parseInputs(
      (name) => core.getInput(name, { trimWhitespace: false }),
      env,
      (value) => {
        core.setSecret(value);
      },
    );
    const regions = resolvePutRegions(inputs.regionInput, env, inputs.target);

    const credentials = await resolveCredentials(inputs.role, {
      ...realRetryDeps,
      oidcAvailable: isOidcAvailable(env),
      getIdToken: (audience) => core.getIDToken(audience),
      stsClient: (callerCredentials) => stsClient(regions.stsRegion, env, callerCredentials),
    });

    const result = await write(inputs, regions.targetRegion, { credentials, env });

    if (inputs.exportCredentials && credentials !== undefined) {
      exportCredentials(credentials, regions.stsRegion, core);
      core.info('Exported the assumed AWS credentials (export-credentials: true).');
    }
    await report(inputs.target, regions.targetRegion, result);
  } catch (error) {
    // A debug re-run shows everything known about the failure, scrubbed of every value.
    if (core.isDebug()) for (const line of describeErrorDetails(error)) core.debug(line);
    core.setFailed(`put-secret: ${describeError(error)}`);
  }
}
