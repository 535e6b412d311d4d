import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { parseRoleInputs, type RoleInputs } from './role-inputs.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const HOP = 'arn:aws:iam::210987654321:role/reader';
const RUN_ENV = { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: 'octo/app' };

/** Reads inputs as `core.getInput` does: '' for an input not given. */
function inputs(values: Record<string, string>): (name: string) => string {
  return (name) => values[name] ?? '';
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but none was thrown');
}

describe('parseRoleInputs', () => {
  it('uses the defaults when nothing is given', () => {
    expect(parseRoleInputs(inputs({}), RUN_ENV)).toEqual<RoleInputs>({
      role: {
        roleToAssume: undefined,
        roleChain: [],
        audience: 'sts.amazonaws.com',
        sessionName: 'gha-42-1-octo.app',
        durationSeconds: 900,
        externalId: undefined,
      },
      regionInput: undefined,
      exportCredentials: false,
    });
  });

  it('reads every input', () => {
    const parsed = parseRoleInputs(
      inputs({
        'role-to-assume': ROLE,
        'aws-region': 'eu-west-1',
        audience: 'my-audience',
        'role-session-name': 'deploy-session',
        'role-duration-seconds': '1800',
        'role-chain': `${HOP}\n\narn:aws:iam::111111111111:role/last\n`,
        'role-external-id': 'ext-123',
        'export-credentials': 'true',
      }),
      RUN_ENV,
    );
    expect(parsed).toEqual<RoleInputs>({
      role: {
        roleToAssume: ROLE,
        roleChain: [HOP, 'arn:aws:iam::111111111111:role/last'],
        audience: 'my-audience',
        sessionName: 'deploy-session',
        durationSeconds: 1800,
        externalId: 'ext-123',
      },
      regionInput: 'eu-west-1',
      exportCredentials: true,
    });
  });

  it('lasts an hour by default when the credentials are exported', () => {
    expect(parseRoleInputs(inputs({ 'export-credentials': 'true' }), RUN_ENV).role.durationSeconds).toBe(3600);
  });

  it.each([
    { name: 'aws', arn: 'arn:aws:iam::123456789012:role/deploy' },
    { name: 'aws-cn', arn: 'arn:aws-cn:iam::123456789012:role/deploy' },
    { name: 'aws-us-gov', arn: 'arn:aws-us-gov:iam::123456789012:role/path/deploy' },
  ])('accepts a role ARN of the $name partition', ({ arn }) => {
    expect(parseRoleInputs(inputs({ 'role-to-assume': arn }), RUN_ENV).role.roleToAssume).toBe(arn);
  });

  it.each([
    { name: 'the default audience', values: {}, env: RUN_ENV, expected: 'sts.amazonaws.com' },
    { name: 'the China audience for aws-region cn-north-1', values: { 'aws-region': 'cn-north-1' }, env: RUN_ENV, expected: 'sts.amazonaws.com.cn' },
    { name: 'the China audience for AWS_REGION cn-northwest-1', values: {}, env: { ...RUN_ENV, AWS_REGION: 'cn-northwest-1' }, expected: 'sts.amazonaws.com.cn' },
    { name: 'the China audience for AWS_DEFAULT_REGION', values: {}, env: { AWS_DEFAULT_REGION: 'cn-north-1' }, expected: 'sts.amazonaws.com.cn' },
    { name: 'the audience input over the region', values: { 'aws-region': 'cn-north-1', audience: 'custom' }, env: RUN_ENV, expected: 'custom' },
  ])('uses $name', ({ values, env, expected }) => {
    expect(parseRoleInputs(inputs(values), env).role.audience).toBe(expected);
  });

  it.each(['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-3'])('accepts the region %s', (region) => {
    expect(parseRoleInputs(inputs({ 'aws-region': region }), RUN_ENV).regionInput).toBe(region);
  });

  it('accepts a role-chain of at most 3600 seconds', () => {
    const parsed = parseRoleInputs(inputs({ 'role-chain': HOP, 'role-duration-seconds': '3600', 'role-external-id': 'x' }), RUN_ENV);
    expect(parsed.role.durationSeconds).toBe(3600);
    expect(parsed.role.externalId).toBe('x');
  });

  it.each<{ name: string; values: Record<string, string>; message: string }>([
    {
      name: 'a role that is not an ARN',
      values: { 'role-to-assume': 'deploy' },
      message: "Input 'role-to-assume' must be an IAM role ARN such as arn:aws:iam::123456789012:role/NAME; got 'deploy'.",
    },
    {
      name: 'the ARN of an IAM user',
      values: { 'role-to-assume': 'arn:aws:iam::123456789012:user/bob' },
      message: "Input 'role-to-assume' must be an IAM role ARN such as arn:aws:iam::123456789012:role/NAME; got 'arn:aws:iam::123456789012:user/bob'.",
    },
    {
      name: 'the ARN of a secret',
      values: { 'role-to-assume': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:role/x' },
      message:
        "Input 'role-to-assume' must be an IAM role ARN such as arn:aws:iam::123456789012:role/NAME; got 'arn:aws:secretsmanager:us-east-1:123456789012:secret:role/x'.",
    },
    {
      name: 'a bad role-chain line',
      values: { 'role-to-assume': ROLE, 'role-chain': `${HOP}\nreader` },
      message: "Input 'role-chain' must be an IAM role ARN such as arn:aws:iam::123456789012:role/NAME; got 'reader'.",
    },
    {
      name: 'an upper-case region',
      values: { 'aws-region': 'US-EAST-1' },
      message: "Input 'aws-region' must be a region code such as us-east-1; got 'US-EAST-1'.",
    },
    {
      name: 'a region without its number',
      values: { 'aws-region': 'us-east' },
      message: "Input 'aws-region' must be a region code such as us-east-1; got 'us-east'.",
    },
    {
      name: 'an availability zone instead of a region',
      values: { 'aws-region': 'us-east-1a' },
      message: "Input 'aws-region' must be a region code such as us-east-1; got 'us-east-1a'.",
    },
    {
      name: 'a one-character session name',
      values: { 'role-session-name': 'x' },
      message: "Input 'role-session-name' must be 2 to 64 characters of letters, digits and +=,.@_-; got 'x'.",
    },
    {
      name: 'a session name with a slash',
      values: { 'role-session-name': 'octo/app' },
      message: "Input 'role-session-name' must be 2 to 64 characters of letters, digits and +=,.@_-; got 'octo/app'.",
    },
    {
      name: 'a session name longer than 64 characters',
      values: { 'role-session-name': 's'.repeat(65) },
      message: `Input 'role-session-name' must be 2 to 64 characters of letters, digits and +=,.@_-; got '${'s'.repeat(65)}'.`,
    },
    {
      name: 'a duration under 900 seconds',
      values: { 'role-duration-seconds': '899' },
      message: "Input 'role-duration-seconds' must be from 900 to 43200; got 899.",
    },
    {
      name: 'a duration over 43200 seconds',
      values: { 'role-duration-seconds': '43201' },
      message: "Input 'role-duration-seconds' must be from 900 to 43200; got 43201.",
    },
    {
      name: 'a duration that is not a whole number',
      values: { 'role-duration-seconds': '1h' },
      message: "Input 'role-duration-seconds' must be a whole number from 900 to 43200; got '1h'.",
    },
    {
      name: 'a duration over an hour with a role-chain',
      values: { 'role-to-assume': ROLE, 'role-chain': HOP, 'role-duration-seconds': '3601' },
      message:
        "Input 'role-duration-seconds' is 3601, but STS caps role chaining at 3600 seconds; use at most 3600 with 'role-chain'.",
    },
    {
      name: 'an external id without a role-chain',
      values: { 'role-to-assume': ROLE, 'role-external-id': 'ext-123' },
      message:
        "Input 'role-external-id' is sent with the AssumeRole calls of 'role-chain', which is empty (AssumeRoleWithWebIdentity takes no external id).",
    },
    {
      name: 'a non-boolean export-credentials',
      values: { 'export-credentials': 'yes' },
      message: "Input 'export-credentials' must be a boolean: one of true, True, TRUE, false, False, FALSE; got 'yes'.",
    },
  ])('refuses $name', ({ values, message }) => {
    const error = thrown(() => parseRoleInputs(inputs(values), RUN_ENV));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', message);
  });
});
