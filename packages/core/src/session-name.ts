const MAX_LENGTH = 64;
const INVALID_CHARACTERS = /[^\w+=,.@-]/g;

/**
 * The default STS session name: it carries the run id, the attempt and the
 * repository so a CloudTrail entry leads back to the run. Only the characters
 * STS allows (`[\w+=,.@-]`), at most 64 of them; the repository is what gets
 * cut when it is too long.
 *
 * @example
 * defaultSessionName({ GITHUB_RUN_ID: '1234', GITHUB_RUN_ATTEMPT: '2', GITHUB_REPOSITORY: 'octo/app' })
 * // 'gha-1234-2-octo.app'
 */
export function defaultSessionName(env: Readonly<Record<string, string | undefined>>): string {
  const runId = clean(env['GITHUB_RUN_ID'] ?? '') || 'local';
  const attempt = clean(env['GITHUB_RUN_ATTEMPT'] ?? '') || '1';
  const head = `gha-${runId}-${attempt}`.slice(0, MAX_LENGTH);
  const repository = clean((env['GITHUB_REPOSITORY'] ?? '').replace(/\//g, '.'));
  if (repository === '' || head.length + 1 >= MAX_LENGTH) return head;
  return `${head}-${repository}`.slice(0, MAX_LENGTH);
}

/** Whether STS accepts `name` as a RoleSessionName. */
export function isValidSessionName(name: string): boolean {
  return /^[\w+=,.@-]{2,64}$/.test(name);
}

function clean(text: string): string {
  return text.replace(INVALID_CHARACTERS, '_');
}
