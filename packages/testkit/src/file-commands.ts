import { randomUUID } from 'node:crypto';

/** One `NAME=VALUE` or heredoc entry of a `GITHUB_ENV` / `GITHUB_OUTPUT` / `GITHUB_STATE` file. */
export interface FileCommandEntry {
  name: string;
  value: string;
}

/** A file-command file the runner would reject; `line` is 1-based. */
export class FileCommandFormatError extends Error {
  /** 1-based line number of the offending entry. */
  readonly line: number;

  constructor(message: string, line: number) {
    super(`${message} (line ${line})`);
    this.name = 'FileCommandFormatError';
    this.line = line;
  }
}

interface Line {
  text: string;
  /** The line break after it: `\n`, `\r\n`, or `''` for a last line without one. */
  newline: string;
  /** Offset of the first character after the line break. */
  next: number;
}

function readLine(content: string, at: number): Line | undefined {
  if (at >= content.length) return undefined;
  const lf = content.indexOf('\n', at);
  if (lf < 0) return { text: content.slice(at), newline: '', next: content.length };
  const crlf = lf > at && content[lf - 1] === '\r';
  return { text: content.slice(at, crlf ? lf - 1 : lf), newline: crlf ? '\r\n' : '\n', next: lf + 1 };
}

/**
 * Parses the contents of a `GITHUB_ENV`, `GITHUB_OUTPUT` or `GITHUB_STATE` file with the
 * runner's rules (`EnvFileKeyValuePairs` in actions/runner):
 *
 * - empty lines are skipped;
 * - `NAME=VALUE` when the first `=` comes before any `<<`: the first `=` splits;
 * - `NAME<<DELIM` otherwise: the value is the text of the following lines up to a line equal
 *   to `DELIM`, without the line break before it. Line breaks inside the value are kept as the
 *   file has them (so a CRLF file keeps `\r\n` between lines, as on the runner);
 * - lines are read up to `\n`, with a `\r` before it dropped.
 *
 * @throws FileCommandFormatError for an empty name or delimiter, a line with neither `=` nor
 *   `<<`, a missing end delimiter, or a value line at end of file without a line break.
 * @example
 * ```ts
 * parseFileCommands('A=1\nB<<EOF\nx\ny\nEOF\n');
 * // [{ name: 'A', value: '1' }, { name: 'B', value: 'x\ny' }]
 * ```
 */
export function parseFileCommands(content: string): FileCommandEntry[] {
  const entries: FileCommandEntry[] = [];
  let lineNumber = 0;
  let line = readLine(content, 0);
  while (line !== undefined) {
    lineNumber++;
    const startLine = lineNumber;
    const text = line.text;
    let next = line.next;
    if (text !== '') {
      const equals = text.indexOf('=');
      const heredoc = text.indexOf('<<');
      if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
        const name = text.slice(0, equals);
        if (name === '') throw new FileCommandFormatError(`Invalid format '${text}': the name must not be empty`, startLine);
        entries.push({ name, value: text.slice(equals + 1) });
      } else if (heredoc >= 0) {
        const name = text.slice(0, heredoc);
        const delimiter = text.slice(heredoc + 2);
        if (name === '' || delimiter === '') {
          throw new FileCommandFormatError(`Invalid format '${text}': the name and the delimiter must not be empty`, startLine);
        }
        const valueStart = next;
        let valueEnd = next;
        for (;;) {
          const valueLine = readLine(content, next);
          if (valueLine === undefined) {
            throw new FileCommandFormatError(`Invalid value: matching delimiter '${delimiter}' not found for '${name}'`, startLine);
          }
          lineNumber++;
          next = valueLine.next;
          if (valueLine.text === delimiter) break;
          if (valueLine.newline === '') {
            throw new FileCommandFormatError(`Invalid value: the end marker of '${name}' is missing its line break`, lineNumber);
          }
          valueEnd = valueLine.next - valueLine.newline.length;
        }
        entries.push({ name, value: content.slice(valueStart, valueEnd) });
      } else {
        throw new FileCommandFormatError(`Invalid format '${text}'`, startLine);
      }
    }
    line = readLine(content, next);
  }
  return entries;
}

/**
 * Folds entries into a record; a later entry for the same name wins, as on the runner.
 *
 * @example
 * ```ts
 * fileCommandsToRecord([{ name: 'A', value: '1' }, { name: 'A', value: '2' }]); // { A: '2' }
 * ```
 */
export function fileCommandsToRecord(entries: readonly FileCommandEntry[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { name, value } of entries) record[name] = value;
  return record;
}

/**
 * Formats one entry exactly as `@actions/core` 3.x `exportVariable` / `setOutput` / `saveState`
 * append it: `NAME<<ghadelimiter_<uuid>\nVALUE\nghadelimiter_<uuid>\n` (with `\n` as on Linux).
 * For fixtures and tests.
 */
export function formatFileCommand(name: string, value: string, delimiter = `ghadelimiter_${randomUUID()}`): string {
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/**
 * Parses a `GITHUB_PATH` file: one directory per non-empty line, as the runner reads it.
 */
export function parsePathFile(content: string): string[] {
  return content.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line)).filter((line) => line !== '');
}
