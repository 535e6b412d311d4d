import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { parseSecretReferences, type SecretReference } from './references.js';
import type { NameTransformation } from './env-names.js';

const EXPECTED =
  'expected [ALIAS,]SECRET[?stage=STAGE|?version=ID][#KEY|#/POINTER] (SECRET a secret name or ARN), [ALIAS,]PREFIX*, ' +
  '[ALIAS,]ssm:NAME[:VERSION|:LABEL][#KEY] or [ALIAS,]ssm:/PATH/*';
const NAME_CHARACTERS = 'a secret name may only contain letters, digits and /_+=.@- (at most 512 characters)';
const VERSION_ID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
const SSM_ARN = 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/prod/db';
const SSM_ARN_PARTS = { partition: 'aws', service: 'ssm', region: 'eu-west-1', account: '123456789012', resource: 'parameter/app/prod/db' };

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
    {
      name: 'reads a Parameter Store parameter by name',
      input: 'ssm:/app/prod/db_password',
      expected: [
        { line: 'ssm:/app/prod/db_password', lineNumber: 1, alias: undefined, target: { kind: 'parameter', name: '/app/prod/db_password', arn: undefined } },
      ],
    },
    {
      name: 'reads a parameter without a leading slash',
      input: 'ssm:db_password',
      expected: [{ line: 'ssm:db_password', lineNumber: 1, alias: undefined, target: { kind: 'parameter', name: 'db_password', arn: undefined } }],
    },
    {
      name: "keeps SSM's version selector apart from the parameter name",
      input: 'ssm:name:3',
      expected: [{ line: 'ssm:name:3', lineNumber: 1, alias: undefined, target: { kind: 'parameter', name: 'name', arn: undefined, selector: '3' } }],
    },
    {
      name: "keeps SSM's label selector apart from the parameter name",
      input: 'ssm:name:prod',
      expected: [{ line: 'ssm:name:prod', lineNumber: 1, alias: undefined, target: { kind: 'parameter', name: 'name', arn: undefined, selector: 'prod' } }],
    },
    {
      name: 'reads a parameter path, keeping its trailing slash',
      input: 'ssm:/app/prod/*',
      expected: [{ line: 'ssm:/app/prod/*', lineNumber: 1, alias: undefined, target: { kind: 'parameter-path', path: '/app/prod/' } }],
    },
    {
      name: 'reads the root path',
      input: 'ssm:/*',
      expected: [{ line: 'ssm:/*', lineNumber: 1, alias: undefined, target: { kind: 'parameter-path', path: '/' } }],
    },
    {
      name: 'reads an alias for a parameter path',
      input: 'APP,ssm:/app/*',
      expected: [{ line: 'APP,ssm:/app/*', lineNumber: 1, alias: 'APP', target: { kind: 'parameter-path', path: '/app/' } }],
    },
    {
      name: 'reads a Parameter Store ARN with its region',
      input: `ssm:${SSM_ARN}`,
      expected: [{ line: `ssm:${SSM_ARN}`, lineNumber: 1, alias: undefined, target: { kind: 'parameter', name: SSM_ARN, arn: SSM_ARN_PARTS } }],
    },
    {
      name: 'reads a Parameter Store ARN with a version selector',
      input: `DB,ssm:${SSM_ARN}:2`,
      expected: [
        {
          line: `DB,ssm:${SSM_ARN}:2`,
          lineNumber: 1,
          alias: 'DB',
          target: { kind: 'parameter', name: SSM_ARN, arn: { ...SSM_ARN_PARTS, resource: 'parameter/app/prod/db:2' }, selector: '2' },
        },
      ],
    },
    {
      name: 'reads a key selection on a parameter',
      input: 'ssm:/app/json:2#password',
      expected: [
        {
          line: 'ssm:/app/json:2#password',
          lineNumber: 1,
          alias: undefined,
          target: { kind: 'parameter', name: '/app/json', arn: undefined, selector: '2' },
          keyPath: ['password'],
        },
      ],
    },
    {
      name: 'pins a staging label',
      input: 'prod/db?stage=AWSPREVIOUS',
      expected: [
        { line: 'prod/db?stage=AWSPREVIOUS', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined, version: { stage: 'AWSPREVIOUS' } } },
      ],
    },
    {
      name: 'pins a version id',
      input: `prod/db?version=${VERSION_ID}`,
      expected: [
        {
          line: `prod/db?version=${VERSION_ID}`,
          lineNumber: 1,
          alias: undefined,
          target: { kind: 'secret', secretId: 'prod/db', arn: undefined, version: { versionId: VERSION_ID } },
        },
      ],
    },
    {
      name: 'pins a version of a secret given by ARN',
      input: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf?stage=AWSPENDING`,
      expected: [
        {
          line: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf?stage=AWSPENDING',
          lineNumber: 1,
          alias: undefined,
          target: {
            kind: 'secret',
            secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf',
            arn: { partition: 'aws', service: 'secretsmanager', region: 'eu-west-1', account: '123456789012', resource: 'secret:prod/db-AbCdEf' },
            version: { stage: 'AWSPENDING' },
          },
        },
      ],
    },
    {
      name: 'selects a top-level key',
      input: 'prod/db#password',
      expected: [{ line: 'prod/db#password', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined }, keyPath: ['password'] }],
    },
    {
      name: 'selects with a JSON Pointer',
      input: 'prod/db#/db/password',
      expected: [
        { line: 'prod/db#/db/password', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined }, keyPath: ['db', 'password'] },
      ],
    },
    {
      name: 'unescapes ~1 and ~0 in a JSON Pointer',
      input: 'prod/db#/a~1b/c~0d',
      expected: [
        { line: 'prod/db#/a~1b/c~0d', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined }, keyPath: ['a/b', 'c~d'] },
      ],
    },
    {
      name: 'keeps ~ as it is in a top-level key',
      input: 'prod/db#a~1b',
      expected: [{ line: 'prod/db#a~1b', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined }, keyPath: ['a~1b'] }],
    },
    {
      name: 'combines an alias, a pinned stage and a pointer',
      input: 'ALIAS,NAME?stage=AWSPREVIOUS#/db/password',
      expected: [
        {
          line: 'ALIAS,NAME?stage=AWSPREVIOUS#/db/password',
          lineNumber: 1,
          alias: 'ALIAS',
          target: { kind: 'secret', secretId: 'NAME', arn: undefined, version: { stage: 'AWSPREVIOUS' } },
          keyPath: ['db', 'password'],
        },
      ],
    },
    {
      name: 'combines a pinned version id and a key',
      input: `DB,prod/db?version=${VERSION_ID}#password`,
      expected: [
        {
          line: `DB,prod/db?version=${VERSION_ID}#password`,
          lineNumber: 1,
          alias: 'DB',
          target: { kind: 'secret', secretId: 'prod/db', arn: undefined, version: { versionId: VERSION_ID } },
          keyPath: ['password'],
        },
      ],
    },
    {
      name: 'skips a comment line and keeps the line numbers of the input',
      input: '# database\nprod/db\n  # indented comment, DB,other\nDB,other',
      expected: [
        { line: 'prod/db', lineNumber: 2, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined } },
        { line: 'DB,other', lineNumber: 4, alias: 'DB', target: { kind: 'secret', secretId: 'other', arn: undefined } },
      ],
    },
    {
      name: 'reads a comma inside a key after # as part of the key, not as an alias',
      input: 'prod/db#a,b',
      expected: [{ line: 'prod/db#a,b', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined }, keyPath: ['a,b'] }],
    },
    {
      name: 'splits the alias at the first comma before the #',
      input: 'DB,prod/db#a,b',
      expected: [{ line: 'DB,prod/db#a,b', lineNumber: 1, alias: 'DB', target: { kind: 'secret', secretId: 'prod/db', arn: undefined }, keyPath: ['a,b'] }],
    },
    {
      name: 'reads a blank alias with a key',
      input: ',prod/db#password',
      expected: [{ line: ',prod/db#password', lineNumber: 1, alias: '', target: { kind: 'secret', secretId: 'prod/db', arn: undefined }, keyPath: ['password'] }],
    },
    {
      name: 'reads two keys of one secret as two references',
      input: 'prod/db#a\nprod/db#b',
      expected: [
        { line: 'prod/db#a', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined }, keyPath: ['a'] },
        { line: 'prod/db#b', lineNumber: 2, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined }, keyPath: ['b'] },
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
      name: 'a trailing comma',
      input: 'A,b,',
      message: `Input 'secret-ids', line 1 'A,b,': more than one comma; ${EXPECTED}.`,
    },
    {
      name: 'an alias with no secret',
      input: 'ALIAS,',
      message: `Input 'secret-ids', line 1 'ALIAS,': nothing follows the comma (a trailing comma?); ${EXPECTED}.`,
    },
    {
      name: 'a secret name with a trailing comma (not an invalid alias)',
      input: 'prod/db,',
      message: `Input 'secret-ids', line 1 'prod/db,': nothing follows the comma (a trailing comma?); ${EXPECTED}.`,
    },
    {
      name: 'an alias of symbols only, without a suggestion of underscores',
      input: 'КЛЮЧ,prod/db',
      message:
        "Input 'secret-ids', line 1 'КЛЮЧ,prod/db': the alias 'КЛЮЧ' is not a valid environment variable name under name-transformation 'uppercase' (letters, digits and _, not starting with a digit).",
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
      input: 'arn:aws:sns:us-east-1:123456789012:topic',
      message:
        "Input 'secret-ids', line 1 'arn:aws:sns:us-east-1:123456789012:topic': not a Secrets Manager secret ARN; expected arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME.",
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
      name: 'a space inside a name after an alias',
      input: 'DB,prod db',
      message: `Input 'secret-ids', line 1 'DB,prod db': ${NAME_CHARACTERS}.`,
    },
    {
      name: 'a space inside an alias',
      input: 'MY DB,prod/db',
      message:
        "Input 'secret-ids', line 1 'MY DB,prod/db': the alias 'MY DB' is not a valid environment variable name under name-transformation 'uppercase' (did you mean 'MY_DB'?).",
    },
    {
      name: 'a space inside a parameter name',
      input: 'ssm:/app/db password',
      message:
        "Input 'secret-ids', line 1 'ssm:/app/db password': a parameter name may only contain letters, digits and _.-/ (a path ends with /*, such as ssm:/app/prod/*).",
    },
    {
      name: 'a space inside a staging label',
      input: 'prod/db?stage=AWS PREVIOUS',
      message: "Input 'secret-ids', line 1 'prod/db?stage=AWS PREVIOUS': ?stage= needs a staging label such as AWSPREVIOUS; got 'AWS PREVIOUS'.",
    },
    {
      name: '?stage= given twice',
      input: 'prod/db?stage=A&stage=B',
      message: "Input 'secret-ids', line 1 'prod/db?stage=A&stage=B': after ? give exactly one of stage=STAGE or version=VERSION_ID; got '?stage=A&stage=B'.",
    },
    {
      name: '?stage= and ?version= together',
      input: `prod/db?stage=AWSCURRENT&version=${VERSION_ID}`,
      message: `Input 'secret-ids', line 1 'prod/db?stage=AWSCURRENT&version=${VERSION_ID}': after ? give exactly one of stage=STAGE or version=VERSION_ID; got '?stage=AWSCURRENT&version=${VERSION_ID}'.`,
    },
    {
      name: 'a second ?',
      input: 'prod/db?stage=A?stage=B',
      message: "Input 'secret-ids', line 1 'prod/db?stage=A?stage=B': after ? give exactly one of stage=STAGE or version=VERSION_ID; got '?stage=A?stage=B'.",
    },
    {
      name: 'an unknown query ?foo=1',
      input: 'prod/db?foo=1',
      message: "Input 'secret-ids', line 1 'prod/db?foo=1': after ? give exactly one of stage=STAGE or version=VERSION_ID; got '?foo=1'.",
    },
    {
      name: 'a bare ?',
      input: 'prod/db?',
      message: "Input 'secret-ids', line 1 'prod/db?': after ? give exactly one of stage=STAGE or version=VERSION_ID; got '?'.",
    },
    {
      name: 'an empty ?stage=',
      input: 'prod/db?stage=',
      message: "Input 'secret-ids', line 1 'prod/db?stage=': ?stage= needs a staging label such as AWSPREVIOUS; got ''.",
    },
    {
      name: 'a version id that is too short',
      input: 'prod/db?version=abc',
      message: "Input 'secret-ids', line 1 'prod/db?version=abc': ?version= needs a version id (32 to 64 letters, digits and -); got 'abc'.",
    },
    {
      name: 'a version id with characters a version id cannot have',
      input: `prod/db?version=${VERSION_ID.slice(0, -1)}_`,
      message: `Input 'secret-ids', line 1 'prod/db?version=${VERSION_ID.slice(0, -1)}_': ?version= needs a version id (32 to 64 letters, digits and -); got '${VERSION_ID.slice(0, -1)}_'.`,
    },
    {
      name: 'a version query with no secret',
      input: '?stage=AWSPREVIOUS',
      message: `Input 'secret-ids', line 1 '?stage=AWSPREVIOUS': the secret is missing; ${EXPECTED}.`,
    },
    {
      name: 'an empty key after #',
      input: 'prod/db#',
      message: "Input 'secret-ids', line 1 'prod/db#': the key after # must be a JSON key (#password) or a JSON Pointer (#/db/password); got '#'.",
    },
    {
      name: 'an empty JSON Pointer token',
      input: 'prod/db#/a//b',
      message: "Input 'secret-ids', line 1 'prod/db#/a//b': the key after # must be a JSON key (#password) or a JSON Pointer (#/db/password); got '#/a//b'.",
    },
    {
      name: 'a JSON Pointer of / alone',
      input: 'prod/db#/',
      message: "Input 'secret-ids', line 1 'prod/db#/': the key after # must be a JSON key (#password) or a JSON Pointer (#/db/password); got '#/'.",
    },
    {
      name: 'a ~ escape other than ~0 and ~1 in a JSON Pointer',
      input: 'prod/db#/a~2b',
      message: "Input 'secret-ids', line 1 'prod/db#/a~2b': the key after # must be a JSON key (#password) or a JSON Pointer (#/db/password); got '#/a~2b'.",
    },
    {
      name: 'a key with no secret',
      input: 'DB,#password',
      message: `Input 'secret-ids', line 1 'DB,#password': the secret is missing; ${EXPECTED}.`,
    },
    {
      name: 'a key after a prefix',
      input: 'prefix*#key',
      message: "Input 'secret-ids', line 1 'prefix*#key': a #key selects inside one value; it cannot follow a prefix or a path.",
    },
    {
      name: 'a pinned stage on a prefix',
      input: 'prefix*?stage=X',
      message: "Input 'secret-ids', line 1 'prefix*?stage=X': a prefix reads the current version of each match; ?stage= and ?version= need one secret.",
    },
    {
      name: 'a key after a parameter path',
      input: 'ssm:/app/*#password',
      message: "Input 'secret-ids', line 1 'ssm:/app/*#password': a #key selects inside one value; it cannot follow a prefix or a path.",
    },
    {
      name: 'a parameter name ending in / (a path without its *)',
      input: 'ssm:/app/prod/',
      message:
        "Input 'secret-ids', line 1 'ssm:/app/prod/': a parameter name cannot end with /; to read every parameter below a path, end it with /*.",
    },
    {
      name: 'a parameter path without its leading slash',
      input: 'ssm:app/*',
      message: "Input 'secret-ids', line 1 'ssm:app/*': a parameter path must start with / and end with /*, such as ssm:/app/prod/*.",
    },
    {
      name: 'a parameter path with an empty level',
      input: 'ssm:/app//*',
      message: "Input 'secret-ids', line 1 'ssm:/app//*': a parameter path must start with / and end with /*, such as ssm:/app/prod/*.",
    },
    {
      name: 'a * in the middle of a parameter path',
      input: 'ssm:/app/*/x',
      message:
        "Input 'secret-ids', line 1 'ssm:/app/*/x': a parameter name may only contain letters, digits and _.-/ (a path ends with /*, such as ssm:/app/prod/*).",
    },
    {
      name: 'a parameter prefix without a slash before the *',
      input: 'ssm:/app/prod*',
      message:
        "Input 'secret-ids', line 1 'ssm:/app/prod*': a parameter name may only contain letters, digits and _.-/ (a path ends with /*, such as ssm:/app/prod/*).",
    },
    {
      name: 'ssm: with no name',
      input: 'ssm:',
      message:
        "Input 'secret-ids', line 1 'ssm:': a parameter name may only contain letters, digits and _.-/ (a path ends with /*, such as ssm:/app/prod/*).",
    },
    {
      name: 'an empty parameter selector',
      input: 'ssm:name:',
      message: "Input 'secret-ids', line 1 'ssm:name:': after : give a parameter version (a number) or a label; got ':'.",
    },
    {
      name: 'a parameter label starting with a digit',
      input: 'ssm:name:1abc',
      message: "Input 'secret-ids', line 1 'ssm:name:1abc': after : give a parameter version (a number) or a label; got ':1abc'.",
    },
    {
      name: 'a parameter version 0',
      input: 'ssm:name:0',
      message: "Input 'secret-ids', line 1 'ssm:name:0': after : give a parameter version (a number) or a label; got ':0'.",
    },
    {
      name: 'two parameter selectors',
      input: 'ssm:name:prod:3',
      message:
        "Input 'secret-ids', line 1 'ssm:name:prod:3': a parameter name may only contain letters, digits and _.-/ (a path ends with /*, such as ssm:/app/prod/*).",
    },
    {
      name: 'a Secrets Manager ARN after ssm:',
      input: 'ssm:arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
      message:
        "Input 'secret-ids', line 1 'ssm:arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf': not a Parameter Store ARN; expected ssm:arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME.",
    },
    {
      name: 'a Parameter Store ARN without a region',
      input: 'ssm:arn:aws:ssm::123456789012:parameter/app/db',
      message:
        "Input 'secret-ids', line 1 'ssm:arn:aws:ssm::123456789012:parameter/app/db': not a Parameter Store ARN; expected ssm:arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME.",
    },
    {
      name: 'a Parameter Store ARN used as a path',
      input: 'ssm:arn:aws:ssm:eu-west-1:123456789012:parameter/app/*',
      message:
        "Input 'secret-ids', line 1 'ssm:arn:aws:ssm:eu-west-1:123456789012:parameter/app/*': the parameter name in this ARN may only contain letters, digits and _.-/.",
    },
    {
      name: 'a Parameter Store ARN without ssm:',
      input: SSM_ARN,
      message: `Input 'secret-ids', line 1 '${SSM_ARN}': not a Secrets Manager secret ARN; expected arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME.`,
    },
    {
      name: 'an input of comment lines only',
      input: '# nothing yet\n  # still nothing',
      message: `Input 'secret-ids' is empty: ${EXPECTED}, one per line.`,
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
