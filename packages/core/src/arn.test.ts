import { describe, expect, it } from 'vitest';
import { isSecretArn, parseArn, type Arn } from './arn.js';

describe('parseArn', () => {
  it.each<{ name: string; input: string; expected: Arn }>([
    {
      name: 'splits a secret ARN of the aws partition',
      input: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
      expected: { partition: 'aws', service: 'secretsmanager', region: 'us-east-1', account: '123456789012', resource: 'secret:prod/db-AbCdEf' },
    },
    {
      name: 'splits a secret ARN of the aws-cn partition',
      input: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf',
      expected: { partition: 'aws-cn', service: 'secretsmanager', region: 'cn-north-1', account: '123456789012', resource: 'secret:db-AbCdEf' },
    },
    {
      name: 'splits a secret ARN of the aws-us-gov partition',
      input: 'arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf',
      expected: { partition: 'aws-us-gov', service: 'secretsmanager', region: 'us-gov-west-1', account: '123456789012', resource: 'secret:db-AbCdEf' },
    },
    {
      name: 'splits an ARN of the aws-iso-b partition',
      input: 'arn:aws-iso-b:secretsmanager:us-isob-east-1:123456789012:secret:db',
      expected: { partition: 'aws-iso-b', service: 'secretsmanager', region: 'us-isob-east-1', account: '123456789012', resource: 'secret:db' },
    },
    {
      name: 'keeps an empty region for a global service',
      input: 'arn:aws:iam::123456789012:role/deploy',
      expected: { partition: 'aws', service: 'iam', region: '', account: '123456789012', resource: 'role/deploy' },
    },
    {
      name: 'keeps colons inside the resource',
      input: 'arn:aws:logs:us-east-1:123456789012:log-group:/app:*',
      expected: { partition: 'aws', service: 'logs', region: 'us-east-1', account: '123456789012', resource: 'log-group:/app:*' },
    },
    {
      name: 'accepts an empty account',
      input: 'arn:aws:s3:::bucket',
      expected: { partition: 'aws', service: 's3', region: '', account: '', resource: 'bucket' },
    },
  ])('$name', ({ input, expected }) => {
    expect(parseArn(input)).toEqual(expected);
  });

  it.each([
    { name: 'a plain name', input: 'prod/db' },
    { name: 'an unknown partition', input: 'arn:azure:secretsmanager:us-east-1:123456789012:secret:db' },
    { name: 'an account that is not 12 digits', input: 'arn:aws:secretsmanager:us-east-1:1234:secret:db' },
    { name: 'no resource', input: 'arn:aws:secretsmanager:us-east-1:123456789012:' },
    { name: 'too few parts', input: 'arn:aws:secretsmanager' },
    { name: 'an upper-case prefix', input: 'ARN:aws:secretsmanager:us-east-1:123456789012:secret:db' },
  ])('returns undefined for $name', ({ input }) => {
    expect(parseArn(input)).toBeUndefined();
  });
});

describe('isSecretArn', () => {
  it.each([
    { input: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf', expected: true },
    { input: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db', expected: true },
    { input: 'arn:aws-us-gov:secretsmanager:us-gov-east-1:123456789012:secret:db', expected: true },
    { input: 'arn:aws:secretsmanager::123456789012:secret:db', expected: false },
    { input: 'arn:aws:ssm:us-east-1:123456789012:parameter/db', expected: false },
    { input: 'arn:aws:secretsmanager:us-east-1:123456789012:other:db', expected: false },
    { input: 'prod/db', expected: false },
  ])('says $expected for $input', ({ input, expected }) => {
    expect(isSecretArn(input)).toBe(expected);
  });
});
