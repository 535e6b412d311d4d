import { describe, expect, it } from 'vitest';
import { parseSecretReferences } from './references.js';
import { defaultAudience, regionOfReference, resolveDefaultRegion } from './region.js';

const byName = parseSecretReferences('prod/db', 'uppercase');
const byPrefix = parseSecretReferences('prod/*', 'uppercase');
const byArns = parseSecretReferences(
  'prod/db\narn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf\narn:aws:secretsmanager:ap-south-1:123456789012:secret:b-AbCdEf',
  'uppercase',
);

const byParameters = parseSecretReferences(
  'ssm:/app/db\nssm:/app/*\nssm:arn:aws:ssm:eu-central-1:123456789012:parameter/app/db:2\narn:aws:secretsmanager:ap-south-1:123456789012:secret:b-AbCdEf',
  'uppercase',
);

describe('resolveDefaultRegion', () => {
  it.each<{ name: string; input: string | undefined; env: Record<string, string | undefined>; expected: string | undefined }>([
    { name: 'prefers the aws-region input', input: 'us-west-2', env: { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-2' }, expected: 'us-west-2' },
    { name: 'then AWS_REGION', input: undefined, env: { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-2' }, expected: 'us-east-1' },
    { name: 'then AWS_DEFAULT_REGION', input: undefined, env: { AWS_DEFAULT_REGION: 'us-east-2' }, expected: 'us-east-2' },
    { name: 'skips empty values', input: '', env: { AWS_REGION: '', AWS_DEFAULT_REGION: 'us-east-2' }, expected: 'us-east-2' },
    { name: 'then the region of the first ARN reference', input: undefined, env: {}, expected: 'eu-west-1' },
  ])('$name', ({ input, env, expected }) => {
    expect(resolveDefaultRegion(input, env, byArns)).toBe(expected);
  });

  it('takes the region of a Parameter Store ARN when it is the first ARN', () => {
    expect(resolveDefaultRegion(undefined, {}, byParameters)).toBe('eu-central-1');
  });

  it('is undefined when nothing names a region', () => {
    expect(resolveDefaultRegion(undefined, {}, [...byName, ...byPrefix, byParameters[0]!, byParameters[1]!])).toBeUndefined();
  });
});

describe('regionOfReference', () => {
  it('fetches a reference by ARN from the ARN region, whatever the default', () => {
    expect(regionOfReference(byArns[1]!, 'us-east-1')).toBe('eu-west-1');
    expect(regionOfReference(byArns[2]!, undefined)).toBe('ap-south-1');
  });

  it('fetches references by name and prefix from the default region', () => {
    expect(regionOfReference(byName[0]!, 'us-east-1')).toBe('us-east-1');
    expect(regionOfReference(byPrefix[0]!, 'us-east-1')).toBe('us-east-1');
  });

  it('fetches a parameter by ARN from the ARN region, and parameters by name and path from the default', () => {
    expect(regionOfReference(byParameters[2]!, 'us-east-1')).toBe('eu-central-1');
    expect(regionOfReference(byParameters[0]!, 'us-east-1')).toBe('us-east-1');
    expect(regionOfReference(byParameters[1]!, 'us-east-1')).toBe('us-east-1');
    expect(regionOfReference(byParameters[1]!, undefined)).toBeUndefined();
  });

  it('is undefined for a name without a default region', () => {
    expect(regionOfReference(byName[0]!, undefined)).toBeUndefined();
  });
});

describe('defaultAudience', () => {
  it.each<{ region: string | undefined; expected: string }>([
    { region: 'us-east-1', expected: 'sts.amazonaws.com' },
    { region: 'us-gov-west-1', expected: 'sts.amazonaws.com' },
    { region: 'cn-north-1', expected: 'sts.amazonaws.com.cn' },
    { region: 'cn-northwest-1', expected: 'sts.amazonaws.com.cn' },
    { region: undefined, expected: 'sts.amazonaws.com' },
  ])('is $expected for $region', ({ region, expected }) => {
    expect(defaultAudience(region)).toBe(expected);
  });
});
