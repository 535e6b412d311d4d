import * as core from '@actions/core';
import { BATCH_PERMISSION, formatSummary, formatVariableLines, neutralise, type ExportPlan, type FetchResult } from '@aws-secrets-actions/core';
import type { GetSecretsInputs } from './inputs.js';

/** Tells the user what was set and from where (never a value), in the log and the job summary. */
export async function report(plan: ExportPlan, fetched: FetchResult, inputs: GetSecretsInputs, exportedCredentials: boolean): Promise<void> {
  for (const notice of plan.notices) core.notice(notice);
  if (fetched.usedBatchFallback) {
    core.notice(
      `The role may not call ${BATCH_PERMISSION}, so secrets were read one GetSecretValue at a time. Add ${BATCH_PERMISSION} to its policy to read 20 per call.`,
    );
  }
  for (const skipped of fetched.skipped) {
    const message = `Skipped '${neutralise(skipped.reference)}' (on-missing: ${inputs.onMissing}): ${skipped.reason}`;
    if (inputs.onMissing === 'warn') core.warning(message);
    else core.info(message);
  }

  const delivered = [inputs.exportEnv ? 'env' : '', inputs.setOutputs ? 'outputs' : '', inputs.envFile === undefined ? '' : 'env-file'].filter(Boolean).join(', ');
  const count = plan.variables.length;
  core.info(`Set ${count} variable${count === 1 ? '' : 's'} (${delivered}; values masked):`);
  for (const line of formatVariableLines(plan.variables)) core.info(line);
  if (exportedCredentials) core.info('Exported the assumed AWS credentials (export-credentials: true).');
  await core.summary.addRaw(formatSummary('get-secrets', plan.variables, fetched.skipped)).write();
}
