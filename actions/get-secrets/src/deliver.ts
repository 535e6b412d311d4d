import * as core from '@actions/core';
import { ConfigurationError, formatDotenv, quote, writeNewPrivateFile, type CredentialVariable, type ExportPlan } from '@aws-secrets-actions/core';
import type { GetSecretsInputs } from './inputs.js';
import { STATE } from './state.js';

/**
 * Hands the values over, after every mask is registered: a dotenv file, env
 * vars and/or step outputs. The file goes first: it is the one delivery that
 * can still fail (something created the path while the secrets were fetched),
 * and then nothing has been exported yet. Its path is saved for the post step
 * only once it is ours, so cleanup never deletes a file put there by another.
 * The exported names are saved before the exports, so the post step can blank
 * them even after a partial export.
 */
export function deliver(plan: ExportPlan, credentials: readonly CredentialVariable[], inputs: GetSecretsInputs): void {
  // Mask first: a value the runner has not registered would show in every later step's env header.
  for (const mask of plan.masks) core.setSecret(mask);
  for (const variable of credentials) if (variable.secret) core.setSecret(variable.value);

  if (inputs.envFile !== undefined) {
    writeEnvFile(inputs.envFile, formatDotenv(plan.variables));
    core.saveState(STATE.envFile, inputs.envFile);
  }
  const exported = inputs.exportEnv ? [...plan.variables, ...credentials] : credentials;
  core.saveState(STATE.exportedNames, JSON.stringify(exported.map((variable) => variable.name)));
  for (const variable of exported) core.exportVariable(variable.name, variable.value);
  if (inputs.setOutputs) for (const variable of plan.variables) core.setOutput(variable.name, variable.value);
}

function writeEnvFile(path: string, content: string): void {
  try {
    writeNewPrivateFile(path, content);
  } catch (error) {
    // The path was checked before any AWS call; only a file or link created since lands here.
    const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it was created by something else while the secrets were fetched' : (error as Error).message;
    throw new ConfigurationError(`Input 'env-file': could not write ${quote(path)}: ${reason}; nothing was exported.`, { cause: error });
  }
}
