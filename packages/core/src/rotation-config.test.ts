import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { parseRotationConfig, parseRotationTargets, parseRotationWindow, parseScheduleExpression } from './rotation-config.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:rotate';

function raw(values: { lambda?: string; schedule?: string; days?: string; window?: string }) {
  return {
    lambdaArn: { name: 'rotation-lambda-arn', raw: values.lambda ?? '' },
    schedule: { name: 'rotation-schedule', raw: values.schedule ?? '' },
    afterDays: { name: 'automatically-after-days', raw: values.days ?? '' },
    window: { name: 'rotation-window', raw: values.window ?? '' },
  };
}

describe('parseScheduleExpression', () => {
  it.each([
    { name: 'accepts days', input: 'rate(30 days)' },
    { name: 'accepts one day', input: 'rate(1 day)' },
    { name: 'accepts four hours', input: 'rate(4 hours)' },
    { name: 'accepts a six-field cron', input: 'cron(0 4 ? * SUN *)' },
  ])('$name', ({ input }) => {
    expect(parseScheduleExpression('rotation-schedule', input)).toBe(input);
  });

  it.each([
    { name: 'refuses hours below four', input: 'rate(3 hours)', error: "Input 'rotation-schedule' must rotate every 4 to 24000 hours; got 'rate(3 hours)'." },
    { name: 'refuses more than 1000 days', input: 'rate(1001 days)', error: "Input 'rotation-schedule' must rotate every 1 to 1000 days; got 'rate(1001 days)'." },
    { name: 'refuses minutes', input: 'rate(5 minutes)', error: "Input 'rotation-schedule' must be rate(N days), rate(N hours) or cron(MIN HOUR DAY MONTH WEEKDAY YEAR); got 'rate(5 minutes)'." },
    { name: 'refuses a five-field cron', input: 'cron(0 4 * * *)', error: "Input 'rotation-schedule' must be rate(N days), rate(N hours) or cron(MIN HOUR DAY MONTH WEEKDAY YEAR); got 'cron(0 4 * * *)'." },
  ])('$name', ({ input, error }) => {
    expect(() => parseScheduleExpression('rotation-schedule', input)).toThrow(new ConfigurationError(error));
  });
});

describe('parseRotationWindow', () => {
  it.each(['1h', '24h'])('accepts %s', (input) => {
    expect(parseRotationWindow('rotation-window', input)).toBe(input);
  });
  it.each(['0h', '25h', '90m', '2'])('refuses %s', (input) => {
    expect(() => parseRotationWindow('rotation-window', input)).toThrow(
      new ConfigurationError(`Input 'rotation-window' must be a whole number of hours from 1h to 24h; got '${input}'.`),
    );
  });
});

describe('parseRotationConfig', () => {
  it.each([
    { name: 'keeps the secret\'s configuration when nothing is given', input: raw({}), expected: { lambdaArn: undefined, rules: undefined } },
    { name: 'takes a Lambda ARN alone', input: raw({ lambda: LAMBDA }), expected: { lambdaArn: LAMBDA, rules: undefined } },
    {
      name: 'takes a schedule with a window',
      input: raw({ lambda: LAMBDA, schedule: 'rate(10 days)', window: '2h' }),
      expected: { lambdaArn: LAMBDA, rules: { scheduleExpression: 'rate(10 days)', duration: '2h' } },
    },
    { name: 'takes days without a Lambda ARN', input: raw({ days: '7' }), expected: { lambdaArn: undefined, rules: { automaticallyAfterDays: 7 } } },
  ])('$name', ({ input, expected }) => {
    expect(parseRotationConfig(input)).toEqual(expected);
  });

  it.each([
    {
      name: 'refuses a schedule and days together',
      input: raw({ schedule: 'rate(1 day)', days: '1' }),
      error: "Inputs 'rotation-schedule' and 'automatically-after-days' are mutually exclusive: give one of them.",
    },
    { name: 'refuses a window without a schedule', input: raw({ window: '2h' }), error: "Input 'rotation-window' needs a schedule: give 'rotation-schedule' or 'automatically-after-days' with it." },
    {
      name: 'refuses an ARN that is not a Lambda function',
      input: raw({ lambda: 'arn:aws:iam::123456789012:role/x' }),
      error: "Input 'rotation-lambda-arn' must be a Lambda function ARN such as arn:aws:lambda:us-east-1:123456789012:function:NAME; got 'arn:aws:iam::123456789012:role/x'.",
    },
    { name: 'refuses 0 days', input: raw({ days: '0' }), error: "Input 'automatically-after-days' must be from 1 to 1000; got 0." },
  ])('$name', ({ input, error }) => {
    expect(() => parseRotationConfig(input)).toThrow(new ConfigurationError(error));
  });
});

describe('parseRotationTargets', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:api-AbCdEf';
  it.each([
    { name: 'puts names in the default region', input: 'prod/db\n\n  other  ', region: 'us-east-1', expected: [{ secretId: 'prod/db', region: 'us-east-1' }, { secretId: 'other', region: 'us-east-1' }] },
    { name: 'rotates an ARN in its own region', input: `prod/db\n${arn}`, region: 'us-east-1', expected: [{ secretId: 'prod/db', region: 'us-east-1' }, { secretId: arn, region: 'eu-west-1' }] },
    { name: 'falls back to the region of the first ARN', input: `prod/db\n${arn}`, region: undefined, expected: [{ secretId: 'prod/db', region: 'eu-west-1' }, { secretId: arn, region: 'eu-west-1' }] },
  ])('$name', ({ input, region, expected }) => {
    expect(parseRotationTargets('secret-ids', input, region)).toEqual(expected);
  });

  it.each([
    { name: 'refuses an empty list', input: ' \n', region: 'us-east-1', error: "Input 'secret-ids' must name at least one secret." },
    { name: 'refuses a duplicate', input: 'a\nb\na', region: 'us-east-1', error: "Input 'secret-ids' names 'a' twice (line 3)." },
    { name: 'refuses a name with a space', input: 'my secret', region: 'us-east-1', error: "Input 'secret-ids' line 1 is not a secret name (letters, digits and /_+=.@-, at most 512 characters) or ARN: 'my secret'." },
    {
      name: 'refuses a name longer than 512 characters, saying why',
      input: 'n'.repeat(513),
      region: 'us-east-1',
      error: `Input 'secret-ids' line 1 is not a secret name (letters, digits and /_+=.@-, at most 512 characters) or ARN: '${'n'.repeat(513)}'.`,
    },
    {
      name: 'refuses the get-secrets reference syntax, saying it does not apply',
      input: 'DB,prod/db?stage=AWSCURRENT',
      region: 'us-east-1',
      error:
        "Input 'secret-ids' line 1 is not a secret name (letters, digits and /_+=.@-, at most 512 characters) or ARN: 'DB,prod/db?stage=AWSCURRENT'; give one secret per line, without an alias, a * prefix, ?stage= or #key.",
    },
    { name: 'refuses another service\'s ARN', input: 'arn:aws:ssm:us-east-1:123456789012:parameter/x', region: 'us-east-1', error: "Input 'secret-ids' line 1 is not a Secrets Manager secret ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/x'." },
    { name: 'refuses a name with no region anywhere', input: 'prod/db', region: undefined, error: "No region for secret 'prod/db': set the 'aws-region' input (or AWS_REGION), or give the secret's ARN." },
  ])('$name', ({ input, region, error }) => {
    expect(() => parseRotationTargets('secret-ids', input, region)).toThrow(new ConfigurationError(error));
  });
});
