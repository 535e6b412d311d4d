/**
 * The strings to register with `::add-mask::` so that `value` can never show
 * in the log: the value itself and every trimmed non-empty line of it (a
 * multi-line value is printed line by line, so each line must be masked on its
 * own). Empty and whitespace-only strings are skipped: the runner refuses them
 * and there is nothing to hide.
 *
 * @example
 * masksForValue('line one\n  line two\n') // ['line one\n  line two\n', 'line one', 'line two']
 */
export function masksForValue(value: string): string[] {
  if (value.trim() === '') return [];
  const lines = value
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return [...new Set([value, ...lines])];
}

/** `masksForValue` over many values, without repeats, in first-seen order. */
export function masksForValues(values: Iterable<string>): string[] {
  const masks = new Set<string>();
  for (const value of values) {
    for (const mask of masksForValue(value)) masks.add(mask);
  }
  return [...masks];
}
