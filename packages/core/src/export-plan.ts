import { reasonToRefuseEnvName, toEnvName, type NameTransformation } from './env-names.js';
import { ConfigurationError } from './errors.js';
import type { FetchedValue } from './fetch-secrets.js';
import { flattenJsonObject } from './json-flatten.js';
import { formatKeyPath } from './json-pointer.js';
import { quote } from './log-safe.js';
import type { SecretReference } from './references.js';
import { masksForValues } from './masking.js';
import { isJsonObject, jsonLeafMasks, readJson } from './merge-json.js';

/** One variable to export, with where it came from (for logs and the summary, never the value). */
export interface PlannedVariable {
  readonly name: string;
  readonly value: string;
  /** The reference line that produced it. */
  readonly reference: string;
  /** The secret's name, or `ssm:` and the parameter's name. */
  readonly sourceName: string;
  readonly arn: string | undefined;
  /** The version read (a secret's version id and stages, a parameter's version). */
  readonly version: string;
  readonly createdDate: Date | undefined;
  /** The JSON key path inside the value (`#key` selection, then JSON parsing), when there is one. */
  readonly keyPath?: readonly string[];
}

/** Everything the action will export, and what must be masked before. */
export interface ExportPlan {
  readonly variables: readonly PlannedVariable[];
  /** Every value and every line of every value; register all before any export. */
  readonly masks: readonly string[];
  /** Things worth telling the user (never values), such as an empty JSON object. */
  readonly notices: readonly string[];
}

/** How names are derived. */
export interface PlanOptions {
  readonly parseJsonSecrets: boolean;
  readonly nameTransformation: NameTransformation;
}

/**
 * Names every fetched value as the official action does, and refuses the
 * plan before anything is exported when a name is unsafe or two values would
 * land on one name (also when the names differ only in case, since env names
 * are case-insensitive on Windows runners).
 *
 * Naming: an alias is used as is; otherwise the source's name (a secret's
 * name, a parameter's name, a path match's name below the path), followed by
 * a selected `#key` path, goes through `toEnvName`. With JSON parsing, an
 * object becomes one variable per leaf, named `<alias or derived base>_<key>_<key>…`
 * (the blank alias `,id` names leaves by their keys alone) and the whole name
 * goes through `toEnvName`, so a nested key starting with a digit gets no
 * extra `_`.
 */
export function planExports(fetched: readonly FetchedValue[], options: PlanOptions): ExportPlan {
  const variables: PlannedVariable[] = [];
  const notices: string[] = [];
  for (const source of fetched) {
    const { keyPath = [], line, target } = source.reference;
    const origin = { reference: line, sourceName: source.sourceName, arn: source.arn, version: source.version, createdDate: source.createdDate };
    // A path yields many values: its alias is a prefix of their names, not a name.
    const alias = target.kind === 'parameter-path' ? undefined : source.reference.alias;
    const pathAlias = target.kind === 'parameter-path' && source.reference.alias !== '' ? source.reference.alias : undefined;
    const derivedBase = [...(pathAlias === undefined ? [] : [pathAlias]), source.nameBase, ...keyPath].join('_');
    const leaves = options.parseJsonSecrets ? flattenJsonObject(source.value) : undefined;
    if (leaves === undefined) {
      const name = alias !== undefined && alias !== '' ? alias : toEnvName(derivedBase, options.nameTransformation);
      variables.push({ name, value: source.value, ...origin, ...(keyPath.length > 0 ? { keyPath } : {}) });
      continue;
    }
    if (leaves.length === 0) {
      notices.push(`${quote(source.sourceName)} (reference ${quote(line)}) is an empty JSON object; it sets no variable.`);
    }
    const base = alias ?? derivedBase;
    for (const leaf of leaves) {
      const name = toEnvName([base, ...leaf.path].filter((part) => part !== '').join('_'), options.nameTransformation);
      variables.push({ name, value: leaf.value, ...origin, keyPath: [...keyPath, ...leaf.path] });
    }
  }
  variables.forEach(assertSafeName);
  variables.forEach(assertDeliverableValue);
  assertUniqueNames(variables);
  return { variables, masks: masksForValues(variables.flatMap((variable) => [variable.value, ...jsonLeavesOf(variable.value)])), notices };
}

/**
 * The leaves of a value exported whole that holds a JSON object or array: a
 * later step may print one of them on its own (`jq -r .password`), and the
 * runner masks only what it was given, so each leaf is masked too (strings
 * and numbers; `true`, `false` and `null` are not secrets).
 */
function jsonLeavesOf(value: string): string[] {
  const start = value.trimStart()[0];
  if (start !== '{' && start !== '[') return [];
  const reading = readJson(value);
  if (!reading.ok || (!isJsonObject(reading.value) && !Array.isArray(reading.value))) return [];
  return jsonLeafMasks(reading.value);
}

/**
 * Refuses, before any AWS call, an alias that sets a reserved name whatever
 * the secret holds: always without JSON parsing; with it, only when the alias
 * also taints every `ALIAS_KEY` it would prefix (such as `LD_PRELOAD`), since
 * a JSON object uses the alias as a prefix (`PATH` then gives `PATH_KEY`).
 * The rest is checked by `planExports` once the values are known.
 *
 * @example
 * assertAliasesAllowed(parseSecretReferences('LD_PRELOAD,prod/db', 'uppercase'), false) // throws ConfigurationError
 */
export function assertAliasesAllowed(references: readonly SecretReference[], parseJsonSecrets: boolean): void {
  for (const { alias, line, lineNumber, target } of references) {
    // A path's alias only ever prefixes names; '' is the blank alias.
    if (alias === undefined || alias === '' || target.kind === 'parameter-path') continue;
    const reason = reasonToRefuseEnvName(alias);
    if (reason === undefined || (parseJsonSecrets && reasonToRefuseEnvName(`${alias}_KEY`) === undefined)) continue;
    throw new ConfigurationError(`Input 'secret-ids', line ${lineNumber} ${quote(line)}: the alias ${quote(alias)} is refused: ${reason}.`);
  }
}

function describeSource(variable: PlannedVariable): string {
  const key = variable.keyPath === undefined ? '' : ` key ${quote(formatKeyPath(variable.keyPath))}`;
  const kind = variable.sourceName.startsWith('ssm:') ? 'parameter' : 'secret';
  const name = kind === 'parameter' ? variable.sourceName.slice('ssm:'.length) : variable.sourceName;
  return `reference ${quote(variable.reference)} (${kind} ${quote(name)}${key})`;
}

function assertSafeName(variable: PlannedVariable): void {
  const reason = reasonToRefuseEnvName(variable.name);
  if (reason !== undefined) {
    throw new ConfigurationError(
      `${capitalise(describeSource(variable))} would set ${quote(variable.name)}, which is refused: ${reason}. Use an alias to choose another name.`,
    );
  }
}

// An env var is a C string: a NUL would cut the value short in every later step
// (and outputs and shell files cannot hold one either), so refuse rather than deliver part of it.
function assertDeliverableValue(variable: PlannedVariable): void {
  if (variable.value.includes('\u0000')) {
    throw new ConfigurationError(
      `${capitalise(describeSource(variable))} has a NUL byte in the value for ${quote(variable.name)}, which no environment variable, output or shell file can hold; ` +
        "store the value base64-encoded (for a binary secret, set 'binary-encoding' to base64 or hex).",
    );
  }
}

function assertUniqueNames(variables: readonly PlannedVariable[]): void {
  const byName = new Map<string, PlannedVariable>();
  for (const variable of variables) {
    const key = variable.name.toUpperCase();
    const earlier = byName.get(key);
    if (earlier !== undefined) {
      const sameCase = earlier.name === variable.name ? quote(variable.name) : `${quote(earlier.name)} and ${quote(variable.name)} (names that differ only in case)`;
      throw new ConfigurationError(
        `Two values would set ${sameCase}: ${describeSource(earlier)} and ${describeSource(variable)}. Use aliases so that each value has its own name.`,
      );
    }
    byName.set(key, variable);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
