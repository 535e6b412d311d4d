/**
 * Formats variables as a dotenv file that a POSIX shell reads back byte for
 * byte (`set -a; . ./file`): every value in single quotes, where nothing is
 * special, and each `'` written as `'\''`. Newlines, `$`, backslashes and
 * double quotes survive unchanged.
 *
 * @example
 * formatDotenv([{ name: 'A', value: "it's\nfine" }]) // "A='it'\\''s\nfine'\n"
 */
export function formatDotenv(variables: ReadonlyArray<{ readonly name: string; readonly value: string }>): string {
  return variables.map(({ name, value }) => `${name}='${value.replace(/'/g, `'\\''`)}'\n`).join('');
}
