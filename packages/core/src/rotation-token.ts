import { createHash } from 'node:crypto';

/**
 * The `ClientRequestToken` of a RotateSecret call, derived from the run
 * (`GITHUB_REPOSITORY`, `GITHUB_RUN_ID`, `GITHUB_RUN_ATTEMPT`), the job and
 * step (`GITHUB_JOB`, `GITHUB_ACTION`) and the secret's ARN, shaped like a
 * UUID. A retried call (the SDK's, or this step's own on a stale version it
 * started) sends the same token, which AWS treats as the same rotation
 * rather than starting a second one; a re-run (a new attempt) or another
 * step gets a new token. Undefined outside a workflow run (no run id): the
 * caller then uses a random token.
 *
 * @example
 * deriveRotationToken({ GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'deploy', GITHUB_ACTION: 'rotate' }, 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf')
 * // 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', hex digits that depend on every part
 */
export function deriveRotationToken(env: Readonly<Record<string, string | undefined>>, secretArn: string): string | undefined {
  const runId = env['GITHUB_RUN_ID'];
  if (runId === undefined || runId === '') return undefined;
  const parts = ['rotate-secret/token/v1', env['GITHUB_REPOSITORY'] ?? '', runId, env['GITHUB_RUN_ATTEMPT'] ?? '', env['GITHUB_JOB'] ?? '', env['GITHUB_ACTION'] ?? '', secretArn];
  // JSON keeps the parts apart: no two lists of parts hash alike.
  const hex = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
