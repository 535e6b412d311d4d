import { MERGE_STAGE_PREFIX } from './client-request-token.js';
import { ConfigurationError } from './errors.js';
import { parseMultilineInput } from './input-parsers.js';
import { quote } from './log-safe.js';

// The labels get-secrets can read back with ?stage=.
const STAGE_LABEL = /^[A-Za-z0-9_.+=@-]{1,256}$/;
const MAX_STAGES = 20;

/**
 * Parses a version-stages input: one staging label per line, or undefined
 * when none is given (AWS's default: the new version becomes AWSCURRENT).
 *
 * @example
 * parseVersionStages('version-stages', 'AWSCURRENT\nrelease-1.4.0') // ['AWSCURRENT', 'release-1.4.0']
 * parseVersionStages('version-stages', '')                          // undefined
 */
export function parseVersionStages(input: string, raw: string | undefined): string[] | undefined {
  const stages: string[] = [];
  for (const { text, lineNumber } of parseMultilineInput(raw)) {
    const fail = (problem: string): never => {
      throw new ConfigurationError(`Input '${input}', line ${lineNumber} ${quote(text)}: ${problem}.`);
    };
    if (!STAGE_LABEL.test(text)) fail('a staging label is 1 to 256 letters, digits and _.+=@-');
    if (text.startsWith(MERGE_STAGE_PREFIX)) fail(`labels starting with ${MERGE_STAGE_PREFIX} belong to merge-json`);
    if (stages.includes(text)) fail('the label is given twice');
    stages.push(text);
  }
  if (stages.length > MAX_STAGES) {
    throw new ConfigurationError(`Input '${input}' has ${stages.length} labels; a version can have at most ${MAX_STAGES}.`);
  }
  return stages.length === 0 ? undefined : stages;
}
