/**
 * The benchmark's sequential baseline: what aws-actions/aws-secretsmanager-get-secrets v3 does
 * for a list of explicit secret ids — one `GetSecretValue` per secret, in sequence, each value
 * masked and exported before the next is fetched. Credentials and region come from the env,
 * as configure-aws-credentials leaves them for the official action.
 *
 * Left out because the benchmark does not exercise them: prefixes, aliases, JSON expansion and
 * the clean-up bookkeeping for the post step.
 */
import * as core from '@actions/core';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The official action's env name rule: every character outside `[A-Za-z0-9_]` becomes `_`, then upper case. */
function toEnvName(secretId: string): string {
  const name = secretId.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
  return /^\d/.test(name) ? `_${name}` : name;
}

/** Fetches, masks and exports every id of the `secret-ids` input, one after the other. */
export async function run(): Promise<void> {
  try {
    const secretIds = core.getMultilineInput('secret-ids');
    const client = new SecretsManagerClient({});
    for (const secretId of secretIds) {
      const response = await client.send(new GetSecretValueCommand({ SecretId: secretId })).catch((error: unknown) => {
        throw new Error(`Failed to fetch secret '${secretId}': ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
      if (response.SecretString === undefined) throw new Error(`Secret '${secretId}' has no string value`);
      core.setSecret(response.SecretString);
      core.exportVariable(toEnvName(secretId), response.SecretString);
    }
    core.info(`Exported ${secretIds.length} secret(s)`);
  } catch (error) {
    core.setFailed(`baseline: ${error instanceof Error ? error.message : String(error)}`);
  }
}
