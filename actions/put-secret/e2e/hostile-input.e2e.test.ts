import { describeParameterState, readSecretVersion, type StepResult } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { expectSuccess, failureMessage, makeWorkspace, useHarness, withRole } from './harness.js';

const h = useHarness();

const BAD_NAME = 'a secret name may only contain letters, digits and /_+=.@- (at most 512 characters); a parameter is written as ssm:NAME';
const BOOLEANS = 'one of true, True, TRUE, false, False, FALSE';

interface RefusedCase {
  readonly name: string;
  readonly inputs: Record<string, string>;
  readonly message: string;
}

const VALUE = { 'secret-string': 'hostile-value-1c' };

/** Inputs refused before any AWS call (no token asked for either): one clear error naming the input. */
const refused: RefusedCase[] = [
  // Target names the services cannot hold
  { name: 'a secret-id with ::', inputs: { 'secret-id': 'prod::db', ...VALUE }, message: `Input 'secret-id' 'prod::db': ${BAD_NAME}.` },
  { name: 'a secret-id that is a workflow command', inputs: { 'secret-id': '::add-mask::x', ...VALUE }, message: `Input 'secret-id' '\\::add-mask::x': ${BAD_NAME}.` },
  { name: 'a secret-id with %', inputs: { 'secret-id': 'prod/100%', ...VALUE }, message: `Input 'secret-id' 'prod/100%': ${BAD_NAME}.` },
  { name: 'a secret-id with %0A', inputs: { 'secret-id': 'prod/db%0A::warning::x', ...VALUE }, message: `Input 'secret-id' 'prod/db%0A::warning::x': ${BAD_NAME}.` },
  { name: 'a secret-id with a newline', inputs: { 'secret-id': 'prod/db\n::warning::x', ...VALUE }, message: `Input 'secret-id' 'prod/db\\n::warning::x': ${BAD_NAME}.` },
  { name: 'a secret-id with <<', inputs: { 'secret-id': 'prod/db<<EOF', ...VALUE }, message: `Input 'secret-id' 'prod/db<<EOF': ${BAD_NAME}.` },
  { name: 'a Unicode secret-id', inputs: { 'secret-id': 'prod/ключ', ...VALUE }, message: `Input 'secret-id' 'prod/ключ': ${BAD_NAME}.` },
  { name: 'an emoji secret-id', inputs: { 'secret-id': 'prod/🔑', ...VALUE }, message: `Input 'secret-id' 'prod/🔑': ${BAD_NAME}.` },
  { name: 'a 1 000-character secret-id', inputs: { 'secret-id': 'n'.repeat(1000), ...VALUE }, message: `Input 'secret-id' '${'n'.repeat(1000)}': ${BAD_NAME}.` },
  { name: 'a secret-id with a trailing comma', inputs: { 'secret-id': 'prod/db,', ...VALUE }, message: `Input 'secret-id' 'prod/db,': ${BAD_NAME}.` },
  { name: 'a secret-id with a *', inputs: { 'secret-id': 'prod/*/db', ...VALUE }, message: `Input 'secret-id' 'prod/*/db': ${BAD_NAME}.` },
  { name: 'a secret-id with ?stage=', inputs: { 'secret-id': 'prod/db?stage=AWSPENDING', ...VALUE }, message: `Input 'secret-id' 'prod/db?stage=AWSPENDING': ${BAD_NAME}.` },
  { name: 'a secret-id with #key', inputs: { 'secret-id': 'prod/db#password', ...VALUE }, message: `Input 'secret-id' 'prod/db#password': ${BAD_NAME}.` },
  { name: 'a parameter name with ::', inputs: { 'secret-id': 'ssm:/app/a::b', ...VALUE }, message: `Input 'secret-id' 'ssm:/app/a::b': a parameter name may only contain letters, digits and _.-/ (1 to 1011 characters).` },
  { name: 'a Unicode parameter name', inputs: { 'secret-id': 'ssm:/app/ключ', ...VALUE }, message: `Input 'secret-id' 'ssm:/app/ключ': a parameter name may only contain letters, digits and _.-/ (1 to 1011 characters).` },
  { name: 'an empty parameter name', inputs: { 'secret-id': 'ssm:', ...VALUE }, message: `Input 'secret-id' 'ssm:': a parameter name may only contain letters, digits and _.-/ (1 to 1011 characters).` },
  // Staging labels and tokens
  { name: 'a staging label with ::', inputs: { 'secret-id': 'app/key', ...VALUE, 'version-stages': '::add-mask::x' }, message: `Input 'version-stages', line 1 '\\::add-mask::x': a staging label is 1 to 256 letters, digits and _.+=@-.` },
  { name: 'a Unicode staging label', inputs: { 'secret-id': 'app/key', ...VALUE, 'version-stages': 'ЭТАП' }, message: `Input 'version-stages', line 1 'ЭТАП': a staging label is 1 to 256 letters, digits and _.+=@-.` },
  { name: 'a client-request-token with %0A', inputs: { 'secret-id': 'app/key', ...VALUE, 'client-request-token': 'release-2026-06-01-build-1234%0Aabcdef' }, message: `Input 'client-request-token' must be 32 to 64 letters, digits and -; got 'release-2026-06-01-build-1234%0Aabcdef' (38 characters).` },
  { name: 'a 1 000-character client-request-token', inputs: { 'secret-id': 'app/key', ...VALUE, 'client-request-token': 't'.repeat(1000) }, message: `Input 'client-request-token' must be 32 to 64 letters, digits and -; got '${'t'.repeat(1000)}' (1000 characters).` },
  // Values at and past the limit
  { name: 'a value of 65 537 bytes (one past 64 KiB)', inputs: { 'secret-id': 'app/key', 'secret-string': 'v'.repeat(65_537) }, message: `The value of input 'secret-string' is 65537 bytes; Secrets Manager stores at most 65536 bytes (64 KiB) per secret value.` },
  // Booleans: only the YAML 1.2 core schema set
  { name: 'create-if-missing: yes', inputs: { 'secret-id': 'app/key', ...VALUE, 'create-if-missing': 'yes' }, message: `Input 'create-if-missing' must be a boolean: ${BOOLEANS}; got 'yes'.` },
  { name: 'skip-unchanged: 1', inputs: { 'secret-id': 'app/key', ...VALUE, 'skip-unchanged': '1' }, message: `Input 'skip-unchanged' must be a boolean: ${BOOLEANS}; got '1'.` },
  { name: 'overwrite: on', inputs: { 'secret-id': 'ssm:/app/key', ...VALUE, overwrite: 'on' }, message: `Input 'overwrite' must be a boolean: ${BOOLEANS}; got 'on'.` },
  { name: 'export-credentials: Yes', inputs: { 'secret-id': 'app/key', ...VALUE, 'export-credentials': 'Yes' }, message: `Input 'export-credentials' must be a boolean: ${BOOLEANS}; got 'Yes'.` },
  // Numbers
  { name: 'a negative role-duration-seconds', inputs: { 'secret-id': 'app/key', ...VALUE, 'role-duration-seconds': '-3600' }, message: `Input 'role-duration-seconds' must be a whole number from 900 to 43200; got '-3600'.` },
  { name: 'a huge role-duration-seconds', inputs: { 'secret-id': 'app/key', ...VALUE, 'role-duration-seconds': '99999999999999999999' }, message: `Input 'role-duration-seconds' must be from 900 to 43200; got 99999999999999999999.` },
  { name: 'a role-duration-seconds that is not a number', inputs: { 'secret-id': 'app/key', ...VALUE, 'role-duration-seconds': '1h' }, message: `Input 'role-duration-seconds' must be a whole number from 900 to 43200; got '1h'.` },
  // Enums
  { name: 'parameter-tier: advanced (wrong case)', inputs: { 'secret-id': 'ssm:/app/key', ...VALUE, 'parameter-tier': 'advanced' }, message: `Input 'parameter-tier' must be one of Standard, Advanced, Intelligent-Tiering; got 'advanced'.` },
  { name: 'parameter-tier: Premium', inputs: { 'secret-id': 'ssm:/app/key', ...VALUE, 'parameter-tier': 'Premium' }, message: `Input 'parameter-tier' must be one of Standard, Advanced, Intelligent-Tiering; got 'Premium'.` },
  { name: 'parameter-type: SecretString', inputs: { 'secret-id': 'ssm:/app/key', ...VALUE, 'parameter-type': 'SecretString' }, message: `Input 'parameter-type' must be one of SecureString, String, StringList; got 'SecretString'.` },
];

describe('put-secret hostile inputs refused before any AWS call', () => {
  it.each(refused)('refuses $name', async ({ inputs, message }) => {
    const result = await h.run(withRole(inputs));

    expect(failureMessage(result)).toBe(`put-secret: ${message}`);
    expect(result.commands.map((command) => command.command).filter((command) => command !== 'add-mask' && command !== 'debug')).toEqual(['error']);
    expect(h.proxy.calls).toEqual([]);
    expect(h.oidc.requests).toEqual([]);
    expect(result.outputs).toEqual({});
    h.expectNoLeaks(result, [inputs['secret-string'] ?? '']);
  });
});

/** The workflow commands a step issued, other than masks and the token request's debug line. */
function visibleCommands(result: StepResult): string[] {
  return result.commands.map((command) => command.command).filter((command) => command !== 'add-mask' && command !== 'debug');
}

/** Values that a file command, a mask or a careless trim could mangle. */
const HOSTILE_VALUES: ReadonlyArray<{ readonly name: string; readonly value: string }> = [
  { name: 'CR LF', value: 'crlf-one-2d\r\ncrlf-two-2d' },
  { name: 'a lone CR', value: 'cr-one-2d\rcr-two-2d' },
  { name: 'control bytes next to NUL (0x01, 0x1f, 0x7f)', value: '\u0001ctl-2d\u001fmid\u007f' },
  // 32 768 two-byte characters: exactly Secrets Manager's 65 536-byte limit, accepted.
  { name: 'exactly 64 KiB', value: 'é'.repeat(32_768) },
  { name: 'a trailing newline (not trimmed)', value: 'trailing-2d\n' },
  { name: 'leading and trailing spaces (not trimmed)', value: '  spaced-2d  ' },
  { name: 'a forged ghadelimiter_ heredoc', value: 'ghadelimiter_2d\nversion-id=forged\nghadelimiter_2d' },
  { name: 'a workflow command', value: '::set-output name=changed::forged-2d' },
  { name: 'escaped command bytes', value: '%0A::error::2d%25%0D' },
  { name: 'Unicode', value: 'ключ-🔑-2d' },
];

describe('put-secret stores hostile values byte for byte', () => {
  it.each(HOSTILE_VALUES)('writes a value with $name exactly, masked line by line first', async ({ value }) => {
    const name = `${h.prefix}value`;
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': value, 'create-if-missing': 'true' }));

    expectSuccess(result);
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe(value);
    const lines = value.split(/\r?\n|\r/).map((line) => line.trim()).filter((line) => line !== '');
    expect(result.masks).toEqual(expect.arrayContaining([value, ...lines]));
    expect(result.commands[0]).toMatchObject({ command: 'add-mask' });
    expect(visibleCommands(result)).toEqual([]);
    expect(result.outputs).toEqual({ 'version-id': expect.any(String) as unknown, arn: expect.stringContaining(name) as unknown, changed: 'true' });
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:CreateSecret': 1 });
    h.expectNoLeaks(result, [value]);
  });

  it('writes a file holding a NUL byte as is (Secrets Manager and moto store it)', async () => {
    const name = `${h.prefix}nul`;
    const value = 'nul-before-3e\u0000nul-after-3e';
    const workspace = await makeWorkspace({ 'value.txt': value });
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string-file': 'value.txt', 'create-if-missing': 'true' }), {}, workspace);

    expectSuccess(result);
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe(value);
    h.expectNoLeaks(result, [value, 'nul-before-3e', 'nul-after-3e']);
  });

  it('writes a secret named with the ghadelimiter_ prefix', async () => {
    const name = `${h.prefix}ghadelimiter_3e`;
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': 'delimiter-named-3e', 'create-if-missing': 'true' }));

    expectSuccess(result);
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe('delimiter-named-3e');
    expect(result.outputs['arn']).toContain(`:secret:${name}-`);
    h.expectNoLeaks(result, ['delimiter-named-3e']);
  });

  it('writes a value equal to its own secret name, masked (so the name shows as *** in later logs)', async () => {
    const name = `${h.prefix}self-named`;
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': name, 'create-if-missing': 'true' }));

    expectSuccess(result);
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe(name);
    expect(result.masks).toContain(name);
    // The log names the secret after the mask: the job log shows *** in its place.
    expect(result.log).toContain(`Created secret '***' in us-east-1`);
    // The name is public here (it is in the arn output), so only the other values are checked.
    h.expectNoLeaks(result, []);
  });

  it("reads create-if-missing ' TRUE ' as true, as @actions/core's getBooleanInput does (trimmed)", async () => {
    const name = `${h.prefix}bool`;
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': 'bool-value-4f', 'create-if-missing': ' TRUE ' }));

    expectSuccess(result);
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe('bool-value-4f');
    h.expectNoLeaks(result, ['bool-value-4f']);
  });

  it('merges hostile JSON keys as they are, every new leaf masked', async () => {
    const name = `${h.prefix}merge`;
    await h.seed([{ name, value: '{"keep":"keep-value-5a"}' }]);
    const patch = {
      'a::b': 'colons-5a',
      'line\nbreak': 'newline-5a',
      '<<EOF': 'heredoc-5a',
      'ghadelimiter_5a': 'delimiter-5a',
      'ключ': 'cyrillic-5a',
      '🔑': 'emoji-5a',
      ['k'.repeat(1000)]: 'long-key-5a',
    };
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': JSON.stringify(patch) }));

    expectSuccess(result);
    expect(JSON.parse((await readSecretVersion(h.motoEndpoint, name)).string ?? '')).toEqual({ keep: 'keep-value-5a', ...patch });
    expect(result.masks).toEqual(expect.arrayContaining(Object.values(patch)));
    expect(visibleCommands(result)).toEqual([]);
    h.expectNoLeaks(result, Object.values(patch));
  });

  it('writes a Parameter Store value with CR LF and control bytes, exactly 4 KiB, to a Standard parameter', async () => {
    const name = `/${h.prefix}param`;
    const head = 'param-2d\r\n\u0001\u001f\u007f\r';
    const value = head + 'p'.repeat(4096 - head.length);
    const result = await h.run(withRole({ 'secret-id': `ssm:${name}`, 'secret-string': value, 'create-if-missing': 'true' }));

    expectSuccess(result);
    expect((await describeParameterState(h.motoEndpoint, name)).value).toBe(value);
    h.expectNoLeaks(result, [value]);
  });
});
