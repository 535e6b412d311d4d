/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/**
 * Whether a JSON value is an object (not null, not an array).
 *
 * @example
 * isJsonObject({ a: 1 }) // true
 * isJsonObject([1])      // false
 */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Applies a JSON merge patch (RFC 7386): each key of the patch is set, a key
 * set to `null` is removed, and nested objects merge recursively; anything
 * else (arrays included) replaces the old value. A target that is not an
 * object is treated as `{}`. Existing keys keep their order; new keys come
 * last. Neither argument is changed. Objects are built with
 * `Object.fromEntries`, so a `__proto__` key stays an ordinary key.
 *
 * @example
 * applyMergePatch({ user: 'app', tls: { ca: 'x', verify: true } }, { password: 'p2', tls: { verify: null } })
 * // { user: 'app', tls: { ca: 'x' }, password: 'p2' }
 */
export function applyMergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return patch;
  const merged = new Map<string, JsonValue>(isJsonObject(target) ? Object.entries(target) : []);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) merged.delete(key);
    else merged.set(key, applyMergePatch(merged.get(key), value));
  }
  return Object.fromEntries<JsonValue>(merged);
}

/** What a text holds when read as JSON; never carries the text itself. */
export type JsonReading =
  | { readonly ok: true; readonly value: JsonValue }
  /** `where` is "at position N (line L column C)" when the parser said, else ''. */
  | { readonly ok: false; readonly where: string };

/**
 * Parses JSON without letting the text reach an error: V8's messages can
 * quote the input, so only the position is kept, when V8 gives one.
 *
 * @example
 * readJson('{"a":1}') // { ok: true, value: { a: 1 } }
 * readJson('{"a":1')  // { ok: false, where: 'at position 6 (line 1 column 7)' }
 * readJson('{"a":}')  // { ok: false, where: '' }
 */
export function readJson(text: string): JsonReading {
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (message.includes('end of JSON input')) return { ok: false, where: 'at the end (the text stops too early)' };
    const position = /at position (\d+)/.exec(message)?.[1];
    if (position === undefined) return { ok: false, where: '' };
    const offset = Number(position);
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { ok: false, where: `at position ${offset} (line ${before.length} column ${(before.at(-1)?.length ?? 0) + 1})` };
  }
}

/**
 * How to name the kind of a JSON value in a message.
 *
 * @example
 * describeJsonKind([1]) // 'an array'
 */
export function describeJsonKind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * The strings to mask for a JSON value besides its whole text: every string
 * leaf and every number leaf (as JSON text), inside objects and arrays.
 * `true`, `false` and `null` are not secrets, and masking them would hide
 * those words everywhere in the log.
 *
 * @example
 * jsonLeafMasks({ user: 'app', pin: 1234, tls: { on: true }, hosts: ['a.example'] }) // ['app', '1234', 'a.example']
 */
export function jsonLeafMasks(value: JsonValue): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [JSON.stringify(value)];
  if (value === null || typeof value === 'boolean') return [];
  const children: readonly JsonValue[] = Array.isArray(value) ? value : Object.values(value as JsonObject);
  return children.flatMap(jsonLeafMasks);
}

const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Whether valid JSON text holds a number that JavaScript cannot carry
 * exactly (a large integer, too many digits, or out of range), so that
 * parsing and writing it back would change the value: 12345678901234567890
 * would come back as 12345678901234567000. Merging must refuse such text
 * rather than corrupt it.
 *
 * @example
 * hasInexactNumber('{"id": 12345678901234567890}') // true
 * hasInexactNumber('{"port": 5432, "ratio": 0.1}')  // false
 */
export function hasInexactNumber(text: string): boolean {
  for (let index = 0; index < text.length; ) {
    const char = text[index] as string;
    if (char === '"') {
      index = endOfString(text, index);
      continue;
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER_TOKEN.lastIndex = index;
      const token = NUMBER_TOKEN.exec(text)?.[0];
      if (token !== undefined) {
        const parsed = Number(token);
        if (!Number.isFinite(parsed) || decimalOf(token) !== decimalOf(String(parsed))) return true;
        index += token.length;
        continue;
      }
    }
    index++;
  }
  return false;
}

function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else index++;
  }
  return index;
}

/** A number's decimal value as sign, significant digits and exponent, so that 1.50e2 and 150 compare equal. */
function decimalOf(token: string): string {
  const negative = token.startsWith('-');
  const [mantissa = '', exponent = '0'] = token.replace(/^-/, '').split(/[eE]/);
  const [whole = '', fraction = ''] = mantissa.split('.');
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  const leadingZeros = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(leadingZeros).replace(/0+$/, '');
  point -= leadingZeros;
  if (digits === '') return '0';
  return `${negative ? '-' : ''}0.${digits}e${point}`;
}
