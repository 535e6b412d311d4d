import {
  BINARY_ENCODINGS,
  NAME_TRANSFORMATIONS,
  parseBooleanInput,
  parseEnumInput,
  parseIntegerInput,
  parseRoleInputs,
  parseSecretReferences,
  type BinaryEncoding,
  type NameTransformation,
  type RoleInputs,
  type SecretReference,
} from '@aws-secrets-actions/core';

/** The inputs of this action, by name (the role inputs come from core). */
export const INPUTS = {
  secretIds: 'secret-ids',
  parseJsonSecrets: 'parse-json-secrets',
  nameTransformation: 'name-transformation',
  autoSelectFamilyAttemptTimeout: 'auto-select-family-attempt-timeout',
  binaryEncoding: 'binary-encoding',
} as const;

/** Everything the step was asked to do, checked. */
export interface GetSecretsInputs extends RoleInputs {
  readonly references: readonly SecretReference[];
  readonly parseJsonSecrets: boolean;
  readonly nameTransformation: NameTransformation;
  readonly autoSelectFamilyAttemptTimeoutMs: number;
  readonly binaryEncoding: BinaryEncoding;
}

/** Parses every input once, before any AWS call; throws ConfigurationError on the first mistake. */
export function parseInputs(readInput: (name: string) => string, env: Readonly<Record<string, string | undefined>>): GetSecretsInputs {
  const nameTransformation = parseEnumInput(
    INPUTS.nameTransformation,
    readInput(INPUTS.nameTransformation),
    NAME_TRANSFORMATIONS,
    'uppercase',
  );
  return {
    ...parseRoleInputs(readInput, env),
    references: parseSecretReferences(readInput(INPUTS.secretIds), nameTransformation),
    parseJsonSecrets: parseBooleanInput(INPUTS.parseJsonSecrets, readInput(INPUTS.parseJsonSecrets), false),
    nameTransformation,
    autoSelectFamilyAttemptTimeoutMs:
      parseIntegerInput(INPUTS.autoSelectFamilyAttemptTimeout, readInput(INPUTS.autoSelectFamilyAttemptTimeout), {
        min: 10,
        max: 600_000,
      }) ?? 1000,
    binaryEncoding: parseEnumInput(INPUTS.binaryEncoding, readInput(INPUTS.binaryEncoding), BINARY_ENCODINGS, 'utf8'),
  };
}
