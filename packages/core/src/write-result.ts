/** What a write did; the same shape for secrets and parameters. */
export interface WriteResult {
  /** The version now holding the value: a Secrets Manager version id, or a parameter version number. */
  readonly versionId: string;
  readonly arn: string;
  /** False when the value was already there and nothing was written. */
  readonly changed: boolean;
  /** True when the secret or parameter was created by this write. */
  readonly created: boolean;
  /** merge-json only: how many read-merge-write rounds it took. */
  readonly attempts?: number;
}

/**
 * One line for the log about a finished write; names and ids only.
 *
 * @example
 * describeWrite("secret 'prod/api-key'", 'us-east-1', { versionId: 'v2', arn: 'arn:…', changed: true, created: false })
 * // "Wrote secret 'prod/api-key' in us-east-1: version v2."
 */
export function describeWrite(target: string, region: string, result: WriteResult): string {
  if (!result.changed) return `Left ${target} in ${region} as it was: it already holds this value (version ${result.versionId}).`;
  const verb = result.created ? 'Created' : 'Wrote';
  const rounds = result.attempts !== undefined && result.attempts > 1 ? ` after ${result.attempts} rounds (other writers changed it meanwhile)` : '';
  return `${verb} ${target} in ${region}: version ${result.versionId}${rounds}.`;
}
