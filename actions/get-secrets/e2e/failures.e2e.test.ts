import { isLeakHunt } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { failureMessage, useHarness, withRole } from './harness.js';

const h = useHarness();

describe('get-secrets refuses, all or nothing', () => {
  it('exports nothing when one reference is missing, and names it with its reason', async () => {
    const p = h.prefix;
    await h.seed([
      { name: `${p}one`, value: 'one-value-2c' },
      { name: `${p}two`, value: 'two-value-2c' },
    ]);
    const result = await h.run(withRole({ 'secret-ids': [`ONE,${p}one`, `${p}missing`, `TWO,${p}two`].join('\n') }));

    expect(failureMessage(result)).toBe(
      [
        'get-secrets: Failed to fetch 1 reference; nothing was exported:',
        `  - '${p}missing': BatchGetSecretValue for secret '${p}missing' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
        'Things to check:',
        "  - The secret is looked up in region 'us-east-1': give its ARN or set 'aws-region' if it lives elsewhere.",
      ].join('\n'),
    );
    expect(result.exitCode).toBe(1);
    expect(result.env).toEqual({});
    expect(result.state).toEqual({});
    expect(result.masks).toEqual([h.oidc.tokensIssued.at(-1)]);
    // One batch reads all three; the missing one fails alone, and nothing is retried.
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 1 });
    h.expectNoLeaks(result);
  });

  it('lists every failed reference, in input order', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}ok`, value: 'ok-value-3d' }]);
    const result = await h.run(withRole({ 'secret-ids': [`${p}gone-a`, `OK,${p}ok`, `${p}nothing-here/*`].join('\n') }));

    const message = failureMessage(result);
    expect(message.split('\n').slice(0, 3)).toEqual([
      'get-secrets: Failed to fetch 2 references; nothing was exported:',
      `  - '${p}gone-a': BatchGetSecretValue for secret '${p}gone-a' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
      `  - '${p}nothing-here/*': no secret name starts with '${p}nothing-here/' in us-east-1`,
    ]);
    expect(result.env).toEqual({});
    h.expectNoLeaks(result);
  });

  it('refuses two references that map to one env name before exporting anything', async () => {
    const p = h.prefix;
    await h.seed([
      { name: `${p}a`, value: 'a-value-4e' },
      { name: `${p}b`, value: 'b-value-4e' },
    ]);
    const result = await h.run(withRole({ 'secret-ids': [`SAME,${p}a`, `SAME,${p}b`].join('\n') }));

    expect(failureMessage(result)).toBe(
      `get-secrets: Two values would set 'SAME': reference 'SAME,${p}a' (secret '${p}a') and reference 'SAME,${p}b' (secret '${p}b'). Use aliases so that each value has its own name.`,
    );
    expect(result.env).toEqual({});
    expect(result.masks).toEqual([h.oidc.tokensIssued.at(-1)]);
    h.expectNoLeaks(result);
  });

  it('refuses two JSON keys that map to one name under uppercase (Name and name)', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}keys`, value: '{"Name":"upper-5f","name":"lower-5f"}' }]);
    const result = await h.run(withRole({ 'secret-ids': `K,${p}keys`, 'parse-json-secrets': 'true' }));

    expect(failureMessage(result)).toBe(
      `get-secrets: Two values would set 'K_NAME': reference 'K,${p}keys' (secret '${p}keys' key 'Name') and reference 'K,${p}keys' (secret '${p}keys' key 'name'). Use aliases so that each value has its own name.`,
    );
    expect(result.env).toEqual({});
    h.expectNoLeaks(result, ['upper-5f', 'lower-5f']);
  });

  it('refuses names that differ only in case under name-transformation none', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}keys`, value: '{"Token":"t1-6a","token":"t2-6a"}' }]);
    const result = await h.run(
      withRole({ 'secret-ids': `,${p}keys`, 'parse-json-secrets': 'true', 'name-transformation': 'none' }),
    );

    expect(failureMessage(result)).toContain("Two values would set 'Token' and 'token' (names that differ only in case)");
    expect(result.env).toEqual({});
    h.expectNoLeaks(result, ['t1-6a', 't2-6a']);
  });

  it.each([
    { line: 'LD_PRELOAD,SECRET', name: 'LD_PRELOAD', reason: "it starts with the reserved prefix 'LD_'" },
    { line: 'NODE_OPTIONS,SECRET', name: 'NODE_OPTIONS', reason: 'it is reserved' },
    { line: 'GITHUB_TOKEN,SECRET', name: 'GITHUB_TOKEN', reason: "it starts with the reserved prefix 'GITHUB_'" },
    { line: 'BASH_ENV,SECRET', name: 'BASH_ENV', reason: 'it is reserved' },
    { line: 'path,SECRET', name: 'path', reason: 'it is reserved', transformation: 'none' },
  ])('refuses the alias $name before any AWS call, naming the reference', async ({ line, name, reason, transformation }) => {
    const p = h.prefix;
    await h.seed([{ name: `${p}s`, value: 'hijack-value-7b' }]);
    const reference = line.replace('SECRET', `${p}s`);
    const result = await h.run(withRole({ 'secret-ids': reference, 'name-transformation': transformation ?? 'uppercase' }));

    expect(failureMessage(result)).toContain(`get-secrets: Input 'secret-ids', line 1 '${reference}': the alias '${name}' is refused: ${reason}`);
    expect(h.proxy.calls).toEqual([]);
    expect(result.env).toEqual({});
    h.expectNoLeaks(result);
  });

  it('refuses a secret whose own name derives to a reserved name, such as node_options', async () => {
    await h.seed([{ name: 'node_options', value: '--require=/tmp/evil-8c.js' }]);
    const result = await h.run(withRole({ 'secret-ids': 'node_options' }));

    expect(failureMessage(result)).toContain("Reference 'node_options' (secret 'node_options') would set 'NODE_OPTIONS', which is refused");
    expect(result.env).toEqual({});
    h.expectNoLeaks(result);
  });

  it('refuses a JSON key that derives to a reserved name', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}json`, value: '{"LD_PRELOAD":"/tmp/evil-9d.so"}' }]);
    const result = await h.run(withRole({ 'secret-ids': `,${p}json`, 'parse-json-secrets': 'true' }));

    expect(failureMessage(result)).toContain(
      `Reference ',${p}json' (secret '${p}json' key 'LD_PRELOAD') would set 'LD_PRELOAD', which is refused: it starts with the reserved prefix 'LD_'`,
    );
    expect(result.env).toEqual({});
    h.expectNoLeaks(result);
  });

  it('fails when a prefix matches nothing', async () => {
    const result = await h.run(withRole({ 'secret-ids': `${h.prefix}none/*` }));

    expect(failureMessage(result)).toBe(
      `get-secrets: Failed to fetch 1 reference; nothing was exported:\n  - '${h.prefix}none/*': no secret name starts with '${h.prefix}none/' in us-east-1`,
    );
    expect(h.proxy.count('secretsmanager:ListSecrets')).toBe(1);
    expect(h.proxy.count('secretsmanager:BatchGetSecretValue')).toBe(0);
  });

  it('fails when an alias is given to a prefix that matches more than one secret', async () => {
    const p = h.prefix;
    await h.seed([
      { name: `${p}app/one`, value: 'pa-1-0e' },
      { name: `${p}app/two`, value: 'pa-2-0e' },
    ]);
    const result = await h.run(withRole({ 'secret-ids': `ALIAS,${p}app/*` }));

    expect(failureMessage(result)).toContain(
      `  - 'ALIAS,${p}app/*': the alias 'ALIAS' can name one secret, but 2 secrets start with '${p}app/'; drop the alias or narrow the prefix`,
    );
    expect(result.env).toEqual({});
    expect(h.proxy.count('secretsmanager:BatchGetSecretValue')).toBe(0);
    h.expectNoLeaks(result);
  });
});

describe('get-secrets checks its inputs before any AWS call', () => {
  it.each([
    {
      name: 'a boolean that is not YAML 1.2',
      inputs: { 'secret-ids': 'x', 'parse-json-secrets': 'yes' },
      message: "get-secrets: Input 'parse-json-secrets' must be a boolean: one of true, True, TRUE, false, False, FALSE; got 'yes'.",
    },
    {
      name: 'an unknown name-transformation',
      inputs: { 'secret-ids': 'x', 'name-transformation': 'upper' },
      message: "get-secrets: Input 'name-transformation' must be one of uppercase, lowercase, none; got 'upper'.",
    },
    {
      name: 'an unknown binary-encoding',
      inputs: { 'secret-ids': 'x', 'binary-encoding': 'latin1' },
      message: "get-secrets: Input 'binary-encoding' must be one of utf8, base64, hex; got 'latin1'.",
    },
    {
      name: 'a reference with two commas',
      inputs: { 'secret-ids': 'ok/one\nA,b,c' },
      message:
        "get-secrets: Input 'secret-ids', line 2 'A,b,c': more than one comma; expected [ALIAS,]SECRET[?stage=STAGE|?version=ID][#KEY|#/POINTER] (SECRET a secret name or ARN), [ALIAS,]PREFIX*, [ALIAS,]ssm:NAME[:VERSION|:LABEL][#KEY] or [ALIAS,]ssm:/PATH/*.",
    },
    {
      name: 'an alias that is not a valid name under the transformation',
      inputs: { 'secret-ids': 'my_var,prod/db' },
      message:
        "get-secrets: Input 'secret-ids', line 1 'my_var,prod/db': the alias 'my_var' is not a valid environment variable name under name-transformation 'uppercase' (did you mean 'MY_VAR'?).",
    },
    {
      name: 'a * in the middle of a reference',
      inputs: { 'secret-ids': 'prod/*/db' },
      message:
        "get-secrets: Input 'secret-ids', line 1 'prod/*/db': a prefix must be a secret name prefix followed by a single * at the end, such as prod/app/*.",
    },
    {
      name: 'a role that is not an IAM role ARN',
      inputs: { 'secret-ids': 'x', 'role-to-assume': 'github-deploy' },
      message: "get-secrets: Input 'role-to-assume' must be an IAM role ARN such as arn:aws:iam::123456789012:role/NAME; got 'github-deploy'.",
    },
    {
      name: 'a session shorter than STS allows',
      inputs: { 'secret-ids': 'x', 'role-duration-seconds': '60' },
      message: "get-secrets: Input 'role-duration-seconds' must be from 900 to 43200; got 60.",
    },
    {
      name: 'an empty secret-ids',
      inputs: { 'secret-ids': '\n  \n' },
      message:
        "get-secrets: Input 'secret-ids' is empty: expected [ALIAS,]SECRET[?stage=STAGE|?version=ID][#KEY|#/POINTER] (SECRET a secret name or ARN), [ALIAS,]PREFIX*, [ALIAS,]ssm:NAME[:VERSION|:LABEL][#KEY] or [ALIAS,]ssm:/PATH/*, one per line.",
    },
  ])('refuses $name with a clear message', async ({ inputs, message }) => {
    const result = await h.run({ 'aws-region': 'us-east-1', ...inputs });

    expect(failureMessage(result)).toBe(message);
    expect(h.proxy.calls).toEqual([]);
    expect(h.oidc.requests).toEqual([]);
    expect(result.env).toEqual({});
  });

  it('neutralises a reference that tries to issue workflow commands', async () => {
    const result = await h.run({ 'aws-region': 'us-east-1', 'secret-ids': 'ok\n::stop-commands::pwned' });

    expect(result.exitCode).toBe(1);
    // A debug re-run adds one neutralised debug line describing the error.
    expect(result.commands.map((command) => command.command)).toEqual(isLeakHunt() ? ['debug', 'error'] : ['error']);
    expect(result.stdout.split('\n').filter((line) => line.trimStart().startsWith('::stop-commands'))).toEqual([]);
    expect(h.proxy.calls).toEqual([]);
  });

  it('fails at once without an OIDC token, naming id-token: write and forks', async () => {
    const result = await h.run(withRole({ 'secret-ids': 'x' }), {
      ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined,
    });

    const message = failureMessage(result);
    expect(message).toContain('`permissions: id-token: write`');
    expect(message).toContain('Pull requests from forks never get a token');
    expect(h.proxy.calls).toEqual([]);
  });

  it('fails before any call when no region is known for a name', async () => {
    const result = await h.run({ 'secret-ids': 'prod/db' }, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });

    expect(failureMessage(result)).toBe(
      "get-secrets: No region for reference 'prod/db': set the 'aws-region' input (or AWS_REGION), or refer to the secret by ARN.",
    );
    expect(h.proxy.calls).toEqual([]);
  });
});
