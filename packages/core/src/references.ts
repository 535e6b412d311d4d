import { parseArn, type Arn } from './arn.js';
import { isValidAlias, toEnvName, type NameTransformation } from './env-names.js';
import { ConfigurationError } from './errors.js';
import { parseMultilineInput } from './input-parsers.js';
import { parseKeySelector } from './json-pointer.js';
import { quote } from './log-safe.js';

/** Which version of a secret to read; AWSCURRENT when absent. */
export type VersionSelector = { readonly stage: string } | { readonly versionId: string };

/** What one reference line points at. */
export type ReferenceTarget =
  /** One secret, by name or (full or partial) ARN, optionally pinned to a version. */
  | { readonly kind: 'secret'; readonly secretId: string; readonly arn: Arn | undefined; readonly version?: VersionSelector }
  /** Every secret whose name starts with `prefix`. */
  | { readonly kind: 'prefix'; readonly prefix: string }
  /** One Parameter Store parameter by name or ARN, with SSM's own `:VERSION` / `:LABEL` selector kept in `selector`. */
  | { readonly kind: 'parameter'; readonly name: string; readonly arn: Arn | undefined; readonly selector?: string }
  /** Every parameter below `path` (which ends with `/`), recursively. */
  | { readonly kind: 'parameter-path'; readonly path: string };

/** One parsed line of the `secret-ids` input. */
export interface SecretReference {
  /** The line as written, trimmed; used in every message about it. */
  readonly line: string;
  readonly lineNumber: number;
  /**
   * The env name chosen by the user; `''` is the blank alias (`,id`), which
   * names JSON keys without a prefix; undefined derives the name from the source.
   */
  readonly alias: string | undefined;
  readonly target: ReferenceTarget;
  /** The JSON key path selected with `#key` or `#/json/pointer`, when one was. */
  readonly keyPath?: readonly string[];
}

// Secrets Manager allows letters, digits and /_+=.@- in names; Parameter Store letters, digits and _.-/.
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const PARAMETER_NAME = /^[A-Za-z0-9_./-]{1,1011}$/;
const STAGE_LABEL = /^[A-Za-z0-9_.+=@-]{1,256}$/;
const VERSION_ID = /^[A-Za-z0-9-]{32,64}$/;
const PARAMETER_LABEL = /^[A-Za-z0-9_.-]{1,100}$/;

const EXPECTED =
  'expected [ALIAS,]SECRET[?stage=STAGE|?version=ID][#KEY|#/POINTER] (SECRET a secret name or ARN), [ALIAS,]PREFIX*, ' +
  '[ALIAS,]ssm:NAME[:VERSION|:LABEL][#KEY] or [ALIAS,]ssm:/PATH/*';

/**
 * Parses the `secret-ids` input: one reference per line, blank lines and
 * lines starting with `#` ignored, identical lines read once. Every problem
 * is reported before any AWS call, quoting the line and saying what was
 * expected.
 *
 * @example
 * parseSecretReferences('DB,prod/db?stage=AWSPREVIOUS#/creds/password\nssm:/app/prod/*', 'uppercase')
 * // [ { line: 'DB,prod/db?stage=AWSPREVIOUS#/creds/password', lineNumber: 1, alias: 'DB',
 * //     target: { kind: 'secret', secretId: 'prod/db', arn: undefined, version: { stage: 'AWSPREVIOUS' } },
 * //     keyPath: ['creds', 'password'] },
 * //   { line: 'ssm:/app/prod/*', lineNumber: 2, alias: undefined, target: { kind: 'parameter-path', path: '/app/prod/' } } ]
 */
export function parseSecretReferences(input: string, transformation: NameTransformation): SecretReference[] {
  const lines = parseMultilineInput(input).filter(({ text }) => !text.startsWith('#'));
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

type Fail = (problem: string) => never;

function parseReferenceLine(line: string, lineNumber: number, transformation: NameTransformation): SecretReference {
  const fail: Fail = (problem) => {
    throw new ConfigurationError(`Input 'secret-ids', line ${lineNumber} ${quote(line)}: ${problem}.`);
  };
  // A comma before any '#' ends the alias; after '#', commas belong to the key.
  const hash = line.indexOf('#');
  const comma = line.indexOf(',');
  const hasAlias = comma >= 0 && (hash < 0 || comma < hash);
  const alias = hasAlias ? line.slice(0, comma).trim() : undefined;
  const body = (hasAlias ? line.slice(comma + 1) : line).trim();

  // `prod/db,` is a trailing comma, not an alias with the secret left out: say so.
  if (alias !== undefined && body === '' && alias !== '') fail(`nothing follows the comma (a trailing comma?); ${EXPECTED}`);
  if (alias !== undefined && alias !== '' && !isValidAlias(alias, transformation)) {
    const suggestion = toEnvName(alias, transformation);
    // An alias of symbols only (КЛЮЧ, 🔑) derives to underscores alone: no suggestion worth making.
    fail(
      `the alias ${quote(alias)} is not a valid environment variable name under name-transformation '${transformation}'` +
        (/[A-Za-z0-9]/.test(suggestion) ? ` (did you mean ${quote(suggestion)}?)` : ' (letters, digits and _, not starting with a digit)'),
    );
  }
  if (body === '') fail(`the secret is missing; ${EXPECTED}`);
  const bodyHash = body.indexOf('#');
  if ((bodyHash < 0 ? body : body.slice(0, bodyHash)).includes(',')) fail(`more than one comma; ${EXPECTED}`);

  const [source, keyPath] = splitKeySelector(body, fail);
  const target = source.startsWith('ssm:') ? parseParameterTarget(source.slice('ssm:'.length), fail) : parseSecretTarget(source, fail);
  if (keyPath !== undefined && (target.kind === 'prefix' || target.kind === 'parameter-path')) {
    fail('a #key selects inside one value; it cannot follow a prefix or a path');
  }
  return { line, lineNumber, alias, target, ...(keyPath === undefined ? {} : { keyPath }) };
}

function splitKeySelector(body: string, fail: Fail): [string, string[] | undefined] {
  const hash = body.indexOf('#');
  if (hash < 0) return [body, undefined];
  const selector = body.slice(hash + 1);
  const keyPath = parseKeySelector(selector);
  if (keyPath === undefined) {
    fail(`the key after # must be a JSON key (#password) or a JSON Pointer (#/db/password); got ${quote(`#${selector}`)}`);
  }
  return [body.slice(0, hash).trim(), keyPath];
}

function parseSecretTarget(source: string, fail: Fail): ReferenceTarget {
  const question = source.indexOf('?');
  const id = question < 0 ? source : source.slice(0, question);
  const version = question < 0 ? undefined : parseVersionQuery(source.slice(question + 1), fail);

  if (id === '') fail(`the secret is missing; ${EXPECTED}`);
  if (id.startsWith('arn:')) {
    const arn = parseArn(id);
    if (arn?.service !== 'secretsmanager' || !arn.resource.startsWith('secret:') || arn.region === '') {
      return fail('not a Secrets Manager secret ARN; expected arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME');
    }
    if (!SECRET_NAME.test(arn.resource.slice('secret:'.length))) {
      return fail('the secret name in this ARN has characters a secret name cannot have (prefixes take a name, not an ARN)');
    }
    return { kind: 'secret', secretId: id, arn, ...(version === undefined ? {} : { version }) };
  }
  if (id.includes('*')) {
    const prefix = id.slice(0, -1);
    if (!id.endsWith('*') || prefix.includes('*') || !SECRET_NAME.test(prefix)) {
      return fail('a prefix must be a secret name prefix followed by a single * at the end, such as prod/app/*');
    }
    if (version !== undefined) fail('a prefix reads the current version of each match; ?stage= and ?version= need one secret');
    return { kind: 'prefix', prefix };
  }
  if (!SECRET_NAME.test(id)) {
    return fail('a secret name may only contain letters, digits and /_+=.@- (at most 512 characters)');
  }
  return { kind: 'secret', secretId: id, arn: undefined, ...(version === undefined ? {} : { version }) };
}

function parseVersionQuery(query: string, fail: Fail): VersionSelector {
  const match = /^(stage|version)=([^&=]*)$/.exec(query);
  if (!match) {
    return fail(`after ? give exactly one of stage=STAGE or version=VERSION_ID; got ${quote(`?${query}`)}`);
  }
  const [, key, value = ''] = match;
  if (key === 'stage') {
    if (!STAGE_LABEL.test(value)) fail(`?stage= needs a staging label such as AWSPREVIOUS; got ${quote(value)}`);
    return { stage: value };
  }
  if (!VERSION_ID.test(value)) fail(`?version= needs a version id (32 to 64 letters, digits and -); got ${quote(value)}`);
  return { versionId: value };
}

function parseParameterTarget(rest: string, fail: Fail): ReferenceTarget {
  if (rest.startsWith('arn:')) {
    const arn = parseArn(rest);
    if (arn?.service !== 'ssm' || !arn.resource.startsWith('parameter/') || arn.region === '') {
      return fail('not a Parameter Store ARN; expected ssm:arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME');
    }
    const [nameInArn, selector] = splitParameterSelector(arn.resource.slice('parameter/'.length), fail);
    if (!PARAMETER_NAME.test(nameInArn)) fail('the parameter name in this ARN may only contain letters, digits and _.-/');
    const name = rest.slice(0, rest.length - (selector === undefined ? 0 : selector.length + 1));
    return { kind: 'parameter', name, arn, ...(selector === undefined ? {} : { selector }) };
  }
  if (rest.endsWith('/*')) {
    const path = rest.slice(0, -1);
    if (!path.startsWith('/') || !PARAMETER_NAME.test(path) || path.includes('//')) {
      return fail('a parameter path must start with / and end with /*, such as ssm:/app/prod/*');
    }
    return { kind: 'parameter-path', path };
  }
  const [name, selector] = splitParameterSelector(rest, fail);
  if (name.endsWith('/')) fail('a parameter name cannot end with /; to read every parameter below a path, end it with /*');
  if (name === '' || !PARAMETER_NAME.test(name)) {
    return fail('a parameter name may only contain letters, digits and _.-/ (a path ends with /*, such as ssm:/app/prod/*)');
  }
  return { kind: 'parameter', name, arn: undefined, ...(selector === undefined ? {} : { selector }) };
}

/** Splits SSM's own `name:VERSION` / `name:LABEL` selector off a parameter name. */
function splitParameterSelector(text: string, fail: Fail): [string, string | undefined] {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return [text, undefined];
  const selector = text.slice(colon + 1);
  if (!/^[1-9]\d*$/.test(selector) && (!PARAMETER_LABEL.test(selector) || /^\d/.test(selector))) {
    fail(`after : give a parameter version (a number) or a label; got ${quote(`:${selector}`)}`);
  }
  return [text.slice(0, colon), selector];
}
