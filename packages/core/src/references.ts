import { parseArn, type Arn } from './arn.js';
import { isValidAlias, toEnvName, type NameTransformation } from './env-names.js';
import { ConfigurationError } from './errors.js';
import { parseMultilineInput } from './input-parsers.js';
import { quote } from './log-safe.js';

/** What one reference line points at. */
export type SecretTarget =
  /** One secret, by name or (full or partial) ARN. */
  | { readonly kind: 'secret'; readonly secretId: string; readonly arn: Arn | undefined }
  /** Every secret whose name starts with `prefix`. */
  | { readonly kind: 'prefix'; readonly prefix: string };

/** One parsed line of the `secret-ids` input. */
export interface SecretReference {
  /** The line as written, trimmed; used in every message about it. */
  readonly line: string;
  readonly lineNumber: number;
  /**
   * The env name chosen by the user; `''` is the blank alias (`,id`), which
   * names JSON keys without a prefix; undefined derives the name from the secret.
   */
  readonly alias: string | undefined;
  readonly target: SecretTarget;
}

// Secrets Manager allows letters, digits and /_+=.@- in names.
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const EXPECTED = 'expected [ALIAS,]SECRET where SECRET is a secret name, a secret ARN or a name prefix ending in *';

/**
 * Parses the `secret-ids` input: one reference per line, blank lines ignored,
 * identical lines read once. Every problem is reported before any AWS call,
 * quoting the line and saying what was expected.
 *
 * @example
 * parseSecretReferences('DB,prod/db\nshared/*', 'uppercase')
 * // [ { line: 'DB,prod/db', lineNumber: 1, alias: 'DB', target: { kind: 'secret', secretId: 'prod/db', arn: undefined } },
 * //   { line: 'shared/*', lineNumber: 2, alias: undefined, target: { kind: 'prefix', prefix: 'shared/' } } ]
 */
export function parseSecretReferences(input: string, transformation: NameTransformation): SecretReference[] {
  const lines = parseMultilineInput(input);
  if (lines.length === 0) {
    throw new ConfigurationError(`Input 'secret-ids' is empty: ${EXPECTED}, one per line.`);
  }
  const seen = new Set<string>();
  const references: SecretReference[] = [];
  for (const { text, lineNumber } of lines) {
    if (seen.has(text)) continue;
    seen.add(text);
    references.push(parseReferenceLine(text, lineNumber, transformation));
  }
  return references;
}

function parseReferenceLine(line: string, lineNumber: number, transformation: NameTransformation): SecretReference {
  const fail = (problem: string): never => {
    throw new ConfigurationError(`Input 'secret-ids', line ${lineNumber} ${quote(line)}: ${problem}.`);
  };
  const parts = line.split(',');
  if (parts.length > 2) fail(`more than one comma; ${EXPECTED}`);
  const [first = '', second] = parts.map((part) => part.trim());
  const alias = second === undefined ? undefined : first;
  const id = second ?? first;

  if (alias !== undefined && alias !== '' && !isValidAlias(alias, transformation)) {
    const suggestion = toEnvName(alias, transformation);
    fail(
      `the alias ${quote(alias)} is not a valid environment variable name under name-transformation '${transformation}'` +
        (suggestion !== '' ? ` (did you mean ${quote(suggestion)}?)` : ''),
    );
  }
  if (id === '') fail(`the secret is missing; ${EXPECTED}`);
  return { line, lineNumber, alias, target: parseTarget(id, fail) };
}

function parseTarget(id: string, fail: (problem: string) => never): SecretTarget {
  if (id.startsWith('arn:')) {
    const arn = parseArn(id);
    if (arn?.service !== 'secretsmanager' || !arn.resource.startsWith('secret:') || arn.region === '') {
      return fail('not a Secrets Manager secret ARN; expected arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME');
    }
    if (!SECRET_NAME.test(arn.resource.slice('secret:'.length))) {
      return fail('the secret name in this ARN has characters a secret name cannot have (prefixes take a name, not an ARN)');
    }
    return { kind: 'secret', secretId: id, arn };
  }
  if (id.includes('*')) {
    const prefix = id.slice(0, -1);
    if (!id.endsWith('*') || prefix.includes('*') || !SECRET_NAME.test(prefix)) {
      return fail('a prefix must be a secret name prefix followed by a single * at the end, such as prod/app/*');
    }
    return { kind: 'prefix', prefix };
  }
  if (!SECRET_NAME.test(id)) {
    return fail('a secret name may only contain letters, digits and /_+=.@- (at most 512 characters)');
  }
  return { kind: 'secret', secretId: id, arn: undefined };
}
