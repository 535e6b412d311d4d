import { neutralise } from './log-safe.js';
import { scrubSensitive } from './sensitive-text.js';

/** How deep a chain of causes is followed. */
const MAX_CAUSES = 5;

// Shown on their own line, or left out: `$response` is the raw HTTP response, `stack` is noise.
const SKIPPED_FIELDS = new Set(['name', 'message', 'stack', 'cause', '$response']);

function safe(text: string): string {
  return neutralise(scrubSensitive(text));
}

/** The error's own data fields (`$metadata`, `$fault`, `Code`, `operation`, `hints`, …) as JSON, if any. */
function fieldsOf(error: Error): string | undefined {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (!SKIPPED_FIELDS.has(key) && typeof value !== 'function' && value !== undefined) fields[key] = value;
  }
  if (Object.keys(fields).length === 0) return undefined;
  try {
    return JSON.stringify(fields);
  } catch {
    return `(fields ${Object.keys(fields).join(', ')} could not be shown)`;
  }
}

// Typed as it behaves: undefined for a function or a symbol.
const stringify: (value: unknown) => string | undefined = JSON.stringify;

/** A thrown value that is not an Error: a string as is, anything else as JSON when it can be. */
function showThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/**
 * Everything known about a failure, for `core.debug` in a debug re-run: the name and message of
 * the error and of each cause, and their data fields (an AWS SDK error's `$metadata` with the
 * HTTP status and request id, `$fault`, any field of the error body). Every line is scrubbed of
 * every value the step knows and made a single line that cannot issue a workflow command.
 *
 * @example
 * describeErrorDetails(new Error('outer', { cause: new Error('inner') }))
 * // ['error: Error: outer', 'cause 1: Error: inner']
 */
export function describeErrorDetails(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && current !== undefined; depth++) {
    const label = depth === 0 ? 'error' : `cause ${depth}`;
    if (!(current instanceof Error)) {
      lines.push(`${label}: ${safe(showThrown(current))}`);
      break;
    }
    lines.push(`${label}: ${safe(`${current.name}: ${current.message}`)}`);
    const fields = fieldsOf(current);
    if (fields !== undefined) lines.push(`${label} fields: ${safe(fields)}`);
    current = current.cause;
  }
  return lines;
}
