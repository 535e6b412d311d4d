import { describe, expect, it } from 'vitest';
import { failureMessage, useHarness, withRole } from './harness.js';

const h = useHarness();

describe('get-secrets names and values (drop-in with aws-actions/aws-secretsmanager-get-secrets)', () => {
  it('exports a secret by name, by ARN and by alias with the official names, masked first', async () => {
    const p = h.prefix;
    const arns = await h.seed([
      { name: `${p}test/secret`, value: 'plain-value-7c1d' },
      { name: `${p}by-arn`, value: 'arn-value-3e8a' },
      { name: `${p}aliased`, value: 'alias-value-91bf' },
    ]);
    const result = await h.run(
      withRole({ 'secret-ids': [`${p}test/secret`, arns[`${p}by-arn`]!, `MY_ALIAS,${p}aliased`].join('\n') }),
    );

    const base = envBase(p);
    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({
      [`${base}TEST_SECRET`]: 'plain-value-7c1d',
      [`${base}BY_ARN`]: 'arn-value-3e8a',
      MY_ALIAS: 'alias-value-91bf',
    });
    // The OIDC token (masked by core.getIDToken), then every value, before anything else is printed.
    expect(result.masks).toEqual([h.oidc.tokensIssued.at(-1), 'plain-value-7c1d', 'arn-value-3e8a', 'alias-value-91bf']);
    const lines = result.stdout.split('\n');
    const lastMask = lines.findLastIndex((line) => line.startsWith('::add-mask::'));
    expect(lastMask).toBeLessThan(lines.findIndex((line) => !line.startsWith('::')));
    // One token, one STS call, one batch for all three secrets.
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 1 });
    h.expectNoLeaks(result);
  });

  it.each([
    { secretName: 'test/secret', expected: 'TEST_SECRET' },
    { secretName: '0/test/secret', expected: '_0_TEST_SECRET' },
    { secretName: '/prod/example/secret', expected: '_PROD_EXAMPLE_SECRET' },
    { secretName: 'my-app.db@prod', expected: 'MY_APP_DB_PROD' },
  ])('names $secretName as $expected', async ({ secretName, expected }) => {
    // Exact names (no per-test prefix): each is created once per moto server.
    await h.seed([{ name: secretName, value: `value-of-${expected}-5d` }]);
    const result = await h.run(withRole({ 'secret-ids': secretName }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ [expected]: `value-of-${expected}-5d` });
    h.expectNoLeaks(result);
  });

  it('expands JSON objects recursively with the blank alias naming keys alone', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}svc`, value: '{"1key":"v-one-8d","nested":{"2x":"y-two-8d"}}' }]);
    const result = await h.run(withRole({ 'secret-ids': `,${p}svc`, 'parse-json-secrets': 'true' }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ _1KEY: 'v-one-8d', NESTED_2X: 'y-two-8d' });
    h.expectNoLeaks(result, ['v-one-8d', 'y-two-8d']);
  });

  it('writes non-string JSON leaves as JSON text and keeps arrays and scalars whole', async () => {
    const p = h.prefix;
    await h.seed([
      { name: `${p}db`, value: '{"user":"app-user-4a","port":5432,"tls":true,"none":null,"list":[1,2],"empty":{}}' },
      { name: `${p}array`, value: '["a-item-4a","b-item-4a"]' },
      { name: `${p}number`, value: '42424242' },
    ]);
    const result = await h.run(
      withRole({ 'secret-ids': [`DB,${p}db`, `ARR,${p}array`, `NUM,${p}number`].join('\n'), 'parse-json-secrets': 'true' }),
    );

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({
      DB_USER: 'app-user-4a',
      DB_PORT: '5432',
      DB_TLS: 'true',
      DB_NONE: 'null',
      DB_LIST: '[1,2]',
      ARR: '["a-item-4a","b-item-4a"]',
      NUM: '42424242',
    });
    h.expectNoLeaks(result, ['app-user-4a']);
  });

  it('keeps a JSON secret as one variable when parse-json-secrets is off', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}json`, value: '{"password":"pw-off-2b"}' }]);
    const result = await h.run(withRole({ 'secret-ids': `RAW,${p}json` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ RAW: '{"password":"pw-off-2b"}' });
    h.expectNoLeaks(result);
  });

  it.each([
    { transformation: 'lowercase', expected: { test_secret: 'lc-value-6f', nested_key: 'nk-value-6f' } },
    { transformation: 'none', expected: { Test_Secret: 'lc-value-6f', Nested_Key: 'nk-value-6f' } },
  ])('applies name-transformation $transformation to derived names', async ({ transformation, expected }) => {
    const p = h.prefix;
    await h.seed([
      { name: `${p}Test-Secret`, value: 'lc-value-6f' },
      { name: `${p}keys`, value: '{"Nested":{"Key":"nk-value-6f"}}' },
    ]);
    const result = await h.run(
      withRole({
        'secret-ids': [`${transformation === 'none' ? 'Test_Secret' : 'test_secret'},${p}Test-Secret`, `,${p}keys`].join('\n'),
        'parse-json-secrets': 'true',
        'name-transformation': transformation,
      }),
    );

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual(expected);
    h.expectNoLeaks(result);
  });

  it('masks every line of a multi-line value before exporting it', async () => {
    const p = h.prefix;
    const pem = '-----BEGIN KEY-----\nline-one-9e8f\n  line-two-9e8f  \r\n-----END KEY-----\n';
    await h.seed([{ name: `${p}pem`, value: pem }]);
    const result = await h.run(withRole({ 'secret-ids': `PEM,${p}pem` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ PEM: pem });
    expect(result.masks).toEqual(expect.arrayContaining([pem, '-----BEGIN KEY-----', 'line-one-9e8f', 'line-two-9e8f', '-----END KEY-----']));
    h.expectNoLeaks(result, ['line-one-9e8f', 'line-two-9e8f']);
  });

  it('masks each leaf of a JSON value exported whole, so a later step printing one leaf shows ***', async () => {
    const p = h.prefix;
    const json = '{"user":"app-user-6b","db":{"password":"pw-leaf-6b","port":54321,"tls":true}}';
    await h.seed([{ name: `${p}json`, value: json }]);
    const result = await h.run(withRole({ 'secret-ids': `APP,${p}json` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ APP: json });
    expect(result.masks).toEqual([h.oidc.tokensIssued.at(-1), json, 'app-user-6b', 'pw-leaf-6b', '54321']);
    h.expectNoLeaks(result, ['app-user-6b', 'pw-leaf-6b', '54321']);
  });

  it('exports an empty JSON string as an empty variable, registering no mask for it', async () => {
    // Secrets Manager refuses an empty SecretString (minimum length 1), so an empty value arrives as a JSON leaf.
    const p = h.prefix;
    await h.seed([{ name: `${p}cfg`, value: '{"optional":"","token":"tok-value-5a"}' }]);
    const result = await h.run(withRole({ 'secret-ids': `CFG,${p}cfg`, 'parse-json-secrets': 'true' }));

    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ CFG_OPTIONAL: '', CFG_TOKEN: 'tok-value-5a' });
    expect(result.masks).toEqual([h.oidc.tokensIssued.at(-1), 'tok-value-5a']);
    expect(result.stdout).not.toContain("Can't add secret mask for empty string");
    expect(result.warnings).toEqual([]);
    h.expectNoLeaks(result, ['tok-value-5a']);
  });

  it.each([
    { encoding: 'utf8', bytes: Buffer.from('utf8-binary-✓-3c', 'utf8'), expected: 'utf8-binary-✓-3c' },
    { encoding: 'base64', bytes: Buffer.from([0xff, 0x00, 0xfe, 0x41]), expected: '/wD+QQ==' },
    { encoding: 'hex', bytes: Buffer.from([0xff, 0x00, 0xfe, 0x41]), expected: 'ff00fe41' },
  ])('decodes a binary secret as $encoding', async ({ encoding, bytes, expected }) => {
    const p = h.prefix;
    await h.seed([{ name: `${p}bin`, binary: bytes }]);
    const result = await h.run(withRole({ 'secret-ids': `BIN,${p}bin`, 'binary-encoding': encoding }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ BIN: expected });
    h.expectNoLeaks(result, [expected]);
  });

  it('fails naming binary-encoding when a binary secret is not valid UTF-8, exporting nothing', async () => {
    const p = h.prefix;
    await h.seed([
      { name: `${p}bin`, binary: Buffer.from([0xff, 0xfe, 0x00, 0x41]) },
      { name: `${p}ok`, value: 'fine-value-0d' },
    ]);
    const result = await h.run(withRole({ 'secret-ids': [`BIN,${p}bin`, `OK,${p}ok`].join('\n') }));

    expect(failureMessage(result)).toBe(
      `get-secrets: Failed to fetch 1 reference; nothing was exported:\n  - 'BIN,${p}bin': the binary secret '${p}bin' is not valid UTF-8; set the input 'binary-encoding' to base64 or hex to export its bytes`,
    );
    expect(result.env).toEqual({});
    expect(result.state).toEqual({});
    h.expectNoLeaks(result);
  });

  it('blanks every exported variable in the post step', async () => {
    const p = h.prefix;
    await h.seed([
      { name: `${p}one`, value: 'post-one-1a' },
      { name: `${p}two`, value: '{"k":"post-two-1a"}' },
    ]);
    const main = await h.run(withRole({ 'secret-ids': [`ONE,${p}one`, `TWO,${p}two`].join('\n'), 'parse-json-secrets': 'true' }));
    expect(main.exitCode).toBe(0);
    expect(main.state).toEqual({ 'exported-names': '["ONE","TWO_K"]' });

    const post = await h.runPost(main);
    expect(post.exitCode).toBe(0);
    expect(post.env).toEqual({ ONE: '', TWO_K: '' });
    expect(h.proxy.count('secretsmanager:BatchGetSecretValue')).toBe(1);
    h.expectNoLeaks(main);
    h.expectNoLeaks(post);
  });
});

/** The env-name prefix a test's secret-name prefix produces (`e2e-1a2b3c4d/` → `E2E_1A2B3C4D_`). */
function envBase(prefix: string): string {
  return prefix.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
}
