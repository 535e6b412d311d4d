import { existsSync, readFileSync } from 'node:fs';
import type { StepResult } from './runner.js';
import { applyMasks, escapeCommandData, escapeCommandProperty, masksFromAddMask, splitOutputLines } from './workflow-commands.js';

/** The strings that must be masked for one secret: its value and its trimmed lines. */
function needlesOf(secret: string): string[] {
  return masksFromAddMask(secret);
}

/**
 * The strings that must not show for one secret: its value, and each line that holds a letter or
 * a digit. A line such as `{` or `},` of a pretty-printed JSON value carries nothing secret (the
 * runner still masks it, and {@link findLeaks} still requires the mask), but searching for it
 * would flag every brace of every JSON text printed.
 */
function searchedNeedlesOf(secret: string): string[] {
  return needlesOf(secret).filter((needle) => needle === secret || /[\p{L}\p{N}]/u.test(needle));
}

/** A needle as it may appear on stdout: raw, or escaped as a command message or property. */
function formsOf(needle: string): string[] {
  return [...new Set([needle, escapeCommandData(needle), escapeCommandProperty(needle)])];
}

/** A needle as a summary may hold it: raw, or HTML-escaped (the rendered summary shows the value either way). */
function summaryFormsOf(needle: string): string[] {
  const html = needle.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  return [...new Set([needle, html, html.replaceAll("'", '&#39;')])];
}

/** A needle as a file that delivers values may hold it: raw, or JSON/dotenv-escaped (`\n`, `\"`). */
function fileFormsOf(needle: string): string[] {
  return [...new Set([needle, JSON.stringify(needle).slice(1, -1)])];
}

// The runner masks an annotation's message, never its properties (title, file, …).
const ANNOTATIONS = new Set(['error', 'warning', 'notice']);

function containsAny(text: string, needles: readonly string[]): boolean {
  return needles.some((needle) => text.includes(needle));
}

/** Options of {@link findLeaks}. */
export interface LeakCheckOptions {
  /** The step's outputs deliver secret values on purpose; see {@link findLeaks}. */
  outputsCarryValues?: boolean;
  /**
   * Files the step wrote that deliver values on purpose (get-secrets' `env-file`): like
   * `GITHUB_ENV` values, not a leak, but every value found in one must be masked before the step
   * ends, since a later step may print the file. Missing files are skipped.
   */
  valueFiles?: readonly string[];
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
 *   A value in an annotation's properties (`title=…`) is reported as visible even when masked:
 *   the runner masks only the message;
 * - stderr, the step summary (raw or HTML-escaped), `GITHUB_STATE` (names and values: a debug
 *   re-run prints them), outputs, `GITHUB_PATH`, or a `GITHUB_ENV` entry's name.
 *
 * `GITHUB_ENV` values are not searched: exporting them is the product. Instead, every secret
 * whose value or a line of it was exported (to `GITHUB_ENV`, outputs or a `valueFiles` file)
 * must be fully covered by the masks the step registered before it ended: the runner reads file
 * commands after the step, and a debug re-run prints every exported value then.
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
  const valueFiles = (options.valueFiles ?? []).filter((path) => existsSync(path)).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  secrets.forEach((secret, index) => {
    const maskedNeedles = needlesOf(secret);
    if (maskedNeedles.length === 0) return;
    const needles = searchedNeedlesOf(secret);
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
      const inTitle = command !== undefined && ANNOTATIONS.has(command.command) && Object.values(command.properties).some((value) => containsAny(value, needles));
      const shown = inTitle || containsAny(applyMasks(line, masksSoFar), forms) ? 'visible in the job log' : 'masked in the job log';
      const what = command === undefined ? shown : `::${command.command} command; ${shown}`;
      leaks.push(`${label} appears in stdout line ${lineIndex + 1} (${what})`);
    });
    stderrLines.forEach((line, lineIndex) => {
      if (containsAny(line, forms)) leaks.push(`${label} appears in stderr line ${lineIndex + 1}`);
    });
    if (splitOutputLines(result.summary).some((line) => containsAny(line, needles.flatMap(summaryFormsOf)))) {
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
      ...valueFiles.map(({ path, text }) => ({ where: `file ${path}`, value: text })),
    ].filter(({ value }) => needles.flatMap(fileFormsOf).some((needle) => value.includes(needle)));
    if (exportedTo.length > 0) {
      const uncovered = maskedNeedles.filter((needle) => applyMasks(needle, result.masks) !== '***');
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
