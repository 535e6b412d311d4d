import { describe, expect, it } from 'vitest';
import { isValidAlias, reasonToRefuseEnvName, toEnvName, type NameTransformation } from './env-names.js';

const INVALID = 'it is not a valid environment variable name (expected letters, digits and _, not starting with a digit)';
const RESERVED = 'it is reserved (NODE_OPTIONS, BASH_ENV, ENV, PATH, HOME would change how later steps or the runner behave)';

describe('toEnvName', () => {
  it.each<{ name: string; input: string; transformation: NameTransformation; expected: string }>([
    { name: 'replaces a slash with _', input: 'test/secret', transformation: 'uppercase', expected: 'TEST_SECRET' },
    { name: 'puts _ before a leading digit', input: '0/test/secret', transformation: 'uppercase', expected: '_0_TEST_SECRET' },
    { name: 'turns a leading slash into _', input: '/prod/example/secret', transformation: 'uppercase', expected: '_PROD_EXAMPLE_SECRET' },
    { name: 'replaces -, . and @ with _', input: 'my-app.db@prod', transformation: 'uppercase', expected: 'MY_APP_DB_PROD' },
    { name: 'replaces + and = with _', input: 'a+b=c', transformation: 'uppercase', expected: 'A_B_C' },
    { name: 'keeps _ and digits', input: 'db_2', transformation: 'uppercase', expected: 'DB_2' },
    { name: 'lower-cases under lowercase', input: 'Prod/My-App', transformation: 'lowercase', expected: 'prod_my_app' },
    { name: 'keeps the case under none', input: 'Prod/My-App', transformation: 'none', expected: 'Prod_My_App' },
    { name: 'puts _ before a leading digit under none', input: '1key', transformation: 'none', expected: '_1key' },
    { name: 'replaces a newline with _', input: 'a\nb', transformation: 'uppercase', expected: 'A_B' },
    { name: 'leaves the empty string empty', input: '', transformation: 'uppercase', expected: '' },
  ])('$name: $input → $expected', ({ input, transformation, expected }) => {
    expect(toEnvName(input, transformation)).toBe(expected);
  });
});

describe('isValidAlias', () => {
  it.each<{ alias: string; transformation: NameTransformation; expected: boolean }>([
    { alias: 'DB_PASSWORD', transformation: 'uppercase', expected: true },
    { alias: '_1ABC', transformation: 'uppercase', expected: true },
    { alias: 'db_password', transformation: 'uppercase', expected: false },
    { alias: 'Db_Password', transformation: 'uppercase', expected: false },
    { alias: 'db_password', transformation: 'lowercase', expected: true },
    { alias: 'DB_PASSWORD', transformation: 'lowercase', expected: false },
    { alias: 'Db_Password', transformation: 'none', expected: true },
    { alias: '1ABC', transformation: 'uppercase', expected: false },
    { alias: '1abc', transformation: 'none', expected: false },
    { alias: 'MY-VAR', transformation: 'uppercase', expected: false },
    { alias: 'MY VAR', transformation: 'none', expected: false },
    { alias: '', transformation: 'uppercase', expected: false },
    { alias: '', transformation: 'none', expected: false },
  ])('says $expected for $alias under $transformation', ({ alias, transformation, expected }) => {
    expect(isValidAlias(alias, transformation)).toBe(expected);
  });
});

describe('reasonToRefuseEnvName', () => {
  it.each<{ name: string; expected: string }>([
    { name: 'NODE_OPTIONS', expected: RESERVED },
    { name: 'BASH_ENV', expected: RESERVED },
    { name: 'ENV', expected: RESERVED },
    { name: 'PATH', expected: RESERVED },
    { name: 'Path', expected: RESERVED },
    { name: 'HOME', expected: RESERVED },
    { name: 'node_options', expected: RESERVED },
    { name: 'LD_PRELOAD', expected: "it starts with the reserved prefix 'LD_'" },
    { name: 'ld_preload', expected: "it starts with the reserved prefix 'LD_'" },
    { name: 'DYLD_INSERT_LIBRARIES', expected: "it starts with the reserved prefix 'DYLD_'" },
    { name: 'GITHUB_TOKEN', expected: "it starts with the reserved prefix 'GITHUB_'" },
    { name: 'GITHUB_', expected: "it starts with the reserved prefix 'GITHUB_'" },
    { name: 'RUNNER_TEMP', expected: "it starts with the reserved prefix 'RUNNER_'" },
    { name: 'ACTIONS_RUNTIME_TOKEN', expected: "it starts with the reserved prefix 'ACTIONS_'" },
    { name: 'actions_allow_unsecure_commands', expected: "it starts with the reserved prefix 'ACTIONS_'" },
    { name: 'INPUT_X', expected: "it starts with the reserved prefix 'INPUT_'" },
    { name: 'STATE_X', expected: "it starts with the reserved prefix 'STATE_'" },
  ])('refuses the reserved name $name', ({ name, expected }) => {
    expect(reasonToRefuseEnvName(name)).toBe(expected);
  });

  it.each([
    { name: 'a leading digit', input: '1ABC' },
    { name: 'a hyphen', input: 'A-B' },
    { name: 'an equals sign', input: 'A=B' },
    { name: 'a newline', input: 'A\nB' },
    { name: 'a trailing newline', input: 'AB\n' },
    { name: 'a space', input: 'A B' },
    { name: 'a non-ASCII letter', input: 'CAFÉ' },
    { name: 'nothing at all', input: '' },
  ])('refuses a name with $name', ({ input }) => {
    expect(reasonToRefuseEnvName(input)).toBe(INVALID);
  });

  it.each(['DB_PASSWORD', '_X', '_', 'x1', 'GITHUBX', 'GITHUB', 'LD', 'ENVIRONMENT', 'PATHS', 'MY_HOME', 'HOMEPAGE', 'RUNNER'])(
    'accepts %s',
    (name) => {
      expect(reasonToRefuseEnvName(name)).toBeUndefined();
    },
  );
});
