import { neutralise } from './log-safe.js';
import { scrubSensitive } from './sensitive-text.js';
import { describeTransportFailure } from './transport-errors.js';

/**
 * A mistake the user can fix in the workflow file or in AWS: a bad input, a
 * reference that cannot be parsed, a name that would clash. Kept apart from
 * bugs so the action can say "fix this" rather than "report this".
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * An AWS call (or the GitHub token endpoint) failed. The message names the
 * operation and the resource, never a secret value; `hints` carries the known
 * causes of this failure, in the order a user should check them.
 */
export class AwsCallError extends Error {
  override name = 'AwsCallError';
  readonly operation: string;
  readonly hints: readonly string[];

  constructor(operation: string, message: string, options: { cause?: unknown; hints?: readonly string[] } = {}) {
    super(message, { cause: options.cause });
    this.operation = operation;
    this.hints = options.hints ?? [];
  }
}

/** One reference that could not be fetched, with the reason (never a value). */
export interface ReferenceFailure {
  /** The reference line as the user wrote it. */
  readonly reference: string;
  readonly reason: string;
  readonly hints: readonly string[];
}

/**
 * Some references could not be fetched. Thrown after every fetch has settled,
 * so the message lists every failure at once and nothing has been exported.
 */
export class SecretsFetchError extends Error {
  override name = 'SecretsFetchError';
  readonly failures: readonly ReferenceFailure[];

  constructor(failures: readonly ReferenceFailure[]) {
    const count = failures.length === 1 ? '1 reference' : `${failures.length} references`;
    super(
      [`Failed to fetch ${count}; nothing was exported:`, ...failures.map((f) => `  - '${f.reference}': ${f.reason}`)].join(
        '\n',
      ),
    );
    this.failures = failures;
  }
}

/**
 * Formats any thrown value for the log, with its hints. The text contains
 * names and AWS messages only; callers never put values into errors. An error
 * of a foreign type (an SDK error that escaped unwrapped) is scrubbed like
 * `describeAwsError`; the step's own errors were scrubbed where AWS text was
 * wrapped into them.
 */
export function describeError(error: unknown): string {
  if (error instanceof SecretsFetchError) {
    const hints = [...new Set(error.failures.flatMap((f) => f.hints))];
    return withHints(error.message, hints);
  }
  if (error instanceof AwsCallError) {
    return withHints(error.message, error.hints);
  }
  if (error instanceof ConfigurationError) {
    return error.message;
  }
  // Anything else may be an SDK or network error carrying AWS-provided text.
  return scrubSensitive(error instanceof Error ? error.message : String(error));
}

function withHints(message: string, hints: readonly string[]): string {
  if (hints.length === 0) {
    return message;
  }
  return [message, 'Things to check:', ...hints.map((hint) => `  - ${hint}`)].join('\n');
}

/** The AWS error code of an SDK error (`name`), or undefined for other throws. */
export function awsErrorCode(error: unknown): string | undefined {
  if (error instanceof Error && typeof (error as { name?: unknown }).name === 'string') {
    return error.name;
  }
  return undefined;
}

/** The HTTP status an SDK error carried, when there was a response. */
export function httpStatusOf(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata;
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}

/**
 * Access denied, however it arrives: AWS answers with an error code, while an
 * emulator or a proxy may answer a bare HTTP 403 that the SDK cannot parse.
 */
export function isAccessDenied(error: unknown): boolean {
  const code = awsErrorCode(error);
  return code === 'AccessDeniedException' || code === 'AccessDenied' || httpStatusOf(error) === 403;
}

// What the SDK calls an error whose body it could not read as an AWS error.
const UNREADABLE_ERROR_NAMES = new Set(['SyntaxError', 'Error', 'Unknown', 'UnknownError']);

/**
 * `Code: message` of an AWS or network error, made safe to print. AWS error
 * messages should name resources only, but a service may quote the request it
 * answers (a value being written, an OIDC token): every value the step knows
 * is scrubbed out (see `scrubSensitive`).
 */
export function describeAwsError(error: unknown): string {
  if (!(error instanceof Error)) return neutralise(scrubSensitive(String(error)));
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  // A bare 403 whose body the SDK could not read (an IAM denial from an emulator or a proxy):
  // say so, rather than print the SDK's parse failure.
  if (status === 403 && UNREADABLE_ERROR_NAMES.has(error.name)) return 'AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)';
  const transport = describeTransportFailure(error);
  if (transport !== undefined) return neutralise(scrubSensitive(transport));
  const name = error.name === 'Error' ? '' : `${error.name}: `;
  const message = error.message !== '' ? error.message : status !== undefined ? `HTTP ${status}` : 'no message';
  return neutralise(scrubSensitive(`${name}${message}`));
}
