import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecrets, runAction, type StepResult } from '@aws-secrets-actions/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_DIR, failureMessage, useHarness, withRole } from './harness.js';

const h = useHarness();

const EXPECTED_REFERENCE =
  'expected [ALIAS,]SECRET[?stage=STAGE|?version=ID][#KEY|#/POINTER] (SECRET a secret name or ARN), [ALIAS,]PREFIX*, ' +
  '[ALIAS,]ssm:NAME[:VERSION|:LABEL][#KEY] or [ALIAS,]ssm:/PATH/*';
const BAD_NAME = 'a secret name may only contain letters, digits and /_+=.@- (at most 512 characters)';
const BOOLEANS = 'one of true, True, TRUE, false, False, FALSE';

interface RefusedCase {
  readonly name: string;
  readonly inputs: Record<string, string>;
  readonly message: string;
}

/** Inputs refused before any AWS call: one clear error naming the input, quoting the line neutralised. */
const refused: RefusedCase[] = [
  // Secret names the service cannot hold
  { name: 'a secret name with ::', inputs: { 'secret-ids': 'prod::db' }, message: `Input 'secret-ids', line 1 'prod::db': ${BAD_NAME}.` },
  { name: 'a line that is a workflow command', inputs: { 'secret-ids': '::add-mask::x' }, message: `Input 'secret-ids', line 1 '\\::add-mask::x': ${BAD_NAME}.` },
  { name: 'a secret name with %', inputs: { 'secret-ids': 'prod/100%' }, message: `Input 'secret-ids', line 1 'prod/100%': ${BAD_NAME}.` },
  { name: 'a secret name with %0A', inputs: { 'secret-ids': 'prod/db%0A::warning::x' }, message: `Input 'secret-ids', line 1 'prod/db%0A::warning::x': ${BAD_NAME}.` },
  { name: 'a secret name with <<', inputs: { 'secret-ids': 'prod/db<<EOF' }, message: `Input 'secret-ids', line 1 'prod/db<<EOF': ${BAD_NAME}.` },
  { name: 'a Unicode secret name', inputs: { 'secret-ids': 'prod/ключ' }, message: `Input 'secret-ids', line 1 'prod/ключ': ${BAD_NAME}.` },
  { name: 'an emoji secret name', inputs: { 'secret-ids': 'prod/🔑' }, message: `Input 'secret-ids', line 1 'prod/🔑': ${BAD_NAME}.` },
  { name: 'a 1 000-character secret name', inputs: { 'secret-ids': 'n'.repeat(1000) }, message: `Input 'secret-ids', line 1 '${'n'.repeat(1000)}': ${BAD_NAME}.` },
  // References
  { name: 'a space inside a secret name', inputs: { 'secret-ids': 'prod/my db' }, message: `Input 'secret-ids', line 1 'prod/my db': ${BAD_NAME}.` },
  { name: 'a trailing comma', inputs: { 'secret-ids': 'prod/db,' }, message: `Input 'secret-ids', line 1 'prod/db,': nothing follows the comma (a trailing comma?); ${EXPECTED_REFERENCE}.` },
  { name: 'an alias and a trailing comma', inputs: { 'secret-ids': 'DB,prod/db,' }, message: `Input 'secret-ids', line 1 'DB,prod/db,': more than one comma; ${EXPECTED_REFERENCE}.` },
  { name: 'a lone comma', inputs: { 'secret-ids': ',' }, message: `Input 'secret-ids', line 1 ',': the secret is missing; ${EXPECTED_REFERENCE}.` },
  { name: '?stage= twice (with ?)', inputs: { 'secret-ids': 'prod/db?stage=AWSCURRENT?stage=AWSPREVIOUS' }, message: `Input 'secret-ids', line 1 'prod/db?stage=AWSCURRENT?stage=AWSPREVIOUS': after ? give exactly one of stage=STAGE or version=VERSION_ID; got '?stage=AWSCURRENT?stage=AWSPREVIOUS'.` },
  { name: '?stage= twice (with &)', inputs: { 'secret-ids': 'prod/db?stage=AWSCURRENT&stage=AWSPREVIOUS' }, message: `Input 'secret-ids', line 1 'prod/db?stage=AWSCURRENT&stage=AWSPREVIOUS': after ? give exactly one of stage=STAGE or version=VERSION_ID; got '?stage=AWSCURRENT&stage=AWSPREVIOUS'.` },
  { name: '?stage= and &version= together', inputs: { 'secret-ids': 'prod/db?stage=AWSCURRENT&version=0123456789abcdef0123456789abcdef' }, message: `Input 'secret-ids', line 1 'prod/db?stage=AWSCURRENT&version=0123456789abcdef0123456789abcdef': after ? give exactly one of stage=STAGE or version=VERSION_ID; got '?stage=AWSCURRENT&version=0123456789abcdef0123456789abcdef'.` },
  { name: 'an empty ?stage=', inputs: { 'secret-ids': 'prod/db?stage=' }, message: `Input 'secret-ids', line 1 'prod/db?stage=': ?stage= needs a staging label such as AWSPREVIOUS; got ''.` },
  { name: 'an empty #', inputs: { 'secret-ids': 'prod/db#' }, message: `Input 'secret-ids', line 1 'prod/db#': the key after # must be a JSON key (#password) or a JSON Pointer (#/db/password); got '#'.` },
  { name: 'an empty # after an alias', inputs: { 'secret-ids': 'DB,prod/db#' }, message: `Input 'secret-ids', line 1 'DB,prod/db#': the key after # must be a JSON key (#password) or a JSON Pointer (#/db/password); got '#'.` },
  { name: 'a * in the middle with a stage', inputs: { 'secret-ids': 'prod/*/db?stage=AWSCURRENT' }, message: `Input 'secret-ids', line 1 'prod/*/db?stage=AWSCURRENT': a prefix must be a secret name prefix followed by a single * at the end, such as prod/app/*.` },
  { name: 'two * in a prefix', inputs: { 'secret-ids': 'prod/**' }, message: `Input 'secret-ids', line 1 'prod/**': a prefix must be a secret name prefix followed by a single * at the end, such as prod/app/*.` },
  { name: 'an alias with a hyphen', inputs: { 'secret-ids': 'my-db,prod/db' }, message: `Input 'secret-ids', line 1 'my-db,prod/db': the alias 'my-db' is not a valid environment variable name under name-transformation 'uppercase' (did you mean 'MY_DB'?).` },
  { name: 'an alias starting with a digit', inputs: { 'secret-ids': '1DB,prod/db' }, message: `Input 'secret-ids', line 1 '1DB,prod/db': the alias '1DB' is not a valid environment variable name under name-transformation 'uppercase' (did you mean '_1DB'?).` },
  { name: 'an alias with a space', inputs: { 'secret-ids': 'DB PASSWORD,prod/db' }, message: `Input 'secret-ids', line 1 'DB PASSWORD,prod/db': the alias 'DB PASSWORD' is not a valid environment variable name under name-transformation 'uppercase' (did you mean 'DB_PASSWORD'?).` },
  { name: 'a Unicode alias', inputs: { 'secret-ids': 'КЛЮЧ,prod/db' }, message: `Input 'secret-ids', line 1 'КЛЮЧ,prod/db': the alias 'КЛЮЧ' is not a valid environment variable name under name-transformation 'uppercase' (letters, digits and _, not starting with a digit).` },
  { name: 'an alias that is a workflow command', inputs: { 'secret-ids': '::error::x,prod/db' }, message: `Input 'secret-ids', line 1 '\\::error::x,prod/db': the alias '\\::error::x' is not a valid environment variable name under name-transformation 'uppercase' (did you mean '__ERROR__X'?).` },
  // Parameter Store references
  { name: 'a Unicode parameter name', inputs: { 'secret-ids': 'ssm:/app/ключ' }, message: `Input 'secret-ids', line 1 'ssm:/app/ключ': a parameter name may only contain letters, digits and _.-/ (a path ends with /*, such as ssm:/app/prod/*).` },
  { name: 'a parameter name with ::', inputs: { 'secret-ids': 'ssm:/app/a::b' }, message: `Input 'secret-ids', line 1 'ssm:/app/a::b': a parameter name may only contain letters, digits and _.-/ (a path ends with /*, such as ssm:/app/prod/*).` },
  { name: 'a * in the middle of a parameter path', inputs: { 'secret-ids': 'ssm:/app/*/x' }, message: `Input 'secret-ids', line 1 'ssm:/app/*/x': a parameter name may only contain letters, digits and _.-/ (a path ends with /*, such as ssm:/app/prod/*).` },
  { name: 'an empty parameter selector', inputs: { 'secret-ids': 'ssm:/app/db:' }, message: "Input 'secret-ids', line 1 'ssm:/app/db:': after : give a parameter version (a number) or a label; got ':'." },
  { name: 'a #key after a parameter path', inputs: { 'secret-ids': 'DB,ssm:/app/*#key' }, message: "Input 'secret-ids', line 1 'DB,ssm:/app/*#key': a #key selects inside one value; it cannot follow a prefix or a path." },
  // Booleans: only the YAML 1.2 core schema set
  { name: 'parse-json-secrets: 1', inputs: { 'secret-ids': 'prod/db', 'parse-json-secrets': '1' }, message: `Input 'parse-json-secrets' must be a boolean: ${BOOLEANS}; got '1'.` },
  { name: 'export-env: yes', inputs: { 'secret-ids': 'prod/db', 'export-env': 'yes' }, message: `Input 'export-env' must be a boolean: ${BOOLEANS}; got 'yes'.` },
  { name: 'set-outputs: on', inputs: { 'secret-ids': 'prod/db', 'set-outputs': 'on' }, message: `Input 'set-outputs' must be a boolean: ${BOOLEANS}; got 'on'.` },
  { name: 'export-credentials: 0', inputs: { 'secret-ids': 'prod/db', 'export-credentials': '0' }, message: `Input 'export-credentials' must be a boolean: ${BOOLEANS}; got '0'.` },
  { name: 'parse-json-secrets: tRuE', inputs: { 'secret-ids': 'prod/db', 'parse-json-secrets': 'tRuE' }, message: `Input 'parse-json-secrets' must be a boolean: ${BOOLEANS}; got 'tRuE'.` },
  // Numbers
  { name: 'a negative auto-select-family-attempt-timeout', inputs: { 'secret-ids': 'prod/db', 'auto-select-family-attempt-timeout': '-5' }, message: `Input 'auto-select-family-attempt-timeout' must be a whole number from 10 to 600000; got '-5'.` },
  { name: 'a huge auto-select-family-attempt-timeout', inputs: { 'secret-ids': 'prod/db', 'auto-select-family-attempt-timeout': '99999999999999999999' }, message: `Input 'auto-select-family-attempt-timeout' must be from 10 to 600000; got 99999999999999999999.` },
  { name: 'auto-select-family-attempt-timeout in exponent form', inputs: { 'secret-ids': 'prod/db', 'auto-select-family-attempt-timeout': '1e3' }, message: `Input 'auto-select-family-attempt-timeout' must be a whole number from 10 to 600000; got '1e3'.` },
  { name: 'a fractional auto-select-family-attempt-timeout', inputs: { 'secret-ids': 'prod/db', 'auto-select-family-attempt-timeout': '250.5' }, message: `Input 'auto-select-family-attempt-timeout' must be a whole number from 10 to 600000; got '250.5'.` },
  { name: 'a negative role-duration-seconds', inputs: { 'secret-ids': 'prod/db', 'role-duration-seconds': '-900' }, message: `Input 'role-duration-seconds' must be a whole number from 900 to 43200; got '-900'.` },
  { name: 'a huge role-duration-seconds', inputs: { 'secret-ids': 'prod/db', 'role-duration-seconds': '99999999999999999999' }, message: `Input 'role-duration-seconds' must be from 900 to 43200; got 99999999999999999999.` },
  { name: 'a role-duration-seconds that is not a number', inputs: { 'secret-ids': 'prod/db', 'role-duration-seconds': 'one hour' }, message: `Input 'role-duration-seconds' must be a whole number from 900 to 43200; got 'one hour'.` },
  // Enums
  { name: 'on-missing: maybe', inputs: { 'secret-ids': 'prod/db', 'on-missing': 'maybe' }, message: `Input 'on-missing' must be one of fail, warn, skip; got 'maybe'.` },
  { name: 'name-transformation: kebab', inputs: { 'secret-ids': 'prod/db', 'name-transformation': 'kebab' }, message: `Input 'name-transformation' must be one of uppercase, lowercase, none; got 'kebab'.` },
  { name: 'name-transformation: UPPERCASE', inputs: { 'secret-ids': 'prod/db', 'name-transformation': 'UPPERCASE' }, message: `Input 'name-transformation' must be one of uppercase, lowercase, none; got 'UPPERCASE'.` },
];

describe('get-secrets hostile inputs refused before any AWS call', () => {
  it.each(refused)('refuses $name', async ({ inputs, message }) => {
    const result = await h.run(withRole(inputs));

    expect(failureMessage(result)).toBe(`get-secrets: ${message}`);
    expect(result.exitCode).toBe(1);
    // Debug lines (the leak-hunt pass prints the error's details) aside, the error is the only command.
    expect(result.commands.map((command) => command.command).filter((command) => command !== 'debug')).toEqual(['error']);
    expect(h.proxy.calls).toEqual([]);
    expect(h.oidc.requests).toEqual([]);
    expect(result.env).toEqual({});
    expect(result.outputs).toEqual({});
    h.expectNoLeaks(result);
  });
});

/** A fresh workspace with `setup` applied; returned as its real path (tmpdir may be a link). */
function workspaceWith(setup: (dir: string) => void = () => undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'gs-hostile-ws-'));
  setup(dir);
  return dir;
}

const OUTSIDE_ROOTS = 'it must be inside the workspace (GITHUB_WORKSPACE) or the runner temp dir (RUNNER_TEMP)';
const EXISTS = 'the file already exists (or is a link); give a path to a new file';

describe('get-secrets env-file paths refused before any AWS call', () => {
  it.each([
    {
      name: 'a symlink to a file inside the workspace',
      setup: (dir: string) => {
        writeFileSync(join(dir, 'real.env'), 'keep me');
        symlinkSync(join(dir, 'real.env'), join(dir, 'link.env'));
      },
      path: 'link.env',
      problem: EXISTS,
    },
    {
      name: 'a symlink to an existing file outside the workspace',
      setup: (dir: string) => {
        symlinkSync('/etc/hostname', join(dir, 'link.env'));
      },
      path: 'link.env',
      problem: EXISTS,
    },
    {
      name: 'a file under a symlinked directory that leads outside the workspace',
      setup: (dir: string) => {
        symlinkSync(mkdtempSync(join(tmpdir(), 'gs-hostile-outside-')), join(dir, 'out'));
      },
      path: 'out/secrets.env',
      problem: OUTSIDE_ROOTS,
    },
    { name: 'a relative path that climbs out of the workspace', setup: () => undefined, path: '../escaped.env', problem: OUTSIDE_ROOTS },
    { name: 'an existing file outside the workspace', setup: () => undefined, path: '/etc/hostname', problem: EXISTS },
    {
      name: 'an existing file in the workspace',
      setup: (dir: string) => {
        writeFileSync(join(dir, '.env'), 'keep me');
      },
      path: '.env',
      problem: EXISTS,
    },
    {
      name: 'a directory',
      setup: (dir: string) => {
        mkdirSync(join(dir, 'secrets'));
      },
      path: 'secrets',
      problem: 'it is a directory; give a path to a new file',
    },
    { name: 'the workspace itself', setup: () => undefined, path: '.', problem: 'it is a directory; give a path to a new file' },
    { name: 'a path that is a workflow command', setup: () => undefined, path: '::warning::x/y.env', problem: 'its directory does not exist' },
  ])('refuses an env-file that is $name', async ({ setup, path, problem }) => {
    const workspace = workspaceWith(setup);
    const before = readdirSync(workspace).sort();
    const result = await runAction({
      actionDir: ACTION_DIR,
      workspace,
      inputs: withRole({ 'secret-ids': 'prod/db', 'env-file': path }),
      env: { ...h.oidc.env(), AWS_ENDPOINT_URL: h.proxy.endpoint },
    });

    const quoted = path.startsWith('::') ? `\\${path}` : path;
    expect(failureMessage(result)).toBe(`get-secrets: Input 'env-file' '${quoted}': ${problem}.`);
    expect(result.commands.map((command) => command.command).filter((command) => command !== 'debug')).toEqual(['error']);
    expect(h.proxy.calls).toEqual([]);
    expect(h.oidc.requests).toEqual([]);
    expect(result.env).toEqual({});
    expect(result.state).toEqual({});
    expect(readdirSync(workspace).sort()).toEqual(before);
    if (before.includes('real.env')) expect(readFileSync(join(workspace, 'real.env'), 'utf8')).toBe('keep me');
    h.expectNoLeaks(result);
  });
});

/** The env-name prefix a test's secret-name prefix produces (`e2e-1a2b3c4d/` → `E2E_1A2B3C4D_`). */
function envBase(prefix: string): string {
  return prefix.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
}

/** The workflow commands a step issued, other than masks and the token request's debug line. */
function visibleCommands(result: StepResult): string[] {
  return result.commands.map((command) => command.command).filter((command) => command !== 'add-mask' && command !== 'debug');
}

/** JSON keys a secret may hold, and the exact name each gets under alias `J` (uppercase). */
const HOSTILE_KEYS: ReadonlyArray<{ readonly name: string; readonly key: string; readonly env: string }> = [
  { name: '::', key: 'a::b', env: 'J_A__B' },
  { name: 'a workflow command', key: '::set-env name=X::y', env: 'J___SET_ENV_NAME_X__Y' },
  { name: '%', key: '100%', env: 'J_100_' },
  { name: '%0A', key: 'x%0Ay', env: 'J_X_0AY' },
  { name: 'a newline', key: 'line\nbreak', env: 'J_LINE_BREAK' },
  { name: 'a CR', key: 'car\rriage', env: 'J_CAR_RIAGE' },
  { name: '<<', key: '<<EOF', env: 'J___EOF' },
  { name: 'the ghadelimiter_ prefix', key: 'ghadelimiter_5f1b', env: 'J_GHADELIMITER_5F1B' },
  // Each UTF-16 code unit outside [A-Za-z0-9_] becomes one _, as in the official action: ключ is 4, 🔑 is 2.
  { name: 'Cyrillic', key: 'ключ', env: 'J_____' },
  { name: 'an emoji', key: '🔑key', env: 'J___KEY' },
  { name: '1 000 characters', key: 'k'.repeat(1000), env: `J_${'K'.repeat(1000)}` },
];

describe('get-secrets names hostile JSON keys by the grammar', () => {
  let result: StepResult;
  let calls: Record<string, number>;
  let secretName: string;
  const valueOf = (key: string): string => `key-value-${HOSTILE_KEYS.findIndex((item) => item.key === key)}-c4`;

  beforeAll(async () => {
    secretName = `${h.prefix}keys`;
    await h.seed([{ name: secretName, value: JSON.stringify(Object.fromEntries(HOSTILE_KEYS.map(({ key }) => [key, valueOf(key)]))) }]);
    h.proxy.resetCounts();
    result = await h.run(withRole({ 'secret-ids': `J,${secretName}`, 'parse-json-secrets': 'true' }));
    calls = h.proxy.counts();
  });

  it.each(HOSTILE_KEYS)('exports the key with $name as $env', ({ key, env }) => {
    expect(result.env[env]).toBe(valueOf(key));
  });

  it('exports exactly those names from one fetch, every value masked, nothing leaked', () => {
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(Object.keys(result.env).sort()).toEqual(HOSTILE_KEYS.map(({ env }) => env).sort());
    expect(result.masks).toEqual(expect.arrayContaining(HOSTILE_KEYS.map(({ key }) => valueOf(key))));
    expect(calls).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 1 });
    // The keys reach the log only in the audit lines, neutralised: no line of them issues a command.
    expect(visibleCommands(result)).toEqual([]);
    h.expectNoLeaks(result, HOSTILE_KEYS.map(({ key }) => valueOf(key)));
  });
});

describe('get-secrets refuses hostile JSON keys that collide, quoting them neutralised', () => {
  it('names both keys, the newline shown as \\n, and exports nothing', async () => {
    const name = `${h.prefix}collide`;
    await h.seed([{ name, value: JSON.stringify({ 'a\n::warning::pwned': 'first-value-d5', A___WARNING__PWNED: 'second-value-d5' }) }]);
    const result = await h.run(withRole({ 'secret-ids': `,${name}`, 'parse-json-secrets': 'true' }));

    expect(failureMessage(result)).toBe(
      `get-secrets: Two values would set 'A___WARNING__PWNED': reference ',${name}' (secret '${name}' key 'a\\n::warning::pwned') and reference ',${name}' (secret '${name}' key 'A___WARNING__PWNED'). Use aliases so that each value has its own name.`,
    );
    expect(visibleCommands(result)).toEqual(['error']);
    expect(result.env).toEqual({});
    expect(result.state).toEqual({});
    h.expectNoLeaks(result, ['first-value-d5', 'second-value-d5']);
  });

  it('refuses an empty JSON key under the blank alias, which names nothing', async () => {
    const name = `${h.prefix}empty-key`;
    await h.seed([{ name, value: JSON.stringify({ '': 'empty-key-value-e6', ok: 'ok-value-e6' }) }]);
    const result = await h.run(withRole({ 'secret-ids': `,${name}`, 'parse-json-secrets': 'true' }));

    expect(failureMessage(result)).toBe(
      `get-secrets: Reference ',${name}' (secret '${name}' key '') would set '', which is refused: it is not a valid environment variable name (expected letters, digits and _, not starting with a digit). Use an alias to choose another name.`,
    );
    expect(result.env).toEqual({});
    h.expectNoLeaks(result, ['empty-key-value-e6', 'ok-value-e6']);
  });
});

/** Values that a file command, a mask or a dotenv file could mangle; each under its own alias. */
const HOSTILE_VALUES: ReadonlyArray<{ readonly name: string; readonly alias: string; readonly value: string }> = [
  { name: 'CR LF', alias: 'V_CRLF', value: 'crlf-one-f7\r\ncrlf-two-f7' },
  { name: 'a lone CR', alias: 'V_CR', value: 'cr-one-f7\rcr-two-f7' },
  { name: 'LF then CR', alias: 'V_LFCR', value: 'lfcr-one-f7\n\rlfcr-two-f7' },
  { name: 'control bytes next to NUL (0x01, 0x1f, 0x7f)', alias: 'V_CTRL', value: '\u0001ctl-f7\u001fmid\u007f' },
  // 32 768 two-byte characters: exactly Secrets Manager's 65 536-byte limit.
  { name: 'exactly 64 KiB', alias: 'V_64KIB', value: 'é'.repeat(32_768) },
  { name: 'a trailing newline', alias: 'V_TRAILING', value: 'trailing-f7\n' },
  { name: 'a forged ghadelimiter_ heredoc', alias: 'V_DELIM', value: 'ghadelimiter_f7\nINJECTED=1\nghadelimiter_f7' },
  { name: 'a workflow command', alias: 'V_COMMAND', value: '::set-env name=PWNED_F7::y' },
  { name: 'escaped command bytes', alias: 'V_ESCAPES', value: '%0A::error::f7%25%0D' },
  { name: 'a heredoc opener', alias: 'V_HEREDOC', value: 'X_F7<<EOF' },
];

describe('get-secrets delivers hostile values byte for byte', () => {
  let result: StepResult;
  let calls: Record<string, number>;
  let workspace: string;

  beforeAll(async () => {
    const secrets = HOSTILE_VALUES.map(({ alias, value }) => ({ name: `${h.prefix}${alias.toLowerCase()}`, value }));
    await h.seed(secrets);
    workspace = workspaceWith();
    h.proxy.resetCounts();
    result = await runAction({
      actionDir: ACTION_DIR,
      workspace,
      inputs: withRole({
        'secret-ids': HOSTILE_VALUES.map(({ alias }) => `${alias},${h.prefix}${alias.toLowerCase()}`).join('\n'),
        'set-outputs': 'true',
        'env-file': 'secrets.env',
      }),
      env: { ...h.oidc.env(), AWS_ENDPOINT_URL: h.proxy.endpoint },
    });
    calls = h.proxy.counts();
  });

  it.each(HOSTILE_VALUES)('exports, outputs and writes a value with $name unchanged, masked line by line', ({ alias, value }) => {
    expect(result.exitCode).toBe(0);
    expect(result.env[alias]).toBe(value);
    expect(result.outputs[alias]).toBe(value);
    const readBack = execFileSync('sh', ['-c', `set -a; . "$1"; node -e 'process.stdout.write(JSON.stringify(process.env.${alias}))'`, 'sh', join(workspace, 'secrets.env')], {
      env: { PATH: process.env['PATH'] },
    }).toString('utf8');
    expect(JSON.parse(readBack)).toBe(value);
    const lines = value.split(/\r?\n|\r/).map((line) => line.trim()).filter((line) => line !== '');
    expect(result.masks).toEqual(expect.arrayContaining([value, ...lines]));
    h.expectNoLeaks(result);
  });

  it('exports exactly those names, issues no command but masks, and fetches once', () => {
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.env).sort()).toEqual(HOSTILE_VALUES.map(({ alias }) => alias).sort());
    expect(result.env).not.toHaveProperty('INJECTED');
    expect(result.env).not.toHaveProperty('PWNED_F7');
    expect(visibleCommands(result)).toEqual([]);
    expect(calls).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 1 });
  });
});

describe('get-secrets values the service or the runner cannot carry', () => {
  it('exports a value equal to its own env name, masked (so the name shows as *** in later logs)', async () => {
    // Seeded around the harness: this value is also a name, so the leak check of other cases must not look for it.
    const name = `${h.prefix}self`;
    const envName = `${envBase(h.prefix)}SELF`;
    await createSecrets(h.motoEndpoint, [{ name, value: envName }]);
    const result = await h.run(withRole({ 'secret-ids': name }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ [envName]: envName });
    expect(result.masks).toContain(envName);
    // The name is printed in the audit line after the mask, so the job log shows *** in its place.
    expect(result.log).toContain(`*** ← ${name} @ `);
    h.expectNoLeaks(result);
  });

  it('refuses a NUL byte in a value, which no environment variable can hold', async () => {
    const name = `${h.prefix}nul`;
    await h.seed([{ name, value: 'nul-before-a8\u0000nul-after-a8' }]);
    const result = await h.run(withRole({ 'secret-ids': `NUL,${name}` }));

    // moto stores the NUL (JSON carries it as \u0000; AWS documents SecretString as any text up to 64 KiB).
    expect(failureMessage(result)).toBe(
      `get-secrets: Reference 'NUL,${name}' (secret '${name}') has a NUL byte in the value for 'NUL', which no environment variable, output or shell file can hold; store the value base64-encoded (for a binary secret, set 'binary-encoding' to base64 or hex).`,
    );
    expect(result.env).toEqual({});
    expect(result.state).toEqual({});
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 1 });
    h.expectNoLeaks(result, ['nul-before-a8', 'nul-after-a8']);
  });
});

describe('get-secrets reads references and booleans written loosely but unambiguously', () => {
  it.each([
    { name: 'spaces around a reference', line: (p: string) => `   ${p}spaced   `, env: (p: string) => `${envBase(p)}SPACED` },
    { name: 'spaces around the alias comma', line: (p: string) => `  SPACED_ALIAS  ,  ${p}spaced  `, env: () => 'SPACED_ALIAS' },
    { name: 'a tab before the reference', line: (p: string) => `\t${p}spaced`, env: (p: string) => `${envBase(p)}SPACED` },
    { name: 'a secret named with the ghadelimiter_ prefix', line: (p: string) => `${p}ghadelimiter_9a`, env: (p: string) => `${envBase(p)}GHADELIMITER_9A`, secret: 'ghadelimiter_9a' },
    { name: 'a CRLF line ending', line: (p: string) => `CRLF_LINE,${p}spaced\r`, env: () => 'CRLF_LINE' },
  ])('reads $name', async ({ line, env, secret = 'spaced' }) => {
    const p = h.prefix;
    await h.seed([{ name: `${p}${secret}`, value: `loose-value-b9-${secret}` }]);
    const result = await h.run(withRole({ 'secret-ids': `${line(p)}\nOTHER,${p}${secret}` }));

    expect(result.errors).toEqual([]);
    expect(result.env).toEqual({ [env(p)]: `loose-value-b9-${secret}`, OTHER: `loose-value-b9-${secret}` });
    h.expectNoLeaks(result);
  });

  it.each([
    { raw: 'TRUE ', expected: { J_K: 'bool-value-c0' }, leaves: ['bool-value-c0'] },
    { raw: ' True', expected: { J_K: 'bool-value-c0' }, leaves: ['bool-value-c0'] },
    // Kept whole: the whole value is what is masked and checked.
    { raw: 'FALSE', expected: { J: '{"k":"bool-value-c0"}' }, leaves: [] },
  ])("reads parse-json-secrets '$raw' as @actions/core's getBooleanInput does (trimmed)", async ({ raw, expected, leaves }) => {
    const name = `${h.prefix}bool`;
    await h.seed([{ name, value: '{"k":"bool-value-c0"}' }]);
    const result = await h.run(withRole({ 'secret-ids': `J,${name}`, 'parse-json-secrets': raw }));

    expect(result.errors).toEqual([]);
    expect(result.env).toEqual(expected);
    h.expectNoLeaks(result, leaves);
  });
});

describe('get-secrets env-file paths that are allowed', () => {
  it('writes through a symlinked directory that stays inside the workspace, to the real path', async () => {
    const name = `${h.prefix}file`;
    await h.seed([{ name, value: 'file-value-d1' }]);
    const workspace = realpathSync(workspaceWith((dir) => {
      mkdirSync(join(dir, 'real'));
      symlinkSync(join(dir, 'real'), join(dir, 'linked'));
    }));
    const result = await runAction({
      actionDir: ACTION_DIR,
      workspace,
      inputs: withRole({ 'secret-ids': `F,${name}`, 'env-file': 'linked/secrets.env', 'export-env': 'false' }),
      env: { ...h.oidc.env(), AWS_ENDPOINT_URL: h.proxy.endpoint },
    });

    expect(result.errors).toEqual([]);
    expect(readFileSync(join(workspace, 'real', 'secrets.env'), 'utf8')).toBe("F='file-value-d1'\n");
    expect(result.state).toEqual({ 'exported-names': '[]', 'env-file': join(workspace, 'real', 'secrets.env') });
    h.expectNoLeaks(result);
  });

  it('writes to an absolute path in RUNNER_TEMP, outside the workspace', async () => {
    const name = `${h.prefix}temp`;
    await h.seed([{ name, value: 'temp-value-d1' }]);
    const runnerTemp = realpathSync(workspaceWith());
    const result = await h.run(withRole({ 'secret-ids': `T,${name}`, 'env-file': join(runnerTemp, 'secrets.env'), 'export-env': 'false' }), {
      RUNNER_TEMP: runnerTemp,
    });

    expect(result.errors).toEqual([]);
    expect(readFileSync(join(runnerTemp, 'secrets.env'), 'utf8')).toBe("T='temp-value-d1'\n");
    h.expectNoLeaks(result);
  });

  it('exports nothing when a file appears at the env-file path while the secrets are fetched, and leaves that file alone', async () => {
    const name = `${h.prefix}race`;
    await h.seed([{ name, value: 'race-value-d1' }]);
    const workspace = realpathSync(workspaceWith());
    const planted = join(workspace, 'secrets.env');
    h.proxy.setInterceptor(({ operation }) => {
      if (operation === 'secretsmanager:BatchGetSecretValue' && !existsSync(planted)) writeFileSync(planted, 'planted by another step');
      return undefined;
    });
    const result = await runAction({
      actionDir: ACTION_DIR,
      workspace,
      inputs: withRole({ 'secret-ids': `R,${name}`, 'env-file': 'secrets.env' }),
      env: { ...h.oidc.env(), AWS_ENDPOINT_URL: h.proxy.endpoint },
    });

    expect(failureMessage(result)).toBe(
      `get-secrets: Input 'env-file': could not write '${planted}': it was created by something else while the secrets were fetched; nothing was exported.`,
    );
    expect(result.env).toEqual({});
    // No env-file state: the post step must not delete a file this step did not write.
    expect(result.state).toEqual({});
    expect(readFileSync(planted, 'utf8')).toBe('planted by another step');
    h.expectNoLeaks(result);
  });
});

describe('get-secrets reserved aliases', () => {
  it('refuses a reserved alias with JSON parsing on, when every key would inherit its prefix, before any AWS call', async () => {
    const result = await h.run(withRole({ 'secret-ids': 'LD_PRELOAD,prod/db', 'parse-json-secrets': 'true' }));

    expect(failureMessage(result)).toBe("get-secrets: Input 'secret-ids', line 1 'LD_PRELOAD,prod/db': the alias 'LD_PRELOAD' is refused: it starts with the reserved prefix 'LD_'.");
    expect(h.proxy.calls).toEqual([]);
    expect(h.oidc.requests).toEqual([]);
    h.expectNoLeaks(result);
  });

  it('lets PATH prefix the keys of a JSON object (PATH_KEY), and refuses it after the fetch for a value that is not an object', async () => {
    const p = h.prefix;
    await h.seed([
      { name: `${p}object`, value: '{"key":"path-key-value-e1"}' },
      { name: `${p}plain`, value: 'path-plain-value-e1' },
    ]);
    const ok = await h.run(withRole({ 'secret-ids': `PATH,${p}object`, 'parse-json-secrets': 'true' }));
    expect(ok.errors).toEqual([]);
    expect(ok.env).toEqual({ PATH_KEY: 'path-key-value-e1' });
    h.expectNoLeaks(ok, ['path-key-value-e1']);

    const refusedPlain = await h.run(withRole({ 'secret-ids': `PATH,${p}plain`, 'parse-json-secrets': 'true' }));
    expect(failureMessage(refusedPlain)).toBe(
      `get-secrets: Reference 'PATH,${p}plain' (secret '${p}plain') would set 'PATH', which is refused: it is reserved (NODE_OPTIONS, BASH_ENV, ENV, PATH, HOME would change how later steps or the runner behave). Use an alias to choose another name.`,
    );
    expect(refusedPlain.env).toEqual({});
    h.expectNoLeaks(refusedPlain);
  });
});
