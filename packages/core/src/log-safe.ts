/**
 * Makes untrusted text (a reference line, a secret or key name, an AWS error
 * message) safe to print: the runner treats any line that starts with `::`
 * (or the older `##[`) as a workflow command, so a name such as
 * `::add-mask::x` or one carrying a newline could otherwise issue commands.
 * Line breaks are shown as `\n` / `\r`, and a leading command marker is
 * prefixed with a backslash.
 *
 * @example
 * neutralise('a\n::stop-commands::x') // 'a\\n::stop-commands::x' (one line)
 * neutralise('::set-env name=X::1')   // '\\::set-env name=X::1'
 */
export function neutralise(text: string): string {
  const oneLine = text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  return /^\s*(::|##\[)/.test(oneLine) ? `\\${oneLine}` : oneLine;
}

/** `neutralise`, in single quotes: how names appear in every message. */
export function quote(text: string): string {
  return `'${neutralise(text)}'`;
}
