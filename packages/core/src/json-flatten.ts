/** One leaf of a JSON object: its key path and its value as env text. */
export interface JsonLeaf {
  readonly path: readonly string[];
  readonly value: string;
}

/**
 * Expands a secret holding a JSON object into its leaves, recursively, the
 * way the official action does: strings stay as they are, other leaves
 * (numbers, booleans, null, arrays) become their JSON text, and an empty
 * nested object yields nothing. Returns undefined when the text is not a JSON
 * object (an array, a scalar or not JSON at all stays one variable).
 *
 * @example
 * flattenJsonObject('{"user":"app","port":5432,"tls":{"ca":"x"}}')
 * // [ { path: ['user'], value: 'app' }, { path: ['port'], value: '5432' }, { path: ['tls', 'ca'], value: 'x' } ]
 */
export function flattenJsonObject(text: string): JsonLeaf[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(parsed)) return undefined;
  const leaves: JsonLeaf[] = [];
  collectLeaves(parsed, [], leaves);
  return leaves;
}

function collectLeaves(object: Record<string, unknown>, path: readonly string[], leaves: JsonLeaf[]): void {
  for (const [key, value] of Object.entries(object)) {
    const keyPath = [...path, key];
    if (isPlainObject(value)) {
      collectLeaves(value, keyPath, leaves);
    } else {
      leaves.push({ path: keyPath, value: typeof value === 'string' ? value : JSON.stringify(value) });
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
