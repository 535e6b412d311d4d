import * as core from '@actions/core';
// The file helpers' own entry point keeps the AWS SDK out of the post bundle.
import { removePrivateFile } from '@aws-secrets-actions/core/env-file';
import { parseExportedNames, STATE } from './state.js';

// The post step blanks every variable the main step exported, as the official
// action does (it cannot unset them; '' only affects steps after it), and
// deletes the env-file it wrote.
try {
  const names = parseExportedNames(core.getState(STATE.exportedNames));
  for (const name of names) core.exportVariable(name, '');
  core.info(`Cleared ${names.length} variable${names.length === 1 ? '' : 's'} set by get-secrets.`);
  const envFile = core.getState(STATE.envFile);
  if (envFile !== '' && removePrivateFile(envFile)) core.info('Deleted the env-file written by get-secrets.');
} catch (error) {
  core.warning(`get-secrets cleanup: ${error instanceof Error ? error.message : String(error)}`);
}
