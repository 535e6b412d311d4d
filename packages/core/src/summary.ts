import type { ReferenceFailure } from './errors.js';
import type { PlannedVariable } from './export-plan.js';
import { formatKeyPath } from './json-pointer.js';
import { neutralise } from './log-safe.js';

/**
 * The job summary: one row per exported name with its source, version and
 * date — never a value. `core.summary` does no escaping, so every cell is
 * escaped here for Markdown and HTML.
 */
export function formatSummary(title: string, variables: readonly PlannedVariable[], skipped: readonly ReferenceFailure[]): string {
  const rows = variables.map((variable) => [
    code(variable.name),
    code(sourceOf(variable)),
    code(variable.version),
    variable.createdDate?.toISOString() ?? '',
  ]);
  const lines = [
    `### ${cell(title)}`,
    '',
    `${variables.length} variable${variables.length === 1 ? '' : 's'} set; values are masked and never shown.`,
    '',
    '| Name | Source | Version | Created |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  if (skipped.length > 0) {
    lines.push('', `Skipped (on-missing): ${skipped.map((failure) => `${code(failure.reference)} — ${cell(failure.reason)}`).join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The same list for the log: one line per name, made safe to print. */
export function formatVariableLines(variables: readonly PlannedVariable[]): string[] {
  return variables.map((variable) => `  ${variable.name} ← ${neutralise(sourceOf(variable))} @ ${neutralise(variable.version)}`);
}

function sourceOf(variable: PlannedVariable): string {
  const key = variable.keyPath === undefined || variable.keyPath.length === 0 ? '' : `#${formatKeyPath(variable.keyPath)}`;
  return `${variable.sourceName}${key}`;
}

function code(text: string): string {
  return `<code>${cell(text)}</code>`;
}

function cell(text: string): string {
  return neutralise(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;');
}
