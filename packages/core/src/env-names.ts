/** How a derived name is cased, as in aws-actions/aws-secretsmanager-get-secrets. */
export const NAME_TRANSFORMATIONS = ['uppercase', 'lowercase', 'none'] as const;
export type NameTransformation = (typeof NAME_TRANSFORMATIONS)[number];

/**
 * Derives an env name from a secret name or key path, as the official action
 * does: a leading digit gets a `_` in front, every character outside
 * `[A-Za-z0-9_]` becomes `_`, then the case transformation.
 *
 * @example
 * toEnvName('0/test/secret', 'uppercase')   // '_0_TEST_SECRET'
 * toEnvName('my-app.db@prod', 'uppercase')  // 'MY_APP_DB_PROD'
 * toEnvName('my-app', 'none')               // 'my_app'
 */
export function toEnvName(raw: string, transformation: NameTransformation): string {
  const withLeader = /^[0-9]/.test(raw) ? `_${raw}` : raw;
  const safe = withLeader.replace(/[^A-Za-z0-9_]/g, '_');
  switch (transformation) {
    case 'uppercase':
      return safe.toUpperCase();
    case 'lowercase':
      return safe.toLowerCase();
    case 'none':
      return safe;
  }
}

/** Whether an alias is already what `toEnvName` would make of it. */
export function isValidAlias(alias: string, transformation: NameTransformation): boolean {
  return alias !== '' && toEnvName(alias, transformation) === alias;
}

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Names that would let a secret take over later steps or the runner itself.
const RESERVED_EXACT = ['NODE_OPTIONS', 'BASH_ENV', 'ENV', 'PATH', 'HOME'];
const RESERVED_PREFIXES = ['LD_', 'DYLD_', 'GITHUB_', 'RUNNER_', 'ACTIONS_', 'INPUT_', 'STATE_'];

/**
 * Why `name` must not be exported, or undefined when it may be. Checked
 * case-insensitively, since env names are case-insensitive on Windows runners.
 *
 * @example
 * reasonToRefuseEnvName('DB_PASSWORD') // undefined
 * reasonToRefuseEnvName('ld_preload')  // "it starts with the reserved prefix 'LD_'"
 */
export function reasonToRefuseEnvName(name: string): string | undefined {
  if (!VALID_NAME.test(name)) {
    return 'it is not a valid environment variable name (expected letters, digits and _, not starting with a digit)';
  }
  const upper = name.toUpperCase();
  if (RESERVED_EXACT.includes(upper)) {
    return `it is reserved (${RESERVED_EXACT.join(', ')} would change how later steps or the runner behave)`;
  }
  const prefix = RESERVED_PREFIXES.find((candidate) => upper.startsWith(candidate));
  if (prefix !== undefined) {
    return `it starts with the reserved prefix '${prefix}'`;
  }
  return undefined;
}
