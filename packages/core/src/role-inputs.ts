import { parseArn } from './arn.js';
import { ROLE_CHAIN_MAX_SECONDS, type RoleOptions } from './credentials.js';
import { ConfigurationError } from './errors.js';
import { optionalInput, parseBooleanInput, parseIntegerInput, parseMultilineInput } from './input-parsers.js';
import { quote } from './log-safe.js';
import { defaultAudience } from './region.js';
import { defaultSessionName, isValidSessionName } from './session-name.js';

/** The inputs every action of this repository shares, by name. */
export const ROLE_INPUTS = {
  roleToAssume: 'role-to-assume',
  awsRegion: 'aws-region',
  audience: 'audience',
  roleSessionName: 'role-session-name',
  roleDurationSeconds: 'role-duration-seconds',
  roleChain: 'role-chain',
  roleExternalId: 'role-external-id',
  exportCredentials: 'export-credentials',
} as const;

/** The shared inputs, parsed. */
export interface RoleInputs {
  readonly role: RoleOptions;
  /** The `aws-region` input, when given (see `resolveDefaultRegion` for the fallbacks). */
  readonly regionInput: string | undefined;
  readonly exportCredentials: boolean;
}

/** Short sessions by default: the credentials live only inside the step. */
const DEFAULT_DURATION_SECONDS = 900;
/** When they are exported to later steps, an hour, as configure-aws-credentials gives. */
const DEFAULT_EXPORTED_DURATION_SECONDS = 3600;

/**
 * Reads and checks the shared role inputs. `readInput` returns the raw text
 * of an input ('' when not given), as `core.getInput` does.
 */
export function parseRoleInputs(readInput: (name: string) => string, env: Readonly<Record<string, string | undefined>>): RoleInputs {
  const roleToAssume = optionalInput(readInput(ROLE_INPUTS.roleToAssume));
  if (roleToAssume !== undefined) assertRoleArn(ROLE_INPUTS.roleToAssume, roleToAssume);
  const roleChain = parseMultilineInput(readInput(ROLE_INPUTS.roleChain)).map(({ text }) => {
    assertRoleArn(ROLE_INPUTS.roleChain, text);
    return text;
  });

  const regionInput = optionalInput(readInput(ROLE_INPUTS.awsRegion));
  if (regionInput !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(regionInput)) {
    throw new ConfigurationError(`Input '${ROLE_INPUTS.awsRegion}' must be a region code such as us-east-1; got ${quote(regionInput)}.`);
  }

  const exportCredentials = parseBooleanInput(ROLE_INPUTS.exportCredentials, readInput(ROLE_INPUTS.exportCredentials), false);
  const sessionName = optionalInput(readInput(ROLE_INPUTS.roleSessionName)) ?? defaultSessionName(env);
  if (!isValidSessionName(sessionName)) {
    throw new ConfigurationError(
      `Input '${ROLE_INPUTS.roleSessionName}' must be 2 to 64 characters of letters, digits and +=,.@_-; got ${quote(sessionName)}.`,
    );
  }
  const requestedDuration = parseIntegerInput(ROLE_INPUTS.roleDurationSeconds, readInput(ROLE_INPUTS.roleDurationSeconds), {
    min: 900,
    max: 43200,
  });
  if (roleChain.length > 0 && requestedDuration !== undefined && requestedDuration > ROLE_CHAIN_MAX_SECONDS) {
    throw new ConfigurationError(
      `Input '${ROLE_INPUTS.roleDurationSeconds}' is ${requestedDuration}, but STS caps role chaining at ${ROLE_CHAIN_MAX_SECONDS} seconds; use at most ${ROLE_CHAIN_MAX_SECONDS} with '${ROLE_INPUTS.roleChain}'.`,
    );
  }
  const durationSeconds = requestedDuration ?? (exportCredentials ? DEFAULT_EXPORTED_DURATION_SECONDS : DEFAULT_DURATION_SECONDS);

  const externalId = optionalInput(readInput(ROLE_INPUTS.roleExternalId));
  if (externalId !== undefined && roleChain.length === 0) {
    throw new ConfigurationError(
      `Input '${ROLE_INPUTS.roleExternalId}' is sent with the AssumeRole calls of '${ROLE_INPUTS.roleChain}', which is empty (AssumeRoleWithWebIdentity takes no external id).`,
    );
  }

  const audience = optionalInput(readInput(ROLE_INPUTS.audience)) ?? defaultAudience(regionInput ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION']);
  return {
    role: { roleToAssume, roleChain, audience, sessionName, durationSeconds, externalId },
    regionInput,
    exportCredentials,
  };
}

function assertRoleArn(input: string, text: string): void {
  const arn = parseArn(text);
  if (arn?.service !== 'iam' || !arn.resource.startsWith('role/')) {
    throw new ConfigurationError(`Input '${input}' must be an IAM role ARN such as arn:aws:iam::123456789012:role/NAME; got ${quote(text)}.`);
  }
}
