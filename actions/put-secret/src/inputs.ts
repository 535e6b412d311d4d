import {
  applyMergePatch,
  assertWithinLimit,
  ConfigurationError,
  optionalInput,
  PARAMETER_TIERS,
  PARAMETER_TYPES,
  parameterSizeLimit,
  parseBooleanInput,
  parseClientRequestToken,
  parseEnumInput,
  parsePutTarget,
  parseRoleInputs,
  parseTags,
  parseVersionStages,
  readValueSource,
  SECRETS_MANAGER_LIMIT,
  valueByteLength,
  type CreateSecretOptions,
  type ParameterTier,
  type ParameterType,
  type PutTarget,
  type RoleInputs,
  type ValueSource,
} from '@aws-secrets-actions/core';

/** The inputs of this action, by name (the role inputs come from core). */
export const INPUTS = {
  secretId: 'secret-id',
  secretString: 'secret-string',
  secretStringFile: 'secret-string-file',
  secretBinary: 'secret-binary',
  mergeJson: 'merge-json',
  createIfMissing: 'create-if-missing',
  kmsKeyId: 'kms-key-id',
  description: 'description',
  tags: 'tags',
  skipUnchanged: 'skip-unchanged',
  versionStages: 'version-stages',
  clientRequestToken: 'client-request-token',
  parameterType: 'parameter-type',
  parameterTier: 'parameter-tier',
  overwrite: 'overwrite',
} as const;

/** Everything the step was asked to do, checked. */
export interface PutSecretInputs extends RoleInputs {
  readonly target: PutTarget;
  readonly value: ValueSource;
  readonly skipUnchanged: boolean;
  /** How to create a missing target; undefined when create-if-missing is off. */
  readonly create: CreateSecretOptions | undefined;
  readonly versionStages: readonly string[] | undefined;
  readonly clientRequestToken: string | undefined;
  readonly parameter: {
    readonly type: ParameterType | undefined;
    readonly tier: ParameterTier | undefined;
    readonly overwrite: boolean;
    readonly kmsKeyId: string | undefined;
  };
}

const DESCRIPTION_MAX = { secret: 2048, parameter: 1024 } as const;

/**
 * Parses every input once, before any AWS call; throws ConfigurationError
 * on the first mistake. The value comes first: `mask` registers it (every
 * line, every JSON leaf) as soon as it is read. `readInput` returns inputs
 * untrimmed, as a value may end with a newline.
 */
export async function parseInputs(
  readInput: (name: string) => string,
  env: Readonly<Record<string, string | undefined>>,
  mask: (value: string) => void,
): Promise<PutSecretInputs> {
  const value = await readValueSource(
    [
      { input: INPUTS.secretString, kind: 'string', raw: readInput(INPUTS.secretString) },
      { input: INPUTS.secretStringFile, kind: 'string-file', raw: readInput(INPUTS.secretStringFile) },
      { input: INPUTS.secretBinary, kind: 'binary', raw: readInput(INPUTS.secretBinary) },
      { input: INPUTS.mergeJson, kind: 'merge-json', raw: readInput(INPUTS.mergeJson) },
    ],
    { workspace: env['GITHUB_WORKSPACE'] ?? process.cwd(), mask },
  );
  const target = parsePutTarget(INPUTS.secretId, optionalInput(readInput(INPUTS.secretId)) ?? '');
  const role = parseRoleInputs(readInput, env);
  const given = (name: string): string | undefined => optionalInput(readInput(name));

  const createIfMissing = parseBooleanInput(INPUTS.createIfMissing, readInput(INPUTS.createIfMissing), false);
  const kmsKeyId = given(INPUTS.kmsKeyId);
  const description = given(INPUTS.description);
  const tags = parseTags(INPUTS.tags, readInput(INPUTS.tags));
  const versionStages = parseVersionStages(INPUTS.versionStages, readInput(INPUTS.versionStages));
  const clientRequestToken = parseClientRequestToken(INPUTS.clientRequestToken, readInput(INPUTS.clientRequestToken));
  const type = given(INPUTS.parameterType) === undefined ? undefined : parseEnumInput(INPUTS.parameterType, readInput(INPUTS.parameterType), PARAMETER_TYPES, 'SecureString');
  const tier = given(INPUTS.parameterTier) === undefined ? undefined : parseEnumInput(INPUTS.parameterTier, readInput(INPUTS.parameterTier), PARAMETER_TIERS, 'Standard');
  const overwrite = parseBooleanInput(INPUTS.overwrite, readInput(INPUTS.overwrite), true);

  const refuse = (message: string): never => {
    throw new ConfigurationError(message);
  };
  const onlyWithCreate = (input: string, present: boolean, what: string): void => {
    if (present && !createIfMissing) {
      refuse(`Input '${input}' applies only when put-secret creates the ${what}: set '${INPUTS.createIfMissing}: true' (an existing ${what} keeps its own).`);
    }
  };

  if (target.kind === 'secret') {
    for (const input of [INPUTS.parameterType, INPUTS.parameterTier, INPUTS.overwrite]) {
      if (given(input) !== undefined) refuse(`Input '${input}' is for Parameter Store (secret-id: ssm:NAME); '${INPUTS.secretId}' names a Secrets Manager secret.`);
    }
    onlyWithCreate(INPUTS.kmsKeyId, kmsKeyId !== undefined, 'secret');
    onlyWithCreate(INPUTS.description, description !== undefined, 'secret');
    onlyWithCreate(INPUTS.tags, tags.length > 0, 'secret');
    if (createIfMissing && target.arn !== undefined) {
      refuse(`With '${INPUTS.createIfMissing}: true', give '${INPUTS.secretId}' as a name: AWS picks the ARN of a new secret (its random suffix).`);
    }
    if (value.kind === 'merge-json' && versionStages !== undefined) {
      refuse(`Input '${INPUTS.versionStages}' cannot be combined with '${INPUTS.mergeJson}', which always makes the merged version AWSCURRENT.`);
    }
    if (value.kind === 'merge-json' && clientRequestToken !== undefined) {
      refuse(`Input '${INPUTS.clientRequestToken}' cannot be combined with '${INPUTS.mergeJson}': each merge round writes another value and needs its own token.`);
    }
  } else {
    const secretsManagerOnly: Array<[string, boolean, string]> = [
      [INPUTS.secretBinary, value.kind === 'binary', 'Parameter Store stores text'],
      [INPUTS.mergeJson, value.kind === 'merge-json', 'a safe merge needs the staging labels of Secrets Manager'],
      [INPUTS.versionStages, versionStages !== undefined, 'Parameter Store has no staging labels'],
      [INPUTS.clientRequestToken, clientRequestToken !== undefined, 'Parameter Store writes take no token'],
    ];
    for (const [input, present, reason] of secretsManagerOnly) {
      if (present) refuse(`Input '${input}' works with Secrets Manager only (${reason}); '${INPUTS.secretId}' names a parameter.`);
    }
    onlyWithCreate(INPUTS.description, description !== undefined, 'parameter');
    onlyWithCreate(INPUTS.tags, tags.length > 0, 'parameter');
    if (kmsKeyId !== undefined && type !== undefined && type !== 'SecureString') {
      refuse(`Input '${INPUTS.kmsKeyId}' encrypts SecureString parameters; '${INPUTS.parameterType}' is ${type}.`);
    }
  }
  const descriptionMax = DESCRIPTION_MAX[target.kind];
  if (description !== undefined && description.length > descriptionMax) {
    refuse(`Input '${INPUTS.description}' is ${description.length} characters; at most ${descriptionMax} are allowed.`);
  }

  const limit = target.kind === 'secret' ? SECRETS_MANAGER_LIMIT : parameterSizeLimit(tier);
  if (value.kind === 'merge-json') {
    // Every key of the merge object that is not null ends up in the merged value: it alone must fit.
    assertWithinLimit(`The value of input '${value.input}' (without its null keys)`, valueByteLength(JSON.stringify(applyMergePatch({}, value.patch))), limit);
  } else {
    assertWithinLimit(`The value of input '${value.input}'`, valueByteLength(value.kind === 'string' ? value.text : value.bytes), limit);
  }

  return {
    ...role,
    target,
    value,
    skipUnchanged: parseBooleanInput(INPUTS.skipUnchanged, readInput(INPUTS.skipUnchanged), true),
    create: createIfMissing ? { kmsKeyId: target.kind === 'secret' ? kmsKeyId : undefined, description, tags } : undefined,
    versionStages,
    clientRequestToken,
    parameter: { type, tier, overwrite, kmsKeyId: target.kind === 'parameter' ? kmsKeyId : undefined },
  };
}
