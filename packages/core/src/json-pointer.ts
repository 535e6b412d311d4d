/**
 * Parses the key selector after `#` in a reference: a top-level key
 * (`#password`) or a JSON Pointer (`#/db/password`, RFC 6901, where `~1`
 * stands for `/` and `~0` for `~`). Returns the key path, or undefined when
 * the selector is malformed (empty, an empty pointer token, or a `~` not
 * followed by 0 or 1).
 *
 * @example
 * parseKeySelector('password')      // ['password']
 * parseKeySelector('/db/password')  // ['db', 'password']
 * parseKeySelector('/a~1b/c~0d')    // ['a/b', 'c~d']
 */
export function parseKeySelector(selector: string): string[] | undefined {
  if (selector === '') return undefined;
  if (!selector.startsWith('/')) return [selector];
  const tokens = selector.slice(1).split('/');
  if (tokens.some((token) => token === '' || /~(?![01])/.test(token))) return undefined;
  return tokens.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * A key path as the user wrote it: a single key as is, a deeper path as a
 * JSON Pointer.
 *
 * @example
 * formatKeyPath(['password'])         // 'password'
 * formatKeyPath(['db', 'a/b'])        // '/db/a~1b'
 */
export function formatKeyPath(path: readonly string[]): string {
  if (path.length === 1) return path[0] as string;
  return `/${path.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** Why a key could not be selected; names the key, never a value. */
export type KeySelectionProblem = 'not-json' | 'missing';

/**
 * Selects the value at `path` inside a JSON text. Arrays are indexed by
 * decimal position, as JSON Pointer does. Returns the value (a string as it
 * is, anything else as its JSON text), or the problem.
 *
 * @example
 * selectJsonValue('{"db":{"port":5432}}', ['db', 'port']) // { value: '5432' }
 * selectJsonValue('{"db":{}}', ['db', 'port'])            // { problem: 'missing' }
 */
export function selectJsonValue(text: string, path: readonly string[]): { value: string } | { problem: KeySelectionProblem } {
  let current: unknown;
  try {
    current = JSON.parse(text);
  } catch {
    return { problem: 'not-json' };
  }
  for (const key of path) {
    if (Array.isArray(current) && /^(0|[1-9]\d*)$/.test(key) && Number(key) < current.length) {
      current = current[Number(key)];
    } else if (typeof current === 'object' && current !== null && !Array.isArray(current) && Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[key];
    } else {
      return { problem: 'missing' };
    }
  }
  return { value: typeof current === 'string' ? current : JSON.stringify(current) };
}
