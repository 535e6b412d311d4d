import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import {
  assertRotationsSucceeded,
  deriveRotationToken,
  describeError,
  describeErrorDetails,
  exportCredentials,
  isOidcAvailable,
  realRetryDeps,
  resolveCredentials,
  rotateSecrets,
  secretsManagerClients,
  stsClient,
} from '@aws-secrets-actions/core';
import { parseInputs } from './inputs.js';
import { report } from './report.js';

/** Secrets rotated at once: well within the 50 RotateSecret calls a second AWS allows. */
const CONCURRENCY = 10;

/** The rotate-secret step: inputs → credentials → rotate and wait → outputs and summary → fail on any failure. */
export async function run(): Promise<void> {
  try {
    const env = process.env;
    const inputs = parseInputs((name) => core.getInput(name), env);

    const credentials = await resolveCredentials(inputs.role, {
      ...realRetryDeps,
      oidcAvailable: isOidcAvailable(env),
      getIdToken: (audience) => core.getIDToken(audience),
      stsClient: (callerCredentials) => stsClient(inputs.stsRegion, env, callerCredentials),
    });

    const results = await rotateSecrets(
      { ...inputs, pendingTimeoutMs: inputs.timeoutMs, concurrency: CONCURRENCY, tokenFor: (arn) => deriveRotationToken(env, arn) ?? randomUUID() },
      {
        client: secretsManagerClients({ credentials, env }),
        clock: { now: Date.now, sleep: realRetryDeps.sleep },
        log: (line) => {
          core.info(line);
        },
      },
    );

    if (inputs.exportCredentials && credentials !== undefined) {
      exportCredentials(credentials, inputs.stsRegion, core);
    }
    await report(results);
    assertRotationsSucceeded(results);
  } catch (error) {
    // A debug re-run shows everything known about the failure, scrubbed of every value.
    if (core.isDebug()) for (const line of describeErrorDetails(error)) core.debug(line);
    core.setFailed(`rotate-secret: ${describeError(error)}`);
  }
}
