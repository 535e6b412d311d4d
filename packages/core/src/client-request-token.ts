import { createHash, scryptSync } from 'node:crypto';
import { ConfigurationError } from './errors.js';
import { optionalInput } from './input-parsers.js';
import { quote } from './log-safe.js';

/** Which workflow run a write belongs to. */
export interface RunIdentity {
  readonly repository: string;
  readonly runId: string;
  readonly runAttempt: string;
}

/** The run as the runner describes it (`GITHUB_REPOSITORY`, `GITHUB_RUN_ID`, `GITHUB_RUN_ATTEMPT`); '' where unset. */
export function runIdentity(env: Readonly<Record<string, string | undefined>>): RunIdentity {
  return {
    repository: env['GITHUB_REPOSITORY'] ?? '',
    runId: env['GITHUB_RUN_ID'] ?? '',
    runAttempt: env['GITHUB_RUN_ATTEMPT'] ?? '',
  };
}

/**
 * A digest of a secret value for deriving names from it. The names it feeds
 * (version ids, staging labels) show in logs, outputs and to anyone allowed
 * to list versions, and everything else that goes into them is public; a
 * fast hash would let anyone test guesses of a short value (a PIN) offline.
 * scrypt makes each guess cost about 0.1 s of CPU and 32 MiB.
 */
function valueDigest(value: string | Uint8Array): string {
  return scryptSync(value, 'put-secret/value/v1', 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('hex');
}

function digestOf(parts: readonly string[]): string {
  // JSON keeps the parts apart: no choice of values can make two lists hash alike.
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The default `ClientRequestToken` of a write (it becomes the version id):
 * a SHA-256 of the repository, run id, run attempt, target and a slow
 * digest of the value, shaped like a UUID (36 hex digits and dashes, within
 * AWS's 32 to 64 characters).
 * A retried step of the same run sends the same token with the same value,
 * which AWS answers with the version already written; a re-run (a new
 * attempt) or another value gets a new token.
 *
 * @example
 * deriveClientRequestToken({ repository: 'octo/app', runId: '42', runAttempt: '1' }, 'prod/api-key', 'value')
 * // 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', hex digits that depend on every argument
 */
export function deriveClientRequestToken(run: RunIdentity, target: string, value: string | Uint8Array): string {
  const hex = digestOf(['put-secret/token/v1', run.repository, run.runId, run.runAttempt, target, valueDigest(value)]);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Every staging label merge-json puts on its own versions starts with this. */
export const MERGE_STAGE_PREFIX = 'PUTSECRET_PENDING_';

/**
 * The staging label a merge-json step puts on the versions it writes until
 * AWSCURRENT has moved. One label per step (run, attempt, target, merge
 * object), kept across compare-and-swap attempts, so AWS moves it from an
 * abandoned version to the next one and a retried step finds its own label.
 *
 * @example
 * mergeStageLabel({ repository: 'octo/app', runId: '42', runAttempt: '1' }, 'prod/app', '{"key":"v"}')
 * // 'PUTSECRET_PENDING_' followed by 16 hex digits
 */
export function mergeStageLabel(run: RunIdentity, target: string, mergeObjectText: string): string {
  const hex = digestOf(['put-secret/stage/v1', run.repository, run.runId, run.runAttempt, target, valueDigest(mergeObjectText)]);
  return `${MERGE_STAGE_PREFIX}${hex.slice(0, 16).toUpperCase()}`;
}

// A token becomes the version id; get-secrets reads versions by ids of this shape.
const TOKEN = /^[A-Za-z0-9-]{32,64}$/;

/**
 * The `client-request-token` input: 32 to 64 letters, digits and `-`, or
 * undefined when not given.
 *
 * @example
 * parseClientRequestToken('client-request-token', 'release-2024-06-01-build-1234-token') // the same text
 */
export function parseClientRequestToken(input: string, raw: string | undefined): string | undefined {
  const token = optionalInput(raw);
  if (token !== undefined && !TOKEN.test(token)) {
    throw new ConfigurationError(`Input '${input}' must be 32 to 64 letters, digits and -; got ${quote(token)} (${token.length} characters).`);
  }
  return token;
}
