import { isSecretArn, parseArn, type Arn } from './arn.js';
import { ConfigurationError } from './errors.js';
import { quote } from './log-safe.js';

/** Where a value is written: a Secrets Manager secret or a Parameter Store parameter. */
export type PutTarget =
  /** A secret by name or (full or partial) ARN. */
  | { readonly kind: 'secret'; readonly secretId: string; readonly arn: Arn | undefined }
  /** A parameter by name (`ssm:NAME`). */
  | { readonly kind: 'parameter'; readonly name: string };

// Secrets Manager allows letters, digits and /_+=.@- in names.
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
// Parameter Store allows letters, digits and _.-/ in names, at most 1011 characters and 15 levels.
const PARAMETER_NAME = /^[A-Za-z0-9_./-]{1,1011}$/;
const PARAMETER_MAX_LEVELS = 15;

/**
 * Parses the target of a write: a secret name, a secret ARN, or `ssm:NAME`
 * for a Parameter Store parameter. `input` names the input in messages.
 *
 * @example
 * parsePutTarget('secret-id', 'prod/api-key')       // { kind: 'secret', secretId: 'prod/api-key', arn: undefined }
 * parsePutTarget('secret-id', 'ssm:/app/prod/token') // { kind: 'parameter', name: '/app/prod/token' }
 */
export function parsePutTarget(input: string, text: string): PutTarget {
  const fail = (problem: string): never => {
    throw new ConfigurationError(`Input '${input}' ${quote(text)}: ${problem}.`);
  };
  if (text === '') {
    throw new ConfigurationError(`Input '${input}' is required: a secret name, a secret ARN or ssm:NAME for a Parameter Store parameter.`);
  }
  if (text.startsWith('ssm:')) {
    const name = text.slice('ssm:'.length);
    if (name.startsWith('arn:')) {
      return fail('Parameter Store writes take a parameter name, not an ARN (PutParameter accepts names only); use ssm:NAME and set aws-region');
    }
    if (!PARAMETER_NAME.test(name)) {
      return fail('a parameter name may only contain letters, digits and _.-/ (1 to 1011 characters)');
    }
    if (name.includes('/') && (!name.startsWith('/') || name.endsWith('/') || name.includes('//'))) {
      return fail('a hierarchical parameter name starts with / and has no empty level, such as ssm:/app/prod/token');
    }
    if (name.split('/').length - 1 > PARAMETER_MAX_LEVELS) {
      return fail(`a parameter name has at most ${PARAMETER_MAX_LEVELS} levels`);
    }
    return { kind: 'parameter', name };
  }
  if (text.startsWith('arn:')) {
    if (!isSecretArn(text)) {
      return fail('not a Secrets Manager secret ARN; expected arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME (or ssm:NAME for a parameter)');
    }
    const arn = parseArn(text);
    if (arn === undefined || !SECRET_NAME.test(arn.resource.slice('secret:'.length))) {
      return fail('the secret name in this ARN has characters a secret name cannot have');
    }
    return { kind: 'secret', secretId: text, arn };
  }
  if (!SECRET_NAME.test(text)) {
    return fail('a secret name may only contain letters, digits and /_+=.@- (at most 512 characters); a parameter is written as ssm:NAME');
  }
  return { kind: 'secret', secretId: text, arn: undefined };
}

/**
 * How a target is named in messages and the log.
 *
 * @example
 * describeTarget({ kind: 'parameter', name: '/app/token' }) // "parameter '/app/token'"
 */
export function describeTarget(target: PutTarget): string {
  return target.kind === 'secret' ? `secret ${quote(target.secretId)}` : `parameter ${quote(target.name)}`;
}

/** The regions of a write: STS is called in one, the target lives in the other (they differ only for an ARN). */
export interface PutRegions {
  readonly stsRegion: string;
  readonly targetRegion: string;
}

/**
 * The regions of a write: the `aws-region` input, else `AWS_REGION`, else
 * `AWS_DEFAULT_REGION`, else the region of a secret ARN. A secret given by
 * ARN is always written in the ARN's region.
 *
 * @example
 * resolvePutRegions(undefined, {}, parsePutTarget('secret-id', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'))
 * // { stsRegion: 'eu-west-1', targetRegion: 'eu-west-1' }
 */
export function resolvePutRegions(regionInput: string | undefined, env: Readonly<Record<string, string | undefined>>, target: PutTarget): PutRegions {
  const arnRegion = target.kind === 'secret' ? target.arn?.region : undefined;
  const configured = [regionInput, env['AWS_REGION'], env['AWS_DEFAULT_REGION']].find((region) => region !== undefined && region !== '');
  const stsRegion = configured ?? arnRegion;
  if (stsRegion === undefined) {
    throw new ConfigurationError(
      target.kind === 'secret'
        ? "No region: set the 'aws-region' input (or AWS_REGION), or give the secret's ARN."
        : "No region: set the 'aws-region' input (or AWS_REGION).",
    );
  }
  return { stsRegion, targetRegion: arnRegion ?? stsRegion };
}
