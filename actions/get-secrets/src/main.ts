import * as core from '@actions/core';
import { setDefaultAutoSelectFamilyAttemptTimeout } from 'node:net';
import {
  credentialVariables,
  describeError,
  fetchSecrets,
  planExports,
  realRetryDeps,
  resolveCredentials,
  resolveDefaultRegion,
  secretsManagerClients,
  stsClient,
  ConfigurationError,
  type ExportPlan,
} from '@aws-secrets-actions/core';
import { parseInputs } from './inputs.js';
import { STATE } from './state.js';

/** The get-secrets step: inputs → credentials → fetch → mask → export. */
export async function run(): Promise<void> {
  try {
    const env = process.env;
    const inputs = parseInputs((name) => core.getInput(name), env);
    setDefaultAutoSelectFamilyAttemptTimeout(inputs.autoSelectFamilyAttemptTimeoutMs);
    const region = resolveDefaultRegion(inputs.regionInput, env, inputs.references);

    const credentials = await resolveCredentials(inputs.role, {
      ...realRetryDeps,
      oidcAvailable: Boolean(env['ACTIONS_ID_TOKEN_REQUEST_URL'] && env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']),
      getIdToken: (audience) => core.getIDToken(audience),
      stsClient: (callerCredentials) => {
        if (region === undefined) throw new ConfigurationError("No region for STS: set the 'aws-region' input (or AWS_REGION).");
        return stsClient(region, env, callerCredentials);
      },
    });

    const secrets = await fetchSecrets(
      { references: inputs.references, defaultRegion: region, binaryEncoding: inputs.binaryEncoding },
      secretsManagerClients({ credentials, env }),
    );
    const plan = planExports(secrets, inputs);
    const extra = inputs.exportCredentials && credentials !== undefined ? credentialVariables(credentials, region) : [];

    // Mask first: a value the runner has not registered would show in every later step's env header.
    for (const mask of plan.masks) core.setSecret(mask);
    for (const variable of extra) if (variable.secret) core.setSecret(variable.value);

    const names = [...plan.variables, ...extra].map((variable) => variable.name);
    core.saveState(STATE.exportedNames, JSON.stringify(names));
    for (const variable of [...plan.variables, ...extra]) core.exportVariable(variable.name, variable.value);
    report(plan, extra.length > 0);
  } catch (error) {
    core.setFailed(`get-secrets: ${describeError(error)}`);
  }
}

function report(plan: ExportPlan, exportedCredentials: boolean): void {
  for (const notice of plan.notices) core.notice(notice);
  core.info(`Exported ${plan.variables.length} variable${plan.variables.length === 1 ? '' : 's'} (values masked):`);
  for (const variable of plan.variables) {
    const key = variable.keyPath === undefined ? '' : `, key ${JSON.stringify(variable.keyPath.join('.'))}`;
    core.info(`  ${variable.name} ← ${JSON.stringify(variable.secretName)}${key}`);
  }
  if (exportedCredentials) core.info('Exported the assumed AWS credentials (export-credentials: true).');
}
