import * as core from '@actions/core';
import { parseExportedNames, STATE } from './state.js';

// The post step blanks every variable the main step exported, as the official
// action does. It cannot unset them; '' only affects steps after it.
try {
  const names = parseExportedNames(core.getState(STATE.exportedNames));
  for (const name of names) core.exportVariable(name, '');
  core.info(`Cleared ${names.length} variable${names.length === 1 ? '' : 's'} set by get-secrets.`);
} catch (error) {
  core.warning(`get-secrets cleanup: ${error instanceof Error ? error.message : String(error)}`);
}
