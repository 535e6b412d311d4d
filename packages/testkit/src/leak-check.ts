import type { StepResult } from './runner.js';
import { applyMasks, escapeCommandData, escapeCommandProperty, masksFromAddMask, splitOutputLines } from './workflow-commands.js';

/** The strings that must not show for one secret: its value and its trimmed lines. */
function needlesOf(secret: string): string[] {
  return masksFromAddMask(secret);
}

/** A needle as it may appear on stdout: raw, or escaped as a command message or property. */
function formsOf(needle: string): string[] {
  return [...new Set([needle, escapeCommandData(needle), escapeCommandProperty(needle)])];
}

function containsAny(text: string, needles: readonly string[]): boolean {
  return needles.some((needle) => text.includes(needle));
}

/** Options of {@link findLeaks}. */
export interface LeakCheckOptions {
  /** The step's outputs deliver secret values on purpose; see {@link findLeaks}. */
  outputsCarryValues?: boolean;
}

/**
 * Finds where secret values leak from a step, without ever quoting a value.
 *
 * For each secret (skipped when empty or whitespace), its value and each trimmed non-empty line
 * of it, raw or escaped the way workflow commands escape data (`%0A`, `%3A`, …), must not occur
 * in:
 * - any stdout line, except `::add-mask::` lines (the runner never echoes those). This includes
 *   `::error`/`::warning`/`::debug` commands, and values that the runner would have masked:
 *   masking is the last line of defence, not a licence to print;
 * - stderr, the step summary, `GITHUB_STATE` (names and values), outputs, `GITHUB_PATH`, or a
 *   `GITHUB_ENV` entry's name.
 *
 * `GITHUB_ENV` values are not searched: exporting them is the product. Instead, every secret
 * whose value or a line of it was exported (to `GITHUB_ENV` or outputs) must be fully covered
 * by the step's masks.
 *
 * With `outputsCarryValues` (an action whose outputs deliver values on purpose, such as
 * get-secrets with `set-outputs`), output values are treated like `GITHUB_ENV` values: not
 * searched, but required to be masked; output names are still searched.
 *
 * @returns one human-readable line per leak, e.g. `secret #0 appears in stdout line 12 (::error command; visible in the job log)`.
 */
export function findLeaks(result: StepResult, secrets: readonly string[], options: LeakCheckOptions = {}): string[] {
  const leaks: string[] = [];
  const stdoutLines = splitOutputLines(result.stdout);
  const commandAt = new Map(result.commands.map((command) => [command.lineIndex, command]));
  const stderrLines = splitOutputLines(result.stderr);

  secrets.forEach((secret, index) => {
    const needles = needlesOf(secret);
    if (needles.length === 0) return;
    const forms = needles.flatMap(formsOf);
    const label = `secret #${index}`;

    const masksSoFar: string[] = [];
    stdoutLines.forEach((line, lineIndex) => {
      const command = commandAt.get(lineIndex);
      if (command?.command === 'add-mask') {
        masksSoFar.push(...masksFromAddMask(command.message));
        return;
      }
      if (!containsAny(line, forms)) return;
      const shown = containsAny(applyMasks(line, masksSoFar), forms) ? 'visible in the job log' : 'masked in the job log';
      const what = command === undefined ? shown : `::${command.command} command; ${shown}`;
      leaks.push(`${label} appears in stdout line ${lineIndex + 1} (${what})`);
    });
    stderrLines.forEach((line, lineIndex) => {
      if (containsAny(line, forms)) leaks.push(`${label} appears in stderr line ${lineIndex + 1}`);
    });
    if (splitOutputLines(result.summary).some((line) => containsAny(line, needles))) {
      leaks.push(`${label} appears in the step summary`);
    }
    for (const [name, value] of Object.entries(result.state)) {
      if (containsAny(name, needles) || splitOutputLines(value).some((line) => containsAny(line, needles))) {
        leaks.push(`${label} appears in state STATE_${name}`);
      }
    }
    for (const [name, value] of Object.entries(result.outputs)) {
      const valueLeaks = options.outputsCarryValues !== true && splitOutputLines(value).some((line) => containsAny(line, needles));
      if (containsAny(name, needles) || valueLeaks) {
        leaks.push(`${label} appears in outputs ${name}`);
      }
    }
    if (result.paths.some((path) => containsAny(path, needles))) leaks.push(`${label} appears in GITHUB_PATH`);
    result.envEntries.forEach((entry, entryIndex) => {
      if (containsAny(entry.name, needles)) leaks.push(`${label} appears in the name of GITHUB_ENV entry ${entryIndex + 1}`);
    });

    const exportedTo = [
      ...Object.entries(result.env).map(([name, value]) => ({ where: `GITHUB_ENV ${name}`, value })),
      ...Object.entries(result.outputs).map(([name, value]) => ({ where: `outputs ${name}`, value })),
    ].filter(({ value }) => needles.some((needle) => value.includes(needle)));
    if (exportedTo.length > 0) {
      const uncovered = needles.filter((needle) => applyMasks(needle, result.masks) !== '***');
      if (uncovered.length > 0) {
        const parts = uncovered.map((needle) => (needle === secret ? 'the whole value' : `line ${secret.split(/\r?\n|\r/).findIndex((l) => l.trim() === needle) + 1}`));
        leaks.push(`${label} is exported (${exportedTo.map((e) => e.where).join(', ')}) but not masked: ${parts.join(', ')}`);
      }
    }
  });
  return leaks;
}

/**
 * Throws when {@link findLeaks} finds anything, listing every leak (never the values).
 *
 * @throws Error `N secret leak(s):` followed by one line per leak.
 */
export function expectNoLeaks(result: StepResult, secrets: readonly string[], options: LeakCheckOptions = {}): void {
  const leaks = findLeaks(result, secrets, options);
  if (leaks.length > 0) {
    throw new Error(`${leaks.length} secret leak(s):\n${leaks.map((leak) => `- ${leak}`).join('\n')}`);
  }
}
