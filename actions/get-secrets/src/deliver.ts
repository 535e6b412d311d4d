import * as core from '@actions/core';
import { formatDotenv, writeNewPrivateFile, type CredentialVariable, type ExportPlan } from '@aws-secrets-actions/core';
import type { GetSecretsInputs } from './inputs.js';
import { STATE } from './state.js';

/**
 * Hands the values over, after every mask is registered: env vars, step
 * outputs and/or a dotenv file. State (names and the file path, never values)
 * is saved first, so the post step can clean up even after a partial write.
 */
export function deliver(plan: ExportPlan, credentials: readonly CredentialVariable[], inputs: GetSecretsInputs): void {
  // Mask first: a value the runner has not registered would show in every later step's env header.
  for (const mask of plan.masks) core.setSecret(mask);
  for (const variable of credentials) if (variable.secret) core.setSecret(variable.value);

  const exported = inputs.exportEnv ? [...plan.variables, ...credentials] : credentials;
  core.saveState(STATE.exportedNames, JSON.stringify(exported.map((variable) => variable.name)));
  if (inputs.envFile !== undefined) core.saveState(STATE.envFile, inputs.envFile);

  for (const variable of exported) core.exportVariable(variable.name, variable.value);
  if (inputs.setOutputs) for (const variable of plan.variables) core.setOutput(variable.name, variable.value);
  if (inputs.envFile !== undefined) writeNewPrivateFile(inputs.envFile, formatDotenv(plan.variables));
}
