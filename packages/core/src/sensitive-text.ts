import { masksForValue } from './masking.js';

/** What a scrubbed value is replaced with: the runner's own mask marker. */
export const SCRUBBED = '***';

// Process-wide, like the runner's own mask list: a value is remembered wherever it becomes known
// (read, given as input, issued as a token or credential) and scrubbed wherever AWS-provided text
// is printed, without threading a registry through every call in between.
const known = new Set<string>();
let longestFirst: string[] | undefined;

/** The forms a value takes inside a request body that a service might echo: raw, JSON-, URI-, form- and XML-escaped. */
function encodedForms(text: string): string[] {
  const uri = encodeURIComponent(text);
  const xml = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');
  return [text, JSON.stringify(text).slice(1, -1), uri, uri.replaceAll('%20', '+'), xml];
}

/**
 * Remembers a value the step knows (a secret read or to be written, an OIDC token, a credential)
 * so that {@link scrubSensitive} removes it, each trimmed line of it, and their escaped forms
 * from any text before it is printed. Empty and whitespace-only values are ignored.
 */
export function rememberSensitive(value: string): void {
  for (const text of masksForValue(value)) {
    for (const form of encodedForms(text)) {
      if (form.trim() !== '' && !known.has(form)) {
        known.add(form);
        longestFirst = undefined;
      }
    }
  }
}

/**
 * Replaces every remembered value in `text` with `***`. Meant for text the step did not write
 * itself (an AWS error message, which may quote the request it answers, a token endpoint's
 * reply): masking hides a value in the job log, scrubbing keeps it out of the text altogether,
 * so it can reach no annotation title, summary or output either.
 *
 * @example
 * rememberSensitive('hunter2');
 * scrubSensitive('ValidationException: bad value hunter2') // 'ValidationException: bad value ***'
 */
export function scrubSensitive(text: string): string {
  if (known.size === 0) return text;
  // Longest first: a whole value goes before any line of it that is also a value on its own.
  longestFirst ??= [...known].sort((a, b) => b.length - a.length);
  let scrubbed = text;
  for (const value of longestFirst) {
    if (scrubbed.includes(value)) scrubbed = scrubbed.replaceAll(value, SCRUBBED);
  }
  return scrubbed;
}

/** Forgets every remembered value (for tests). */
export function forgetSensitive(): void {
  known.clear();
  longestFirst = undefined;
}
