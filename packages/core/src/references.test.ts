import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { parseSecretReferences, type SecretReference } from './references.js';
import type { NameTransformation } from './env-names.js';

const EXPECTED = 'expected [ALIAS,]SECRET where SECRET is a secret name, a secret ARN or a name prefix ending in *';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but none was thrown');
}

describe('parseSecretReferences', () => {
  it.each<{ name: string; input: string; transformation?: NameTransformation; expected: SecretReference[] }>([
    {
      name: 'reads a secret name',
      input: 'prod/db',
      expected: [{ line: 'prod/db', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined } }],
    },
    {
      name: 'reads an ARN in the aws partition with its region',
      input: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
      expected: [
        {
          line: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
          lineNumber: 1,
          alias: undefined,
          target: {
            kind: 'secret',
            secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
            arn: { partition: 'aws', service: 'secretsmanager', region: 'us-east-1', account: '123456789012', resource: 'secret:prod/db-AbCdEf' },
          },
        },
      ],
    },
    {
      name: 'reads an ARN in the aws-cn partition with its region',
      input: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf',
      expected: [
        {
          line: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf',
          lineNumber: 1,
          alias: undefined,
          target: {
            kind: 'secret',
            secretId: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf',
            arn: { partition: 'aws-cn', service: 'secretsmanager', region: 'cn-north-1', account: '123456789012', resource: 'secret:db-AbCdEf' },
          },
        },
      ],
    },
    {
      name: 'reads an ARN in the aws-us-gov partition with its region',
      input: 'arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf',
      expected: [
        {
          line: 'arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf',
          lineNumber: 1,
          alias: undefined,
          target: {
            kind: 'secret',
            secretId: 'arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf',
            arn: {
              partition: 'aws-us-gov',
              service: 'secretsmanager',
              region: 'us-gov-west-1',
              account: '123456789012',
              resource: 'secret:db-AbCdEf',
            },
          },
        },
      ],
    },
    {
      name: 'reads a partial ARN (without the random suffix)',
      input: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db',
      expected: [
        {
          line: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db',
          lineNumber: 1,
          alias: undefined,
          target: {
            kind: 'secret',
            secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db',
            arn: { partition: 'aws', service: 'secretsmanager', region: 'eu-west-1', account: '123456789012', resource: 'secret:prod/db' },
          },
        },
      ],
    },
    {
      name: 'reads an alias',
      input: 'DB,prod/db',
      expected: [{ line: 'DB,prod/db', lineNumber: 1, alias: 'DB', target: { kind: 'secret', secretId: 'prod/db', arn: undefined } }],
    },
    {
      name: 'trims the line and the spaces around the comma',
      input: '   DB , prod/db  ',
      expected: [{ line: 'DB , prod/db', lineNumber: 1, alias: 'DB', target: { kind: 'secret', secretId: 'prod/db', arn: undefined } }],
    },
    {
      name: 'reads an alias for an ARN',
      input: 'DB,arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
      expected: [
        {
          line: 'DB,arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
          lineNumber: 1,
          alias: 'DB',
          target: {
            kind: 'secret',
            secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
            arn: { partition: 'aws', service: 'secretsmanager', region: 'us-east-1', account: '123456789012', resource: 'secret:prod/db-AbCdEf' },
          },
        },
      ],
    },
    {
      name: 'reads a blank alias as the empty string',
      input: ',svc',
      expected: [{ line: ',svc', lineNumber: 1, alias: '', target: { kind: 'secret', secretId: 'svc', arn: undefined } }],
    },
    {
      name: 'reads a prefix',
      input: 'prod/*',
      expected: [{ line: 'prod/*', lineNumber: 1, alias: undefined, target: { kind: 'prefix', prefix: 'prod/' } }],
    },
    {
      name: 'reads a prefix with an alias',
      input: 'APP,prod/app*',
      expected: [{ line: 'APP,prod/app*', lineNumber: 1, alias: 'APP', target: { kind: 'prefix', prefix: 'prod/app' } }],
    },
    {
      name: 'accepts every character Secrets Manager allows in a name',
      input: 'a/b_c+d=e.f@g-h',
      expected: [{ line: 'a/b_c+d=e.f@g-h', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'a/b_c+d=e.f@g-h', arn: undefined } }],
    },
    {
      name: 'accepts an alias valid under none',
      input: 'my_Var,prod/db',
      transformation: 'none',
      expected: [{ line: 'my_Var,prod/db', lineNumber: 1, alias: 'my_Var', target: { kind: 'secret', secretId: 'prod/db', arn: undefined } }],
    },
    {
      name: 'accepts a lower-case alias under lowercase',
      input: 'my_var,prod/db',
      transformation: 'lowercase',
      expected: [{ line: 'my_var,prod/db', lineNumber: 1, alias: 'my_var', target: { kind: 'secret', secretId: 'prod/db', arn: undefined } }],
    },
    {
      name: 'reads an identical line once',
      input: 'prod/db\nprod/db\nother\nprod/db',
      expected: [
        { line: 'prod/db', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined } },
        { line: 'other', lineNumber: 3, alias: undefined, target: { kind: 'secret', secretId: 'other', arn: undefined } },
      ],
    },
    {
      name: 'ignores blank lines and keeps the line numbers of the input',
      input: '\n  \nprod/db\r\n\nDB,other\n\t\n',
      expected: [
        { line: 'prod/db', lineNumber: 3, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined } },
        { line: 'DB,other', lineNumber: 5, alias: 'DB', target: { kind: 'secret', secretId: 'other', arn: undefined } },
      ],
    },
  ])('$name', ({ input, transformation, expected }) => {
    expect(parseSecretReferences(input, transformation ?? 'uppercase')).toEqual(expected);
  });

  it.each<{ name: string; input: string; transformation?: NameTransformation; message: string }>([
    {
      name: 'two commas',
      input: 'A,b,c',
      message: `Input 'secret-ids', line 1 'A,b,c': more than one comma; ${EXPECTED}.`,
    },
    {
      name: 'an alias with no secret',
      input: 'ALIAS,',
      message: `Input 'secret-ids', line 1 'ALIAS,': the secret is missing; ${EXPECTED}.`,
    },
    {
      name: 'a lone comma',
      input: ',',
      message: `Input 'secret-ids', line 1 ',': the secret is missing; ${EXPECTED}.`,
    },
    {
      name: 'an alias that is not upper case under uppercase, with a suggestion',
      input: 'my_var,prod/db',
      message:
        "Input 'secret-ids', line 1 'my_var,prod/db': the alias 'my_var' is not a valid environment variable name under name-transformation 'uppercase' (did you mean 'MY_VAR'?).",
    },
    {
      name: 'an alias with a hyphen under none, with a suggestion',
      input: 'my-var,prod/db',
      transformation: 'none',
      message:
        "Input 'secret-ids', line 1 'my-var,prod/db': the alias 'my-var' is not a valid environment variable name under name-transformation 'none' (did you mean 'my_var'?).",
    },
    {
      name: 'a * in the middle of a prefix',
      input: 'prod/*/db',
      message: "Input 'secret-ids', line 1 'prod/*/db': a prefix must be a secret name prefix followed by a single * at the end, such as prod/app/*.",
    },
    {
      name: 'a double *',
      input: 'prod/**',
      message: "Input 'secret-ids', line 1 'prod/**': a prefix must be a secret name prefix followed by a single * at the end, such as prod/app/*.",
    },
    {
      name: 'a lone *',
      input: '*',
      message: "Input 'secret-ids', line 1 '*': a prefix must be a secret name prefix followed by a single * at the end, such as prod/app/*.",
    },
    {
      name: 'a space inside a name',
      input: 'prod db',
      message: "Input 'secret-ids', line 1 'prod db': a secret name may only contain letters, digits and /_+=.@- (at most 512 characters).",
    },
    {
      name: 'a name longer than 512 characters',
      input: 'a'.repeat(513),
      message: `Input 'secret-ids', line 1 '${'a'.repeat(513)}': a secret name may only contain letters, digits and /_+=.@- (at most 512 characters).`,
    },
    {
      name: 'an ARN used as a prefix',
      input: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/*',
      message:
        "Input 'secret-ids', line 1 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/*': the secret name in this ARN has characters a secret name cannot have (prefixes take a name, not an ARN).",
    },
    {
      name: 'the ARN of another service',
      input: 'arn:aws:ssm:us-east-1:123456789012:parameter/prod/db',
      message:
        "Input 'secret-ids', line 1 'arn:aws:ssm:us-east-1:123456789012:parameter/prod/db': not a Secrets Manager secret ARN; expected arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME.",
    },
    {
      name: 'a Secrets Manager ARN without a region',
      input: 'arn:aws:secretsmanager::123456789012:secret:prod/db',
      message:
        "Input 'secret-ids', line 1 'arn:aws:secretsmanager::123456789012:secret:prod/db': not a Secrets Manager secret ARN; expected arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME.",
    },
    {
      name: 'a bad line after good ones, naming its line number',
      input: 'prod/db\n\nA,b,c',
      message: `Input 'secret-ids', line 3 'A,b,c': more than one comma; ${EXPECTED}.`,
    },
    {
      name: 'a line that looks like a workflow command, neutralised',
      input: '::add-mask::x',
      message:
        "Input 'secret-ids', line 1 '\\::add-mask::x': a secret name may only contain letters, digits and /_+=.@- (at most 512 characters).",
    },
    {
      name: 'an empty input',
      input: '',
      message: `Input 'secret-ids' is empty: ${EXPECTED}, one per line.`,
    },
    {
      name: 'an input of blank lines only',
      input: '  \n\t\n',
      message: `Input 'secret-ids' is empty: ${EXPECTED}, one per line.`,
    },
  ])('refuses $name with a ConfigurationError quoting the line', ({ input, transformation, message }) => {
    const error = thrown(() => parseSecretReferences(input, transformation ?? 'uppercase'));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', message);
  });
});
