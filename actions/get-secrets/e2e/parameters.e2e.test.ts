import { LabelParameterVersionCommand } from '@aws-sdk/client-ssm';
import { putParameters, ssmClient } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, failureMessage, useHarness, withRole } from './harness.js';

const h = useHarness();

/** A parameter path unique to the running test. */
function path(): string {
  return `/${h.prefix.slice(0, -1)}`;
}

describe('get-secrets from Parameter Store', () => {
  it('reads SecureString, String and StringList parameters, decrypted, StringList as one string', async () => {
    const root = path();
    await putParameters(h.motoEndpoint, [
      { name: `${root}/db_password`, value: 'ssm-secure-1a', type: 'SecureString' },
      { name: `${root}/host`, value: 'db.internal-1a', type: 'String' },
      { name: `${root}/hosts`, value: 'a-1a,b-1a,c-1a', type: 'StringList' },
    ]);
    const result = await h.run(
      withRole({ 'secret-ids': [`DB_PASSWORD,ssm:${root}/db_password`, `HOST,ssm:${root}/host`, `HOSTS,ssm:${root}/hosts`].join('\n') }),
    );

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ DB_PASSWORD: 'ssm-secure-1a', HOST: 'db.internal-1a', HOSTS: 'a-1a,b-1a,c-1a' });
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'ssm:GetParameters': 1 });
    h.expectNoLeaks(result, ['ssm-secure-1a', 'db.internal-1a', 'a-1a,b-1a,c-1a']);
  });

  it('names a parameter without an alias from its full name', async () => {
    const root = path();
    await putParameters(h.motoEndpoint, [{ name: `${root}/api/key`, value: 'derived-2b' }]);
    const result = await h.run(withRole({ 'secret-ids': `ssm:${root}/api/key` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ [`_${root.slice(1).replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}_API_KEY`]: 'derived-2b' });
    h.expectNoLeaks(result);
  });

  it('reads 25 parameters in ⌈25/10⌉ = 3 GetParameters calls', async () => {
    const root = path();
    const names = Array.from({ length: 25 }, (_, index) => `${root}/p${index}`);
    await putParameters(h.motoEndpoint, names.map((name, index) => ({ name, value: `bulk-${index}-3c` })));
    const result = await h.run(withRole({ 'secret-ids': names.map((name, index) => `P${index},ssm:${name}`).join('\n') }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual(Object.fromEntries(names.map((_, index) => [`P${index}`, `bulk-${index}-3c`])));
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'ssm:GetParameters': 3 });
    h.expectNoLeaks(result);
  });

  it('selects a version with :VERSION and a label with :LABEL', async () => {
    const root = path();
    await putParameters(h.motoEndpoint, [{ name: `${root}/token`, value: 'token-v1-4d' }]);
    await putParameters(h.motoEndpoint, [{ name: `${root}/token`, value: 'token-v2-4d' }]);
    await putParameters(h.motoEndpoint, [{ name: `${root}/token`, value: 'token-v3-4d' }]);
    await ssmClient(h.motoEndpoint).send(new LabelParameterVersionCommand({ Name: `${root}/token`, ParameterVersion: 2, Labels: ['stable'] }));
    const result = await h.run(
      withRole({ 'secret-ids': [`V1,ssm:${root}/token:1`, `STABLE,ssm:${root}/token:stable`, `LATEST,ssm:${root}/token`].join('\n') }),
    );

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ V1: 'token-v1-4d', STABLE: 'token-v2-4d', LATEST: 'token-v3-4d' });
    // One parameter three ways: one call each, so every answer matches its request by name alone.
    expect(h.proxy.count('ssm:GetParameters')).toBe(3);
    expect(result.summary).toContain('<code>STABLE</code> | <code>ssm:' + root + '/token</code> | <code>2 (stable)</code>');
    h.expectNoLeaks(result, ['token-v1-4d', 'token-v2-4d', 'token-v3-4d']);
  });

  it('reads every parameter below a path, recursively, across pages, named below the path', async () => {
    const root = path();
    const leaves = Array.from({ length: 13 }, (_, index) => `${root}/app/svc${index % 3}/key${index}`);
    await putParameters(h.motoEndpoint, [
      ...leaves.map((name, index) => ({ name, value: `tree-${index}-5e` })),
      { name: `${root}/other/not-included`, value: 'outside-5e' },
    ]);
    const result = await h.run(withRole({ 'secret-ids': `ssm:${root}/app/*` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual(Object.fromEntries(leaves.map((_, index) => [`SVC${index % 3}_KEY${index}`, `tree-${index}-5e`])));
    // 13 parameters at most 10 per page: two pages.
    expect(h.proxy.count('ssm:GetParametersByPath')).toBe(2);
    h.expectNoLeaks(result);
  });

  it('prefixes path names with an alias', async () => {
    const root = path();
    await putParameters(h.motoEndpoint, [{ name: `${root}/cfg/db/user`, value: 'alias-path-6f' }]);
    const result = await h.run(withRole({ 'secret-ids': `APP,ssm:${root}/cfg/*` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ APP_DB_USER: 'alias-path-6f' });
  });

  it('reads a parameter by ARN', async () => {
    const root = path();
    await putParameters(h.motoEndpoint, [{ name: `${root}/by-arn`, value: 'arn-param-7a' }]);
    const arn = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter${root}/by-arn`;
    const result = await h.run(withRole({ 'secret-ids': `BY_ARN,ssm:${arn}` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ BY_ARN: 'arn-param-7a' });
  });

  it('selects a key inside a JSON parameter', async () => {
    const root = path();
    await putParameters(h.motoEndpoint, [{ name: `${root}/json`, value: '{"user":"pu-8b","password":"pp-8b"}' }]);
    const result = await h.run(withRole({ 'secret-ids': `PW,ssm:${root}/json#password` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ PW: 'pp-8b' });
    expect(result.masks).not.toContain('pu-8b');
    h.expectNoLeaks(result, ['pp-8b']);
  });

  it('fails naming a missing parameter, exporting nothing', async () => {
    const root = path();
    await putParameters(h.motoEndpoint, [{ name: `${root}/present`, value: 'present-9c' }]);
    const result = await h.run(withRole({ 'secret-ids': [`A,ssm:${root}/present`, `B,ssm:${root}/absent`].join('\n') }));

    expect(failureMessage(result)).toBe(
      [
        'get-secrets: Failed to fetch 1 reference; nothing was exported:',
        `  - 'B,ssm:${root}/absent': no parameter '${root}/absent' in us-east-1`,
        'Things to check:',
        `  - The parameter is looked up in region 'us-east-1': give its ARN (ssm:arn:…) or set 'aws-region' if it lives elsewhere.`,
      ].join('\n'),
    );
    expect(result.env).toEqual({});
    h.expectNoLeaks(result);
  });

  it('fails when a path holds no parameter', async () => {
    const result = await h.run(withRole({ 'secret-ids': `ssm:${path()}/empty/*` }));

    expect(failureMessage(result)).toBe(
      `get-secrets: Failed to fetch 1 reference; nothing was exported:\n  - 'ssm:${path()}/empty/*': no parameter below '${path()}/empty/' in us-east-1`,
    );
  });

  it('does not call Parameter Store when no reference needs it', async () => {
    await h.seed([{ name: `${h.prefix}only-secret`, value: 'no-ssm-0d' }]);
    const result = await h.run(withRole({ 'secret-ids': `S,${h.prefix}only-secret` }));

    expect(result.exitCode).toBe(0);
    expect(Object.keys(h.proxy.counts()).filter((operation) => operation.startsWith('ssm:'))).toEqual([]);
  });
});
