import {
  assertAliasesAllowed,
  BINARY_ENCODINGS,
  NAME_TRANSFORMATIONS,
  ON_MISSING,
  checkEnvFilePath,
  optionalInput,
  ConfigurationError,
  parseBooleanInput,
  parseEnumInput,
  parseIntegerInput,
  parseRoleInputs,
  parseSecretReferences,
  type BinaryEncoding,
  type NameTransformation,
  type OnMissing,
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
  exportEnv: 'export-env',
  setOutputs: 'set-outputs',
  envFile: 'env-file',
  onMissing: 'on-missing',
} as const;

/** Everything the step was asked to do, checked. */
export interface GetSecretsInputs extends RoleInputs {
  readonly references: readonly SecretReference[];
  readonly parseJsonSecrets: boolean;
  readonly nameTransformation: NameTransformation;
  readonly autoSelectFamilyAttemptTimeoutMs: number;
  readonly binaryEncoding: BinaryEncoding;
  readonly exportEnv: boolean;
  readonly setOutputs: boolean;
  /** Absolute path of the dotenv file to write, checked to be new and inside the workspace or RUNNER_TEMP. */
  readonly envFile: string | undefined;
  readonly onMissing: OnMissing;
}

/** Parses every input once, before any AWS call; throws ConfigurationError on the first mistake. */
export function parseInputs(readInput: (name: string) => string, env: Readonly<Record<string, string | undefined>>): GetSecretsInputs {
  const nameTransformation = parseEnumInput(
    INPUTS.nameTransformation,
    readInput(INPUTS.nameTransformation),
    NAME_TRANSFORMATIONS,
    'uppercase',
  );
  const exportEnv = parseBooleanInput(INPUTS.exportEnv, readInput(INPUTS.exportEnv), true);
  const setOutputs = parseBooleanInput(INPUTS.setOutputs, readInput(INPUTS.setOutputs), false);
  const envFileInput = optionalInput(readInput(INPUTS.envFile));
  if (!exportEnv && !setOutputs && envFileInput === undefined) {
    throw new ConfigurationError(`Nothing would be delivered: '${INPUTS.exportEnv}' is false, '${INPUTS.setOutputs}' is false and '${INPUTS.envFile}' is empty.`);
  }
  const envFile =
    envFileInput === undefined
      ? undefined
      : checkEnvFilePath(INPUTS.envFile, envFileInput, { workspace: env['GITHUB_WORKSPACE'] ?? process.cwd(), runnerTemp: env['RUNNER_TEMP'] });
  const role = parseRoleInputs(readInput, env);
  const references = parseSecretReferences(readInput(INPUTS.secretIds), nameTransformation);
  const parseJsonSecrets = parseBooleanInput(INPUTS.parseJsonSecrets, readInput(INPUTS.parseJsonSecrets), false);
  assertAliasesAllowed(references, parseJsonSecrets);
  return {
    ...role,
    references,
    parseJsonSecrets,
    nameTransformation,
    autoSelectFamilyAttemptTimeoutMs:
      parseIntegerInput(INPUTS.autoSelectFamilyAttemptTimeout, readInput(INPUTS.autoSelectFamilyAttemptTimeout), {
        min: 10,
        max: 600_000,
      }) ?? 1000,
    binaryEncoding: parseEnumInput(INPUTS.binaryEncoding, readInput(INPUTS.binaryEncoding), BINARY_ENCODINGS, 'utf8'),
    exportEnv,
    setOutputs,
    envFile,
    onMissing: parseEnumInput(INPUTS.onMissing, readInput(INPUTS.onMissing), ON_MISSING, 'fail'),
  };
}
