import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
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
    expect(result.commands.map((command) => command.command)).toEqual(['error']);
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
    expect(result.commands.map((command) => command.command)).toEqual(['error']);
    expect(h.proxy.calls).toEqual([]);
    expect(h.oidc.requests).toEqual([]);
    expect(result.env).toEqual({});
    expect(result.state).toEqual({});
    expect(readdirSync(workspace).sort()).toEqual(before);
    if (before.includes('real.env')) expect(readFileSync(join(workspace, 'real.env'), 'utf8')).toBe('keep me');
    h.expectNoLeaks(result);
  });
});
