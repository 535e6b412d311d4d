/** A workflow command read from a step's stdout, e.g. `::error file=a.ts::boom`. */
export interface WorkflowCommand {
  /** The command name, e.g. `add-mask`, `error`, `debug`. */
  command: string;
  /** Unescaped properties (`key=value` pairs between the name and the second `::`). */
  properties: Record<string, string>;
  /** The unescaped message after the second `::`. */
  message: string;
  /** The raw line as printed (without its line break). */
  line: string;
  /** Zero-based index of the line in stdout. */
  lineIndex: number;
}

const COMMAND_KEY = '::';

/**
 * Splits process output into lines the way the runner reads them: on `\n`, with a `\r` before
 * it dropped. A trailing line break does not produce an empty last line.
 */
export function splitOutputLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/**
 * Escapes a command message as `@actions/core` does: `%` → `%25`, CR → `%0D`, LF → `%0A`.
 *
 * @example
 * ```ts
 * escapeCommandData('a\nb'); // 'a%0Ab'
 * ```
 */
export function escapeCommandData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/**
 * Escapes a command property as `@actions/core` does: like {@link escapeCommandData}, plus
 * `:` → `%3A` and `,` → `%2C`.
 */
export function escapeCommandProperty(value: string): string {
  return escapeCommandData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * Unescapes a command message as the runner does (`%0D`, `%0A`, then `%25`, in that order).
 *
 * @example
 * ```ts
 * unescapeCommandData('50%25%0Adone'); // '50%\ndone'
 * ```
 */
export function unescapeCommandData(value: string): string {
  return value.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

/** Unescapes a command property as the runner does (`%0D`, `%0A`, `%3A`, `%2C`, then `%25`). */
export function unescapeCommandProperty(value: string): string {
  return value
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%3A', ':')
    .replaceAll('%2C', ',')
    .replaceAll('%25', '%');
}

/**
 * Parses one line as a workflow command, with the runner's rules (`ActionCommand.TryParseV2`):
 * leading whitespace is ignored; the line must start with `::` and hold a second `::`; the
 * text between is the name, then optionally a space and `key=value` pairs separated by `,`
 * (pairs without `=` or with an empty side are dropped); the rest is the message.
 *
 * @returns the command without `line`/`lineIndex`, or `undefined` when the line is no command.
 * @example
 * ```ts
 * parseWorkflowCommand('::error file=a.ts,line=3::bad%0Athing');
 * // { command: 'error', properties: { file: 'a.ts', line: '3' }, message: 'bad\nthing' }
 * ```
 */
export function parseWorkflowCommand(line: string): Pick<WorkflowCommand, 'command' | 'properties' | 'message'> | undefined {
  const text = line.trimStart();
  if (!text.startsWith(COMMAND_KEY)) return undefined;
  const end = text.indexOf(COMMAND_KEY, COMMAND_KEY.length);
  if (end < 0) return undefined;
  const info = text.slice(COMMAND_KEY.length, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (command === '') return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info.slice(space + 1).trim().split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0 || eq === pair.length - 1) continue;
      properties[pair.slice(0, eq)] = unescapeCommandProperty(pair.slice(eq + 1));
    }
  }
  return { command, properties, message: unescapeCommandData(text.slice(end + COMMAND_KEY.length)) };
}

/**
 * Parses a step's stdout into the workflow commands the runner would act on, in order.
 *
 * Honours `::stop-commands::TOKEN` … `::TOKEN::`: lines in between are not commands (the
 * stop and resume lines themselves are returned, as `stop-commands` and `TOKEN`).
 */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let resumeToken: string | undefined;
  splitOutputLines(stdout).forEach((line, lineIndex) => {
    const parsed = parseWorkflowCommand(line);
    if (parsed === undefined) return;
    if (resumeToken !== undefined) {
      if (parsed.command !== resumeToken) return;
      resumeToken = undefined;
    } else if (parsed.command === 'stop-commands' && parsed.message !== '') {
      resumeToken = parsed.message;
    }
    commands.push({ ...parsed, line, lineIndex });
  });
  return commands;
}

/**
 * The strings the runner registers for one `::add-mask::` value: the value and every trimmed
 * non-empty line of it, without duplicates. An empty or whitespace-only value registers
 * nothing (the runner warns "Can't add secret mask for empty string"). Base64, JSON-, URI- and
 * XML-escaped variants, which the runner also registers, are left out.
 *
 * @example
 * ```ts
 * masksFromAddMask('line one\n  line two \n'); // ['line one\n  line two \n', 'line one', 'line two']
 * ```
 */
export function masksFromAddMask(value: string): string[] {
  if (value.trim() === '') return [];
  const masks = [value];
  for (const line of value.split(/[\r\n]/)) {
    const trimmed = line.trim();
    if (trimmed !== '' && !masks.includes(trimmed)) masks.push(trimmed);
  }
  return masks;
}

/**
 * Replaces every occurrence of every mask in `text` with `***`, as the runner's secret masker
 * does: all occurrences of all masks are found (overlapping ones too), overlapping or adjacent
 * ranges are merged, and each merged range becomes one `***`. For nested masks this is the
 * same as replacing the longest first.
 *
 * @example
 * ```ts
 * applyMasks('user=admin pass=hunter2', ['hunter2']); // 'user=admin pass=***'
 * ```
 */
export function applyMasks(text: string, masks: Iterable<string>): string {
  const ranges: Array<[start: number, end: number]> = [];
  for (const mask of masks) {
    if (mask === '') continue;
    for (let at = text.indexOf(mask); at >= 0; at = text.indexOf(mask, at + 1)) {
      ranges.push([at, at + mask.length]);
    }
  }
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let result = '';
  let cursor = 0;
  let current: [number, number] | undefined;
  for (const range of ranges) {
    if (current !== undefined && range[0] <= current[1]) {
      current[1] = Math.max(current[1], range[1]);
      continue;
    }
    if (current !== undefined) {
      result += `${text.slice(cursor, current[0])}***`;
      cursor = current[1];
    }
    current = [range[0], range[1]];
  }
  if (current !== undefined) {
    result += `${text.slice(cursor, current[0])}***`;
    cursor = current[1];
  }
  return result + text.slice(cursor);
}

/** Options of {@link renderLog}. */
export interface RenderLogOptions {
  /** Masks registered before this step (masks are job-wide). */
  masks?: Iterable<string>;
  /** Show `::debug::` lines, as the runner does with `ACTIONS_STEP_DEBUG=true`. */
  debug?: boolean;
}

const ANNOTATIONS = new Set(['error', 'warning', 'notice']);

/**
 * Renders stdout as the runner prints it in the job log: each line masked with the masks
 * registered so far (a mask only covers lines after its `::add-mask::`), commands not echoed,
 * except `::error`/`::warning`/`::notice` (as `##[error]message` etc.), `::group`/`::endgroup`,
 * and `::debug` when `debug` is set.
 */
export function renderLog(stdout: string, options: RenderLogOptions = {}): string {
  const masks = new Set(options.masks ?? []);
  const commands = new Map(parseWorkflowCommands(stdout).map((command) => [command.lineIndex, command]));
  const out: string[] = [];
  splitOutputLines(stdout).forEach((line, index) => {
    const command = commands.get(index);
    if (command === undefined) {
      out.push(applyMasks(line, masks));
      return;
    }
    if (command.command === 'add-mask') {
      for (const mask of masksFromAddMask(command.message)) masks.add(mask);
      return;
    }
    if (ANNOTATIONS.has(command.command) || command.command === 'group') {
      out.push(applyMasks(`##[${command.command}]${command.message}`, masks));
    } else if (command.command === 'endgroup') {
      out.push('##[endgroup]');
    } else if (command.command === 'debug' && options.debug === true) {
      out.push(applyMasks(`##[debug]${command.message}`, masks));
    }
  });
  return out.map((line) => `${line}\n`).join('');
}
