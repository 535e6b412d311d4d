import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { describeTarget, parsePutTarget, resolvePutRegions, type PutTarget } from './put-target.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but none was thrown');
}

describe('parsePutTarget', () => {
  it.each<{ name: string; input: string; expected: PutTarget }>([
    { name: 'a secret name', input: 'prod/api-key', expected: { kind: 'secret', secretId: 'prod/api-key', arn: undefined } },
    { name: 'a name with every allowed character', input: 'a/b_c+d=e.f@g-h', expected: { kind: 'secret', secretId: 'a/b_c+d=e.f@g-h', arn: undefined } },
    {
      name: 'a secret ARN',
      input: ARN,
      expected: { kind: 'secret', secretId: ARN, arn: { partition: 'aws', service: 'secretsmanager', region: 'eu-west-1', account: '123456789012', resource: 'secret:prod/db-AbCdEf' } },
    },
    { name: 'a hierarchical parameter', input: 'ssm:/app/prod/token', expected: { kind: 'parameter', name: '/app/prod/token' } },
    { name: 'a flat parameter', input: 'ssm:release_token', expected: { kind: 'parameter', name: 'release_token' } },
  ])('reads $name', ({ input, expected }) => {
    expect(parsePutTarget('secret-id', input)).toEqual(expected);
  });

  it.each<{ name: string; input: string; message: string }>([
    { name: 'nothing', input: '', message: "Input 'secret-id' is required: a secret name, a secret ARN or ssm:NAME for a Parameter Store parameter." },
    {
      name: 'a name with a space',
      input: 'prod/api key',
      message: "Input 'secret-id' 'prod/api key': a secret name may only contain letters, digits and /_+=.@- (at most 512 characters); a parameter is written as ssm:NAME.",
    },
    {
      name: 'an ARN of another service',
      input: 'arn:aws:ssm:us-east-1:123456789012:parameter/x',
      message:
        "Input 'secret-id' 'arn:aws:ssm:us-east-1:123456789012:parameter/x': not a Secrets Manager secret ARN; expected arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME (or ssm:NAME for a parameter).",
    },
    {
      name: 'a parameter ARN',
      input: 'ssm:arn:aws:ssm:us-east-1:123456789012:parameter/x',
      message:
        "Input 'secret-id' 'ssm:arn:aws:ssm:us-east-1:123456789012:parameter/x': Parameter Store writes take a parameter name, not an ARN (PutParameter accepts names only); use ssm:NAME and set aws-region.",
    },
    { name: 'an empty parameter name', input: 'ssm:', message: "Input 'secret-id' 'ssm:': a parameter name may only contain letters, digits and _.-/ (1 to 1011 characters)." },
    { name: 'a parameter name with a space', input: 'ssm:/a b', message: "Input 'secret-id' 'ssm:/a b': a parameter name may only contain letters, digits and _.-/ (1 to 1011 characters)." },
    {
      name: 'a path without a leading /',
      input: 'ssm:app/x',
      message: "Input 'secret-id' 'ssm:app/x': a hierarchical parameter name starts with / and has no empty level, such as ssm:/app/prod/token.",
    },
    {
      name: 'a path with an empty level',
      input: 'ssm:/app//x',
      message: "Input 'secret-id' 'ssm:/app//x': a hierarchical parameter name starts with / and has no empty level, such as ssm:/app/prod/token.",
    },
    { name: 'a path of 16 levels', input: `ssm:${'/l'.repeat(16)}`, message: `Input 'secret-id' 'ssm:${'/l'.repeat(16)}': a parameter name has at most 15 levels.` },
    {
      name: 'a command in disguise',
      input: '::add-mask::x',
      message: "Input 'secret-id' '\\::add-mask::x': a secret name may only contain letters, digits and /_+=.@- (at most 512 characters); a parameter is written as ssm:NAME.",
    },
  ])('refuses $name', ({ input, message }) => {
    const error = thrown(() => parsePutTarget('secret-id', input));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', message);
  });
});

describe('describeTarget', () => {
  it('names secrets and parameters', () => {
    expect(describeTarget({ kind: 'secret', secretId: 'prod/db', arn: undefined })).toBe("secret 'prod/db'");
    expect(describeTarget({ kind: 'parameter', name: '/app/x' })).toBe("parameter '/app/x'");
  });
});

describe('resolvePutRegions', () => {
  const byName = parsePutTarget('secret-id', 'prod/db');
  const byArn = parsePutTarget('secret-id', ARN);
  const parameter = parsePutTarget('secret-id', 'ssm:/app/x');

  it.each([
    { name: 'the aws-region input first', input: 'us-west-2', env: { AWS_REGION: 'us-east-1' }, target: byName, expected: { stsRegion: 'us-west-2', targetRegion: 'us-west-2' } },
    { name: 'then AWS_REGION', input: undefined, env: { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-2' }, target: byName, expected: { stsRegion: 'us-east-1', targetRegion: 'us-east-1' } },
    { name: 'then AWS_DEFAULT_REGION', input: undefined, env: { AWS_REGION: '', AWS_DEFAULT_REGION: 'us-east-2' }, target: parameter, expected: { stsRegion: 'us-east-2', targetRegion: 'us-east-2' } },
    { name: 'then the ARN region', input: undefined, env: {}, target: byArn, expected: { stsRegion: 'eu-west-1', targetRegion: 'eu-west-1' } },
    { name: 'the ARN region for the secret, whatever the input', input: 'us-east-1', env: {}, target: byArn, expected: { stsRegion: 'us-east-1', targetRegion: 'eu-west-1' } },
  ])('takes $name', ({ input, env, target, expected }) => {
    expect(resolvePutRegions(input, env, target)).toEqual(expected);
  });

  it.each([
    { target: byName, message: "No region: set the 'aws-region' input (or AWS_REGION), or give the secret's ARN." },
    { target: parameter, message: "No region: set the 'aws-region' input (or AWS_REGION)." },
  ])('fails without any region for $target.kind', ({ target, message }) => {
    const error = thrown(() => resolvePutRegions(undefined, {}, target));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', message);
  });
});
