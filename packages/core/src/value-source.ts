import { rememberSensitive } from './sensitive-text.js';
import { ConfigurationError } from './errors.js';
import { masksForValue } from './masking.js';
import { describeJsonKind, hasInexactNumber, isJsonObject, jsonLeafMasks, readJson, type JsonObject } from './merge-json.js';
import { readSecretFile } from './secret-file.js';
import { SECRETS_MANAGER_LIMIT } from './secret-size.js';

/** The ways a value can be given. */
export type ValueInputKind = 'string' | 'string-file' | 'binary' | 'merge-json';

/** One value input as the runner passed it (untrimmed; '' when not given). */
export interface ValueInput {
  readonly input: string;
  readonly kind: ValueInputKind;
  readonly raw: string;
}

/** The value to write, from the one value input that was given. */
export type ValueSource =
  | { readonly kind: 'string'; readonly input: string; readonly text: string }
  | { readonly kind: 'binary'; readonly input: string; readonly bytes: Uint8Array }
  /** `text` is the merge object as given: it feeds the staging label. */
  | { readonly kind: 'merge-json'; readonly input: string; readonly patch: JsonObject; readonly text: string };

/** What reading a value needs. */
export interface ValueSourceOptions {
  /** Relative file paths start here; symlinks may not lead out of it. */
  readonly workspace: string;
  /** Registers one string with the runner's masker (`core.setSecret`). */
  readonly mask: (value: string) => void;
}

/** Masks a value and each of its lines, and hands back the value. */
function masked<T extends string>(value: T, mask: (value: string) => void): T {
  for (const text of masksForValue(value)) mask(text);
  return value;
}

/**
 * Picks the one value input that was given and reads it, masking the value
 * (every line, every JSON leaf) the moment it is known: before it is
 * checked, before any AWS call and before any log line. An input the runner
 * passes as '' was not given, as an expression for a missing secret
 * evaluates to ''. A file larger than any target takes (64 KiB) is refused
 * unread; the target's own limit is checked by the caller. Errors name the
 * input and what was expected, never the value.
 */
export async function readValueSource(inputs: readonly ValueInput[], givenOptions: ValueSourceOptions): Promise<ValueSource> {
  // Whatever is masked is also scrubbed from AWS messages, which may quote the value being written.
  const options: ValueSourceOptions = {
    ...givenOptions,
    mask: (value) => {
      rememberSensitive(value);
      givenOptions.mask(value);
    },
  };
  for (const { kind, raw } of inputs) {
    if (kind !== 'string-file' && raw !== '') masked(raw, options.mask);
  }
  const given = inputs.filter(({ raw }) => raw !== '');
  const names = inputs.map(({ input }) => `'${input}'`).join(', ');
  if (given.length === 0) {
    throw new ConfigurationError(
      `Give exactly one of ${names}; none was given. An expression that evaluates to an empty string (such as a missing secret) counts as not given.`,
    );
  }
  if (given.length > 1) {
    throw new ConfigurationError(`Give exactly one of ${names}; got ${given.map(({ input }) => `'${input}'`).join(' and ')}.`);
  }
  const source = given[0] as ValueInput;
  const { input, raw } = source;
  switch (source.kind) {
    case 'string':
      assertNotBlank(raw, `Input '${input}' is only whitespace`);
      return { kind: 'string', input, text: raw };
    case 'string-file':
      return { kind: 'string', input, text: await readFileValue(input, raw.trim(), options) };
    case 'binary':
      return { kind: 'binary', input, bytes: decodeBase64Input(input, raw, options.mask) };
    case 'merge-json':
      return { kind: 'merge-json', input, patch: parseMergeObject(input, raw, options.mask), text: raw };
  }
}

function assertNotBlank(value: string, what: string): void {
  if (value.trim() === '') throw new ConfigurationError(`${what}; refusing to store an empty value.`);
}

async function readFileValue(input: string, path: string, options: ValueSourceOptions): Promise<string> {
  const text = masked(
    await readSecretFile(input, path, {
      workspace: options.workspace,
      maxBytes: SECRETS_MANAGER_LIMIT.bytes,
      limitExplanation: 'put-secret stores at most 65536 bytes (64 KiB, the Secrets Manager limit).',
    }),
    options.mask,
  );
  assertNotBlank(text, `The file of input '${input}' is empty or only whitespace`);
  if (/\.json$/i.test(path)) {
    // A file named *.json is meant as JSON: storing a broken one would break every reader.
    const reading = readJson(text);
    if (!reading.ok) throw new ConfigurationError(`The file of input '${input}' ends in .json but is not valid JSON${where(reading.where)}.`);
  }
  return text;
}

function where(position: string): string {
  return position === '' ? '' : ` ${position}`;
}

/**
 * Decodes the `secret-binary` input: standard base64 (A-Z, a-z, 0-9, +, /),
 * padding optional, whitespace and line breaks ignored.
 */
function decodeBase64Input(input: string, raw: string, mask: (value: string) => void): Uint8Array {
  const text = raw.replace(/\s+/g, '');
  const invalid = /[^A-Za-z0-9+/=]/.exec(text);
  if (invalid !== null) {
    const urlSafe = invalid[0] === '-' || invalid[0] === '_' ? ' (base64url); use standard base64 with + and /' : '';
    throw new ConfigurationError(`Input '${input}' must be base64: character ${invalid.index + 1} is not in the base64 alphabet${urlSafe}.`);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1 || (text.includes('=') && text.length % 4 !== 0)) {
    throw new ConfigurationError(`Input '${input}' must be base64: its length or '=' padding is wrong.`);
  }
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  if (bytes.byteLength === 0) throw new ConfigurationError(`Input '${input}' decodes to no bytes; refusing to store an empty value.`);
  try {
    // If the bytes are text, that text is the secret too.
    masked(new TextDecoder('utf-8', { fatal: true }).decode(bytes), mask);
  } catch {
    // Not text: nothing the log could show as is.
  }
  return bytes;
}

/** Parses `merge-json`: a JSON object with at least one key. Masks each leaf. */
function parseMergeObject(input: string, raw: string, mask: (value: string) => void): JsonObject {
  const reading = readJson(raw);
  if (!reading.ok) {
    throw new ConfigurationError(`Input '${input}' is not valid JSON${where(reading.where)}; expected a JSON object such as {"key": "value"}.`);
  }
  for (const leaf of jsonLeafMasks(reading.value)) masked(leaf, mask);
  if (!isJsonObject(reading.value)) {
    throw new ConfigurationError(`Input '${input}' must be a JSON object such as {"key": "value"}; got ${describeJsonKind(reading.value)}.`);
  }
  if (Object.keys(reading.value).length === 0) {
    throw new ConfigurationError(`Input '${input}' is an empty object: there is nothing to merge.`);
  }
  if (hasInexactNumber(raw)) {
    throw new ConfigurationError(
      `Input '${input}' has a number JavaScript cannot hold exactly (too many digits); write it as a string so that it is stored as given.`,
    );
  }
  return reading.value;
}
