import { describe, expect, it } from 'vitest';
import type { NameTransformation } from './env-names.js';
import { ConfigurationError } from './errors.js';
import { assertAliasesAllowed, planExports, type PlanOptions } from './export-plan.js';
import type { FetchedValue } from './fetch-secrets.js';
import { parseSecretReferences } from './references.js';

const UPPER_JSON: PlanOptions = { parseJsonSecrets: true, nameTransformation: 'uppercase' };
const UPPER_RAW: PlanOptions = { parseJsonSecrets: false, nameTransformation: 'uppercase' };
const ARN_OF_PROD_DB = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf';

const CREATED = new Date('2026-03-04T05:06:07.000Z');

/** What `fetchSecrets` returns for the reference `line` when the secret `name` holds `value` (after any `#key` selection). */
function fetched(line: string, name: string, value: string, transformation: NameTransformation = 'uppercase'): FetchedValue {
  const [reference] = parseSecretReferences(line, transformation);
  return {
    reference: reference!,
    sourceName: name,
    nameBase: name,
    arn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`,
    version: 'v-1 (AWSCURRENT)',
    createdDate: CREATED,
    value,
  };
}

/**
 * What `fetchSecrets` returns for the reference `line` when the parameter `name`
 * holds `value`; a path match passes its name below the path as `nameBase`.
 */
function fetchedParameter(line: string, name: string, value: string, nameBase = name, transformation: NameTransformation = 'uppercase'): FetchedValue {
  const [reference] = parseSecretReferences(line, transformation);
  return {
    reference: reference!,
    sourceName: `ssm:${name}`,
    nameBase,
    arn: `arn:aws:ssm:us-east-1:123456789012:parameter/${name.replace(/^\//, '')}`,
    version: '3',
    createdDate: undefined,
    value,
  };
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but none was thrown');
}

describe('planExports naming', () => {
  it.each<{ name: string; secrets: FetchedValue[]; options: PlanOptions; expected: Array<[string, string]> }>([
    { name: 'names a plain reference from the secret name', secrets: [fetched('prod/db', 'prod/db', 'pw')], options: UPPER_RAW, expected: [['PROD_DB', 'pw']] },
    {
      name: 'names the spec examples',
      secrets: [
        fetched('test/secret', 'test/secret', 'a'),
        fetched('0/test/secret', '0/test/secret', 'b'),
        fetched('/prod/example/secret', '/prod/example/secret', 'c'),
        fetched('my-app.db@prod', 'my-app.db@prod', 'd'),
      ],
      options: UPPER_RAW,
      expected: [
        ['TEST_SECRET', 'a'],
        ['_0_TEST_SECRET', 'b'],
        ['_PROD_EXAMPLE_SECRET', 'c'],
        ['MY_APP_DB_PROD', 'd'],
      ],
    },
    { name: 'names an ARN reference from the secret Name, not the ARN', secrets: [fetched(ARN_OF_PROD_DB, 'prod/db', 'pw')], options: UPPER_RAW, expected: [['PROD_DB', 'pw']] },
    { name: 'uses an alias as it is', secrets: [fetched('DB_PASSWORD,prod/db', 'prod/db', 'pw')], options: UPPER_RAW, expected: [['DB_PASSWORD', 'pw']] },
    { name: 'uses an alias for an ARN', secrets: [fetched(`DB,${ARN_OF_PROD_DB}`, 'prod/db', 'pw')], options: UPPER_RAW, expected: [['DB', 'pw']] },
    {
      name: 'names JSON keys alone under a blank alias (the spec example)',
      secrets: [fetched(',svc', 'svc', '{"1key":"v","nested":{"2x":"y"}}')],
      options: UPPER_JSON,
      expected: [
        ['_1KEY', 'v'],
        ['NESTED_2X', 'y'],
      ],
    },
    { name: 'falls back to the secret name under a blank alias without JSON parsing', secrets: [fetched(',svc', 'svc', '{"a":"b"}')], options: UPPER_RAW, expected: [['SVC', '{"a":"b"}']] },
    { name: 'falls back to the secret name under a blank alias when the value is not JSON', secrets: [fetched(',svc', 'svc', 'plain')], options: UPPER_JSON, expected: [['SVC', 'plain']] },
    {
      name: 'prefixes JSON keys with the alias',
      secrets: [fetched('DB,prod/db', 'prod/db', '{"user":"app","password":"pw"}')],
      options: UPPER_JSON,
      expected: [
        ['DB_USER', 'app'],
        ['DB_PASSWORD', 'pw'],
      ],
    },
    {
      name: 'prefixes JSON keys with the secret name, adding no _ before a nested key that starts with a digit',
      secrets: [fetched('svc', 'svc', '{"1key":"v","nested":{"2x":"y"}}')],
      options: UPPER_JSON,
      expected: [
        ['SVC_1KEY', 'v'],
        ['SVC_NESTED_2X', 'y'],
      ],
    },
    {
      name: 'writes non-string JSON leaves as JSON text',
      secrets: [fetched('db', 'db', '{"port":5432,"tls":true,"hosts":["a","b"],"none":null}')],
      options: UPPER_JSON,
      expected: [
        ['DB_PORT', '5432'],
        ['DB_TLS', 'true'],
        ['DB_HOSTS', '["a","b"]'],
        ['DB_NONE', 'null'],
      ],
    },
    { name: 'keeps the raw JSON as one variable without JSON parsing', secrets: [fetched('prod/db', 'prod/db', '{"user":"app"}')], options: UPPER_RAW, expected: [['PROD_DB', '{"user":"app"}']] },
    { name: 'keeps an array secret as one variable', secrets: [fetched('prod/list', 'prod/list', '[1,2]')], options: UPPER_JSON, expected: [['PROD_LIST', '[1,2]']] },
    { name: 'keeps a scalar JSON secret as one variable', secrets: [fetched('prod/n', 'prod/n', '42')], options: UPPER_JSON, expected: [['PROD_N', '42']] },
    {
      name: 'lower-cases names and keys under lowercase',
      secrets: [fetched('Prod/DB', 'Prod/DB', '{"User":"app"}', 'lowercase'), fetched('api,Prod/Key', 'Prod/Key', 'k', 'lowercase')],
      options: { parseJsonSecrets: true, nameTransformation: 'lowercase' },
      expected: [
        ['prod_db_user', 'app'],
        ['api', 'k'],
      ],
    },
    {
      name: 'keeps the case under none',
      secrets: [fetched('Prod/DB', 'Prod/DB', '{"User":"app"}', 'none'), fetched('My_Key,prod/key', 'prod/key', 'k', 'none')],
      options: { parseJsonSecrets: true, nameTransformation: 'none' },
      expected: [
        ['Prod_DB_User', 'app'],
        ['My_Key', 'k'],
      ],
    },
    {
      name: 'names every secret a prefix matched',
      secrets: [fetched('app/*', 'app/one', '1'), fetched('app/*', 'app/two', '2')],
      options: UPPER_RAW,
      expected: [
        ['APP_ONE', '1'],
        ['APP_TWO', '2'],
      ],
    },
    { name: 'exports an empty value', secrets: [fetched('prod/empty', 'prod/empty', '')], options: UPPER_RAW, expected: [['PROD_EMPTY', '']] },
    { name: 'names a selected key from the secret name and the key', secrets: [fetched('prod/db#password', 'prod/db', 'pw')], options: UPPER_RAW, expected: [['PROD_DB_PASSWORD', 'pw']] },
    {
      name: 'names a JSON Pointer selection from the secret name and every token',
      secrets: [fetched('prod/db#/db/password', 'prod/db', 'pw')],
      options: UPPER_RAW,
      expected: [['PROD_DB_DB_PASSWORD', 'pw']],
    },
    { name: 'names a selection by its alias', secrets: [fetched('DB_PASSWORD,prod/db#password', 'prod/db', 'pw')], options: UPPER_RAW, expected: [['DB_PASSWORD', 'pw']] },
    {
      name: 'names a selection by its alias for a pinned stage and a pointer',
      secrets: [fetched('PREVIOUS,prod/db?stage=AWSPREVIOUS#/db/password', 'prod/db', 'old')],
      options: UPPER_JSON,
      expected: [['PREVIOUS', 'old']],
    },
    { name: 'names a selection from the secret name and key under a blank alias', secrets: [fetched(',prod/db#password', 'prod/db', 'pw')], options: UPPER_RAW, expected: [['PROD_DB_PASSWORD', 'pw']] },
    {
      name: 'names escaped pointer tokens as they read once unescaped',
      secrets: [fetched('prod/db#/a~1b/c~0d', 'prod/db', 'x')],
      options: UPPER_RAW,
      expected: [['PROD_DB_A_B_C_D', 'x']],
    },
    {
      name: 'expands a selected object under the alias with JSON parsing',
      secrets: [fetched('DB,prod/db#/db', 'prod/db', '{"user":"app","password":"pw"}')],
      options: UPPER_JSON,
      expected: [
        ['DB_USER', 'app'],
        ['DB_PASSWORD', 'pw'],
      ],
    },
    {
      name: 'expands a selected object under the secret name and key with JSON parsing',
      secrets: [fetched('prod/db#db', 'prod/db', '{"user":"app"}')],
      options: UPPER_JSON,
      expected: [['PROD_DB_DB_USER', 'app']],
    },
    {
      name: 'expands a selected object under a blank alias by its keys alone',
      secrets: [fetched(',prod/db#db', 'prod/db', '{"user":"app"}')],
      options: UPPER_JSON,
      expected: [['USER', 'app']],
    },
    {
      name: 'keeps a selected object as one variable without JSON parsing',
      secrets: [fetched('prod/db#db', 'prod/db', '{"user":"app"}')],
      options: UPPER_RAW,
      expected: [['PROD_DB_DB', '{"user":"app"}']],
    },
    {
      name: 'names a parameter from its name',
      secrets: [fetchedParameter('ssm:/app/prod/db_password', '/app/prod/db_password', 'pw')],
      options: UPPER_RAW,
      expected: [['_APP_PROD_DB_PASSWORD', 'pw']],
    },
    {
      name: 'names a parameter read with a version or label from its name alone',
      secrets: [fetchedParameter('ssm:/app/db:3', '/app/db', 'v3'), fetchedParameter('ssm:token:prod', 'token', 't')],
      options: UPPER_RAW,
      expected: [
        ['_APP_DB', 'v3'],
        ['TOKEN', 't'],
      ],
    },
    { name: 'uses an alias for a parameter', secrets: [fetchedParameter('DB,ssm:/app/db', '/app/db', 'pw')], options: UPPER_RAW, expected: [['DB', 'pw']] },
    {
      name: 'names a key selected in a parameter',
      secrets: [fetchedParameter('ssm:/app/json#password', '/app/json', 'pw')],
      options: UPPER_RAW,
      expected: [['_APP_JSON_PASSWORD', 'pw']],
    },
    {
      name: 'names path matches from their names below the path',
      secrets: [fetchedParameter('ssm:/app/prod/*', '/app/prod/db/password', 'pw', 'db/password'), fetchedParameter('ssm:/app/prod/*', '/app/prod/api_key', 'k', 'api_key')],
      options: UPPER_RAW,
      expected: [
        ['DB_PASSWORD', 'pw'],
        ['API_KEY', 'k'],
      ],
    },
    {
      name: 'prefixes path matches with the alias of the path',
      secrets: [fetchedParameter('APP,ssm:/app/*', '/app/db/password', 'pw', 'db/password'), fetchedParameter('APP,ssm:/app/*', '/app/api_key', 'k', 'api_key')],
      options: UPPER_RAW,
      expected: [
        ['APP_DB_PASSWORD', 'pw'],
        ['APP_API_KEY', 'k'],
      ],
    },
    {
      name: 'names path matches below the path under a blank alias',
      secrets: [fetchedParameter(',ssm:/app/*', '/app/db/password', 'pw', 'db/password')],
      options: UPPER_RAW,
      expected: [['DB_PASSWORD', 'pw']],
    },
    {
      name: 'expands a JSON path match under its name below the path',
      secrets: [fetchedParameter('APP,ssm:/app/*', '/app/cfg', '{"port":5432}', 'cfg')],
      options: UPPER_JSON,
      expected: [['APP_CFG_PORT', '5432']],
    },
    {
      name: 'lower-cases parameter names under lowercase',
      secrets: [fetchedParameter('ssm:/App/Db', '/App/Db', 'x', '/App/Db', 'lowercase')],
      options: { parseJsonSecrets: false, nameTransformation: 'lowercase' },
      expected: [['_app_db', 'x']],
    },
  ])('$name', ({ secrets, options, expected }) => {
    const plan = planExports(secrets, options);
    expect(plan.variables.map((variable) => [variable.name, variable.value])).toEqual(expected);
  });

  it('records where each variable came from: reference, source, ARN, version, date and key path', () => {
    const plan = planExports(
      [
        fetched('DB,prod/db', 'prod/db', '{"tls":{"ca":"pem"}}'),
        fetched('other', 'other', 'x'),
        fetched('prod/cfg#/db', 'prod/cfg', '{"user":"app"}'),
        fetched('PW,prod/cfg#password', 'prod/cfg', 'pw'),
        fetchedParameter('ssm:/app/*', '/app/token', 't', 'token'),
      ],
      UPPER_JSON,
    );
    const secret = (name: string): Record<string, unknown> => ({
      sourceName: name,
      arn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`,
      version: 'v-1 (AWSCURRENT)',
      createdDate: CREATED,
    });
    expect(plan.variables).toStrictEqual([
      { name: 'DB_TLS_CA', value: 'pem', reference: 'DB,prod/db', ...secret('prod/db'), keyPath: ['tls', 'ca'] },
      { name: 'OTHER', value: 'x', reference: 'other', ...secret('other') },
      { name: 'PROD_CFG_DB_USER', value: 'app', reference: 'prod/cfg#/db', ...secret('prod/cfg'), keyPath: ['db', 'user'] },
      { name: 'PW', value: 'pw', reference: 'PW,prod/cfg#password', ...secret('prod/cfg'), keyPath: ['password'] },
      {
        name: 'TOKEN',
        value: 't',
        reference: 'ssm:/app/*',
        sourceName: 'ssm:/app/token',
        arn: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/token',
        version: '3',
        createdDate: undefined,
      },
    ]);
  });
});

describe('planExports collisions', () => {
  it.each<{ name: string; secrets: FetchedValue[]; options: PlanOptions; message: string; values: string[] }>([
    {
      name: 'two references whose names map to one env name',
      secrets: [fetched('prod/db', 'prod/db', 'first-value-1'), fetched('prod.db', 'prod.db', 'second-value-2')],
      options: UPPER_RAW,
      message:
        "Two values would set 'PROD_DB': reference 'prod/db' (secret 'prod/db') and reference 'prod.db' (secret 'prod.db'). Use aliases so that each value has its own name.",
      values: ['first-value-1', 'second-value-2'],
    },
    {
      name: 'two references to one secret',
      secrets: [fetched('prod/db', 'prod/db', 'same-value-1'), fetched(ARN_OF_PROD_DB, 'prod/db', 'same-value-1')],
      options: UPPER_RAW,
      message: `Two values would set 'PROD_DB': reference 'prod/db' (secret 'prod/db') and reference '${ARN_OF_PROD_DB}' (secret 'prod/db'). Use aliases so that each value has its own name.`,
      values: ['same-value-1'],
    },
    {
      name: 'an alias equal to the name derived for another reference',
      secrets: [fetched('prod/db', 'prod/db', 'first-value-1'), fetched('PROD_DB,other', 'other', 'second-value-2')],
      options: UPPER_RAW,
      message:
        "Two values would set 'PROD_DB': reference 'prod/db' (secret 'prod/db') and reference 'PROD_DB,other' (secret 'other'). Use aliases so that each value has its own name.",
      values: ['first-value-1', 'second-value-2'],
    },
    {
      name: 'JSON keys Name and name under uppercase',
      secrets: [fetched('svc', 'svc', '{"Name":"upper-value-1","name":"lower-value-2"}')],
      options: UPPER_JSON,
      message:
        "Two values would set 'SVC_NAME': reference 'svc' (secret 'svc' key 'Name') and reference 'svc' (secret 'svc' key 'name'). Use aliases so that each value has its own name.",
      values: ['upper-value-1', 'lower-value-2'],
    },
    {
      name: 'a JSON key and another secret',
      secrets: [fetched('DB,prod/db', 'prod/db', '{"user":"user-value-1"}'), fetched('db/user', 'db/user', 'other-value-2')],
      options: UPPER_JSON,
      message:
        "Two values would set 'DB_USER': reference 'DB,prod/db' (secret 'prod/db' key 'user') and reference 'db/user' (secret 'db/user'). Use aliases so that each value has its own name.",
      values: ['user-value-1', 'other-value-2'],
    },
    {
      name: 'names that differ only in case under none',
      secrets: [fetched('app/Db', 'app/Db', 'first-value-1', 'none'), fetched('app/db', 'app/db', 'second-value-2', 'none')],
      options: { parseJsonSecrets: false, nameTransformation: 'none' },
      message:
        "Two values would set 'app_Db' and 'app_db' (names that differ only in case): reference 'app/Db' (secret 'app/Db') and reference 'app/db' (secret 'app/db'). Use aliases so that each value has its own name.",
      values: ['first-value-1', 'second-value-2'],
    },
    {
      name: 'two secrets matched by one prefix',
      secrets: [fetched('app/*', 'app/a-b', 'first-value-1'), fetched('app/*', 'app/a_b', 'second-value-2')],
      options: UPPER_RAW,
      message:
        "Two values would set 'APP_A_B': reference 'app/*' (secret 'app/a-b') and reference 'app/*' (secret 'app/a_b'). Use aliases so that each value has its own name.",
      values: ['first-value-1', 'second-value-2'],
    },
    {
      name: 'a selected key and an alias',
      secrets: [fetched('prod/db#password', 'prod/db', 'first-value-1'), fetched('PROD_DB_PASSWORD,other', 'other', 'second-value-2')],
      options: UPPER_RAW,
      message:
        "Two values would set 'PROD_DB_PASSWORD': reference 'prod/db#password' (secret 'prod/db' key 'password') and reference 'PROD_DB_PASSWORD,other' (secret 'other'). Use aliases so that each value has its own name.",
      values: ['first-value-1', 'second-value-2'],
    },
    {
      name: 'a parameter and a secret',
      secrets: [fetchedParameter('ssm:/app/db', '/app/db', 'first-value-1'), fetched('_app/db', '_app/db', 'second-value-2')],
      options: UPPER_RAW,
      message:
        "Two values would set '_APP_DB': reference 'ssm:/app/db' (parameter '/app/db') and reference '_app/db' (secret '_app/db'). Use aliases so that each value has its own name.",
      values: ['first-value-1', 'second-value-2'],
    },
    {
      name: 'two parameters matched by one path',
      secrets: [fetchedParameter('ssm:/app/*', '/app/a-b', 'first-value-1', 'a-b'), fetchedParameter('ssm:/app/*', '/app/a.b', 'second-value-2', 'a.b')],
      options: UPPER_RAW,
      message:
        "Two values would set 'A_B': reference 'ssm:/app/*' (parameter '/app/a-b') and reference 'ssm:/app/*' (parameter '/app/a.b'). Use aliases so that each value has its own name.",
      values: ['first-value-1', 'second-value-2'],
    },
  ])('refuses $name, naming both references and no value', ({ secrets, options, message, values }) => {
    const error = thrown(() => planExports(secrets, options));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', message);
    for (const value of values) expect((error as Error).message).not.toContain(value);
  });
});

describe('planExports reserved names', () => {
  const RESERVED = 'it is reserved (NODE_OPTIONS, BASH_ENV, ENV, PATH, HOME would change how later steps or the runner behave)';

  it.each<{ name: string; secrets: FetchedValue[]; options: PlanOptions; message: string }>([
    {
      name: 'an alias LD_PRELOAD',
      secrets: [fetched('LD_PRELOAD,prod/lib', 'prod/lib', '/tmp/evil.so')],
      options: UPPER_RAW,
      message:
        "Reference 'LD_PRELOAD,prod/lib' (secret 'prod/lib') would set 'LD_PRELOAD', which is refused: it starts with the reserved prefix 'LD_'. Use an alias to choose another name.",
    },
    {
      name: 'a secret named path',
      secrets: [fetched('path', 'path', '/tmp/evil-bin')],
      options: UPPER_RAW,
      message: `Reference 'path' (secret 'path') would set 'PATH', which is refused: ${RESERVED}. Use an alias to choose another name.`,
    },
    {
      name: 'a secret named github/token',
      secrets: [fetched('github/token', 'github/token', 'ghp_secret-token')],
      options: UPPER_RAW,
      message:
        "Reference 'github/token' (secret 'github/token') would set 'GITHUB_TOKEN', which is refused: it starts with the reserved prefix 'GITHUB_'. Use an alias to choose another name.",
    },
    {
      name: 'a lower-case ld_preload under lowercase',
      secrets: [fetched('ld/preload', 'ld/preload', '/tmp/evil.so', 'lowercase')],
      options: { parseJsonSecrets: false, nameTransformation: 'lowercase' },
      message:
        "Reference 'ld/preload' (secret 'ld/preload') would set 'ld_preload', which is refused: it starts with the reserved prefix 'LD_'. Use an alias to choose another name.",
    },
    {
      name: 'a JSON key NODE_OPTIONS under a blank alias',
      secrets: [fetched(',svc', 'svc', '{"NODE_OPTIONS":"--require /tmp/evil.js"}')],
      options: UPPER_JSON,
      message: `Reference ',svc' (secret 'svc' key 'NODE_OPTIONS') would set 'NODE_OPTIONS', which is refused: ${RESERVED}. Use an alias to choose another name.`,
    },
    {
      name: 'an empty JSON key under a blank alias',
      secrets: [fetched(',svc', 'svc', '{"":"value"}')],
      options: UPPER_JSON,
      message:
        "Reference ',svc' (secret 'svc' key '') would set '', which is refused: it is not a valid environment variable name (expected letters, digits and _, not starting with a digit). Use an alias to choose another name.",
    },
    {
      name: 'a selected key that makes LD_PRELOAD',
      secrets: [fetched('ld#preload', 'ld', '/tmp/evil.so')],
      options: UPPER_RAW,
      message:
        "Reference 'ld#preload' (secret 'ld' key 'preload') would set 'LD_PRELOAD', which is refused: it starts with the reserved prefix 'LD_'. Use an alias to choose another name.",
    },
    {
      name: 'a path match named github/token',
      secrets: [fetchedParameter('ssm:/*', '/github/token', 'ghp_secret-token', 'github/token')],
      options: UPPER_RAW,
      message:
        "Reference 'ssm:/*' (parameter '/github/token') would set 'GITHUB_TOKEN', which is refused: it starts with the reserved prefix 'GITHUB_'. Use an alias to choose another name.",
    },
    {
      name: 'a NUL byte in a value',
      secrets: [fetched('DB,db', 'db', 'before\u0000after')],
      options: UPPER_RAW,
      message:
        "Reference 'DB,db' (secret 'db') has a NUL byte in the value for 'DB', which no environment variable, output or shell file can hold; store the value base64-encoded (for a binary secret, set 'binary-encoding' to base64 or hex).",
    },
    {
      name: 'a NUL byte in a JSON leaf',
      secrets: [fetched(',svc', 'svc', '{"key":"a\\u0000b"}')],
      options: UPPER_JSON,
      message:
        "Reference ',svc' (secret 'svc' key 'key') has a NUL byte in the value for 'KEY', which no environment variable, output or shell file can hold; store the value base64-encoded (for a binary secret, set 'binary-encoding' to base64 or hex).",
    },
  ])('refuses $name, naming the reference and no value', ({ secrets, options, message }) => {
    const error = thrown(() => planExports(secrets, options));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', message);
    for (const secret of secrets) expect((error as Error).message).not.toContain(secret.value);
  });
});

describe('planExports masks and notices', () => {
  it('masks every value and every line of every value, JSON leaves included', () => {
    const plan = planExports(
      [
        fetched('a', 'a', 'alpha'),
        fetched('b', 'b', 'line1\r\nline2\n'),
        fetched('c', 'c', '{"user":"u1","key":"-----BEGIN-----\\nabc\\n-----END-----","port":5432}'),
      ],
      UPPER_JSON,
    );
    expect(plan.masks).toEqual([
      'alpha',
      'line1\r\nline2\n',
      'line1',
      'line2',
      'u1',
      '-----BEGIN-----\nabc\n-----END-----',
      '-----BEGIN-----',
      'abc',
      '-----END-----',
      '5432',
    ]);
    for (const variable of plan.variables) expect(plan.masks).toContain(variable.value);
  });

  it('masks the raw JSON and each of its leaves when it is exported as one variable (a later `jq -r .password` prints a leaf alone)', () => {
    const plan = planExports([fetched('c', 'c', '{"user":"u1","db":{"password":"p\\"w","port":5432,"tls":true,"ca":null},"hosts":["h1"]}')], UPPER_RAW);
    expect(plan.masks).toEqual(['{"user":"u1","db":{"password":"p\\"w","port":5432,"tls":true,"ca":null},"hosts":["h1"]}', 'u1', 'p"w', '5432', 'h1']);
  });

  it('masks the elements of an array leaf, which parse-json-secrets exports as JSON text', () => {
    expect(planExports([fetched('c', 'c', '{"hosts":["h1","h2"]}')], UPPER_JSON).masks).toEqual(['["h1","h2"]', 'h1', 'h2']);
  });

  it('masks a value that only looks like JSON as it is', () => {
    expect(planExports([fetched('c', 'c', '{not json')], UPPER_RAW).masks).toEqual(['{not json']);
  });

  it('registers no mask for empty or whitespace-only values', () => {
    const plan = planExports([fetched('empty', 'empty', ''), fetched('blank', 'blank', ' \n '), fetched('j', 'j', '{"e":""}')], UPPER_JSON);
    expect(plan.variables.map((variable) => variable.name)).toEqual(['EMPTY', 'BLANK', 'J_E']);
    expect(plan.masks).toEqual([]);
  });

  it('registers a value shared by two variables once', () => {
    expect(planExports([fetched('a', 'a', 'same'), fetched('b', 'b', 'same')], UPPER_RAW).masks).toEqual(['same']);
  });

  it('notes an empty JSON object, which sets no variable', () => {
    const plan = planExports([fetched(',svc', 'svc', '{}'), fetched('cfg', 'cfg', '{"nested":{}}'), fetched('other', 'other', 'x')], UPPER_JSON);
    expect(plan.variables.map((variable) => variable.name)).toEqual(['OTHER']);
    expect(plan.notices).toEqual([
      "'svc' (reference ',svc') is an empty JSON object; it sets no variable.",
      "'cfg' (reference 'cfg') is an empty JSON object; it sets no variable.",
    ]);
  });

  it('notes an empty JSON object selected by key or read from a parameter', () => {
    const plan = planExports([fetched('prod/db#db', 'prod/db', '{}'), fetchedParameter('ssm:/app/cfg', '/app/cfg', '{}')], UPPER_JSON);
    expect(plan.variables).toEqual([]);
    expect(plan.notices).toEqual([
      "'prod/db' (reference 'prod/db#db') is an empty JSON object; it sets no variable.",
      "'ssm:/app/cfg' (reference 'ssm:/app/cfg') is an empty JSON object; it sets no variable.",
    ]);
  });

  it('masks only the selected values, not the rest of the secret', () => {
    const plan = planExports([fetched('PW,prod/db#password', 'prod/db', 'selected-pw')], UPPER_JSON);
    expect(plan.masks).toEqual(['selected-pw']);
  });

  it('has no notice when JSON parsing is off', () => {
    const plan = planExports([fetched('svc', 'svc', '{}')], UPPER_RAW);
    expect(plan.variables.map((variable) => [variable.name, variable.value])).toEqual([['SVC', '{}']]);
    expect(plan.notices).toEqual([]);
  });
});

describe('assertAliasesAllowed (before any AWS call)', () => {
  const RESERVED_LIST = 'it is reserved (NODE_OPTIONS, BASH_ENV, ENV, PATH, HOME would change how later steps or the runner behave)';
  it.each([
    { name: 'a reserved alias', input: 'LD_PRELOAD,prod/db', json: false, message: "Input 'secret-ids', line 1 'LD_PRELOAD,prod/db': the alias 'LD_PRELOAD' is refused: it starts with the reserved prefix 'LD_'." },
    { name: 'an alias naming a reserved variable', input: 'ok/a\nPATH,prod/db', json: false, message: `Input 'secret-ids', line 2 'PATH,prod/db': the alias 'PATH' is refused: ${RESERVED_LIST}.` },
    { name: 'a reserved prefix alias with JSON parsing (every key would inherit it)', input: 'GITHUB_TOKEN,prod/db', json: true, message: "Input 'secret-ids', line 1 'GITHUB_TOKEN,prod/db': the alias 'GITHUB_TOKEN' is refused: it starts with the reserved prefix 'GITHUB_'." },
    { name: 'a reserved alias for a prefix reference', input: 'BASH_ENV,prod/*', json: false, message: `Input 'secret-ids', line 1 'BASH_ENV,prod/*': the alias 'BASH_ENV' is refused: ${RESERVED_LIST}.` },
  ])('refuses $name', ({ input, json, message }) => {
    const error = thrown(() => { assertAliasesAllowed(parseSecretReferences(input, 'uppercase'), json); });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', message);
  });

  it.each([
    { name: 'an exact reserved name with JSON parsing, which then only prefixes keys (PATH_KEY)', input: 'PATH,prod/db', json: true },
    { name: 'the blank alias', input: ',prod/db', json: false },
    { name: 'a path alias, which only prefixes names', input: 'PATH,ssm:/app/*', json: false },
    { name: 'an ordinary alias', input: 'DB_PASSWORD,prod/db', json: false },
  ])('leaves $name to the plan', ({ input, json }) => {
    expect(() => { assertAliasesAllowed(parseSecretReferences(input, 'uppercase'), json); }).not.toThrow();
  });
});
