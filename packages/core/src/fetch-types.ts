import { awsErrorCode, describeAwsError } from './errors.js';
import { secretFetchHints } from './hints.js';

/** One value read from Secrets Manager or Parameter Store, with where it came from. */
export interface SourceValue {
  /** How the source appears in logs and the summary: a secret name, or `ssm:` and a parameter name. */
  readonly sourceName: string;
  /** What a derived env name starts from: the secret or parameter name, or a path match's name below the path. */
  readonly nameBase: string;
  readonly arn: string | undefined;
  /** The version read: a secret's version id and stages, or a parameter's version number. */
  readonly version: string;
  /** When that version was created (a secret) or last modified (a parameter). */
  readonly createdDate: Date | undefined;
  readonly value: string;
}

/** Why a read failed, for the error list; `missing` failures obey `on-missing`. */
export interface ReadFailure {
  readonly reason: string;
  readonly hints: readonly string[];
  /** The source does not exist (or the key is absent), as opposed to a denial or an outage. */
  readonly missing: boolean;
}

/** The outcome of one read: the value(s) or a failure. */
export type ReadOutcome = { readonly values: readonly SourceValue[] } | { readonly failure: ReadFailure };

/** Bounds every AWS call of a run (see `createLimiter`). */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

const MISSING_CODES = new Set(['ResourceNotFoundException', 'ParameterNotFound', 'ParameterVersionNotFound']);

/** A failed call turned into a `ReadFailure` naming the operation, the subject and the region. */
export function callFailure(operation: string, subject: string, region: string, error: unknown): ReadFailure {
  return {
    reason: `${operation} for ${subject} in ${region} failed: ${describeAwsError(error)}`,
    hints: secretFetchHints(error, { operation, region }),
    missing: MISSING_CODES.has(awsErrorCode(error) ?? ''),
  };
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
