import { neutralise } from './log-safe.js';
import { isFailedRotation, type SecretRotationResult } from './rotate-secrets.js';

/**
 * The step outputs: `version-ids`, a JSON object from each secret (as
 * written in `secret-ids`) to the new version id of every rotation that was
 * started, failed ones included; `rotated`, a JSON array of the secrets
 * whose rotation succeeded (or, without waiting, was started).
 *
 * @example
 * rotationOutputs([{ secretId: 'prod/db', result: 'rotated', newVersionId: 'v2', … }])
 * // { versionIds: '{"prod/db":"v2"}', rotated: '["prod/db"]' }
 */
export function rotationOutputs(results: readonly SecretRotationResult[]): { versionIds: string; rotated: string } {
  const versionIds: Record<string, string> = {};
  for (const result of results) if (result.newVersionId !== undefined) versionIds[result.secretId] = result.newVersionId;
  const rotated = results.filter((result) => result.result === 'rotated' || result.result === 'started').map((result) => result.secretId);
  return { versionIds: JSON.stringify(versionIds), rotated: JSON.stringify(rotated) };
}

const RESULT_TEXT: Record<SecretRotationResult['result'], string> = {
  rotated: '✅ rotated',
  started: '▶️ started (not waited for)',
  configured: '⚙️ configured, not rotated',
  failed: '❌ failed',
  'timed-out': '⏱️ timed out',
  error: '❌ not started',
};

/**
 * The job summary: one row per secret with its old and new version ids, the
 * duration and the result — never a value. `core.summary` does no escaping,
 * so every cell is escaped here for Markdown and HTML.
 */
export function formatRotationSummary(title: string, results: readonly SecretRotationResult[]): string {
  const failed = results.filter(isFailedRotation).length;
  const rows = results.map((result) => {
    const outcome = `${RESULT_TEXT[result.result]}${result.rolledBack ? ', AWSPENDING removed' : ''}`;
    return [code(result.secretId), code(result.oldVersionId ?? ''), code(result.newVersionId ?? ''), `${(result.durationMs / 1000).toFixed(1)} s`, cell(outcome)];
  });
  return [
    `### ${cell(title)}`,
    '',
    `${results.length - failed} of ${results.length} secret${results.length === 1 ? '' : 's'} without failure; values are never read or shown.`,
    '',
    '| Secret | Old version | New version | Duration | Result |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');
}

function code(text: string): string {
  return text === '' ? '' : `<code>${cell(text)}</code>`;
}

function cell(text: string): string {
  return neutralise(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;');
}
