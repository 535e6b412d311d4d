import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { secretsClient } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { failureMessage, useHarness, withRole } from './harness.js';

const h = useHarness();

describe('get-secrets pinned versions', () => {
  it('reads AWSPREVIOUS after a new version was put, and a version by id', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}rotating`, value: 'old-value-1a' }]);
    const put = await secretsClient(h.motoEndpoint).send(new PutSecretValueCommand({ SecretId: `${p}rotating`, SecretString: 'new-value-1a' }));
    const result = await h.run(
      withRole({
        'secret-ids': [`CURRENT,${p}rotating`, `PREVIOUS,${p}rotating?stage=AWSPREVIOUS`, `BY_ID,${p}rotating?version=${put.VersionId!}`].join('\n'),
      }),
    );

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ CURRENT: 'new-value-1a', PREVIOUS: 'old-value-1a', BY_ID: 'new-value-1a' });
    // Pinned reads use GetSecretValue (BatchGetSecretValue only reads AWSCURRENT).
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 1, 'secretsmanager:GetSecretValue': 2 });
    expect(result.summary).toContain(`| <code>PREVIOUS</code> | <code>${p}rotating</code> | <code>`);
    expect(result.summary).toContain('(AWSPREVIOUS)</code>');
    h.expectNoLeaks(result, ['old-value-1a', 'new-value-1a']);
  });

  it('fails naming the stage when a pinned stage does not exist', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}single`, value: 'single-value-2b' }]);
    const result = await h.run(withRole({ 'secret-ids': `X,${p}single?stage=AWSPREVIOUS` }));

    expect(failureMessage(result)).toContain(`  - 'X,${p}single?stage=AWSPREVIOUS': GetSecretValue for secret '${p}single' stage 'AWSPREVIOUS' in us-east-1 failed: ResourceNotFoundException`);
    expect(result.env).toEqual({});
    h.expectNoLeaks(result);
  });
});

describe('get-secrets JSON key selection', () => {
  it('exports only the selected keys, masking only them', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}db`, value: '{"user":"app","password":"pw-select-3c","port":5432,"tls":{"ca":"ca-select-3c"}}' }]);
    const result = await h.run(withRole({ 'secret-ids': [`DB_PASSWORD,${p}db#password`, `${p}db#/tls/ca`].join('\n') }));

    const base = p.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ DB_PASSWORD: 'pw-select-3c', [`${base}DB_TLS_CA`]: 'ca-select-3c' });
    // `app` and `5432` were not selected, so they are not masked all over the log.
    expect(result.masks).toEqual([h.oidc.tokensIssued.at(-1), 'pw-select-3c', 'ca-select-3c']);
    // The secret is read once for both references.
    expect(h.proxy.count('secretsmanager:BatchGetSecretValue')).toBe(1);
    h.expectNoLeaks(result, ['pw-select-3c', 'ca-select-3c']);
  });

  it('combines an alias, a pinned stage and a JSON Pointer', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}svc`, value: '{"db":{"password":"pw-old-4d"}}' }]);
    await secretsClient(h.motoEndpoint).send(new PutSecretValueCommand({ SecretId: `${p}svc`, SecretString: '{"db":{"password":"pw-new-4d"}}' }));
    const result = await h.run(withRole({ 'secret-ids': `OLD_PW,${p}svc?stage=AWSPREVIOUS#/db/password` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ OLD_PW: 'pw-old-4d' });
    expect(result.masks).toEqual([h.oidc.tokensIssued.at(-1), 'pw-old-4d']);
    h.expectNoLeaks(result, ['pw-old-4d', 'pw-new-4d']);
  });

  it('fails naming a missing key, never showing the value', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}db`, value: '{"user":"user-5e","password":"pw-5e"}' }]);
    const result = await h.run(withRole({ 'secret-ids': `X,${p}db#/credentials/password` }));

    expect(failureMessage(result)).toBe(
      `get-secrets: Failed to fetch 1 reference; nothing was exported:\n  - 'X,${p}db#/credentials/password': the key '/credentials/password' is not in '${p}db'`,
    );
    h.expectNoLeaks(result, ['user-5e', 'pw-5e']);
  });

  it('fails when the secret is not JSON', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}plain`, value: 'not-json-6f' }]);
    const result = await h.run(withRole({ 'secret-ids': `X,${p}plain#password`, 'on-missing': 'skip' }));

    // Not JSON is a mistake, not a missing key: on-missing does not excuse it.
    expect(failureMessage(result)).toContain(`'${p}plain' is not JSON, so the key 'password' cannot be selected`);
    h.expectNoLeaks(result);
  });
});

describe('get-secrets round trips', () => {
  it('reads 45 secrets in ⌈45/20⌉ = 3 BatchGetSecretValue calls after one STS call', async () => {
    const p = h.prefix;
    const names = Array.from({ length: 45 }, (_, index) => `${p}n${index}`);
    await h.seed(names.map((name, index) => ({ name, value: `batch-${index}-7a` })));
    const result = await h.run(withRole({ 'secret-ids': names.map((name, index) => `N${index},${name}`).join('\n') }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual(Object.fromEntries(names.map((_, index) => [`N${index}`, `batch-${index}-7a`])));
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 3 });
    expect(h.oidc.requests).toHaveLength(1);
    h.expectNoLeaks(result);
  });

  it('falls back to GetSecretValue when the role may not call BatchGetSecretValue, and says which permission to add', async () => {
    const p = h.prefix;
    const names = Array.from({ length: 3 }, (_, index) => `${p}f${index}`);
    await h.seed(names.map((name, index) => ({ name, value: `fallback-${index}-8b` })));
    // moto's IAM enforcement answers a denial as a bare HTTP 403 with an XML body; so does this.
    h.proxy.setInterceptor(({ operation }) =>
      operation === 'secretsmanager:BatchGetSecretValue'
        ? { respond: { status: 403, headers: { 'content-type': 'text/xml' }, body: '<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>' } }
        : undefined,
    );
    const result = await h.run(withRole({ 'secret-ids': names.map((name, index) => `F${index},${name}`).join('\n') }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ F0: 'fallback-0-8b', F1: 'fallback-1-8b', F2: 'fallback-2-8b' });
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 1, 'secretsmanager:GetSecretValue': 3 });
    expect(result.notices).toEqual([
      'The role may not call secretsmanager:BatchGetSecretValue, so secrets were read one GetSecretValue at a time. Add secretsmanager:BatchGetSecretValue to its policy to read 20 per call.',
    ]);
    h.expectNoLeaks(result);
  });
});
