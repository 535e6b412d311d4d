import { describe, expect, it } from 'vitest';
import { ACCOUNT, PROXIED_HOST, ROLE_ARN, failureMessage, stsError, useHarness, withRole } from './harness.js';

const h = useHarness();

/** Records the body of every call of `operation` going through the proxy. */
function recordBodies(operation: string): string[] {
  const bodies: string[] = [];
  h.proxy.setInterceptor((request) => {
    if (request.operation === operation) bodies.push(request.body);
    return undefined;
  });
  return bodies;
}

describe('get-secrets credentials', () => {
  it('assumes the role with the OIDC token, audience sts.amazonaws.com and a session name tied to the run', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}s`, value: 'oidc-value-1f' }]);
    const bodies = recordBodies('sts:AssumeRoleWithWebIdentity');
    const result = await h.run(withRole({ 'secret-ids': `S,${p}s` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ S: 'oidc-value-1f' });
    expect(h.oidc.requests).toEqual([{ audience: 'sts.amazonaws.com', authorized: true }]);
    const form = new URLSearchParams(bodies[0]);
    expect(bodies).toHaveLength(1);
    expect(form.get('RoleArn')).toBe(ROLE_ARN);
    expect(form.get('RoleSessionName')).toBe('gha-1234567890-1-octo-org.octo-repo');
    expect(form.get('DurationSeconds')).toBe('900');
    expect(form.get('WebIdentityToken')).toBe(h.oidc.tokensIssued[0]);
    h.expectNoLeaks(result);
  });

  it('assumes each role-chain hop with AssumeRole, sending the external id and at most one hour', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}s`, value: 'chain-value-2a' }]);
    const bodies = recordBodies('sts:AssumeRole');
    const second = `arn:aws:iam::${ACCOUNT}:role/e2e-second`;
    const third = `arn:aws:iam::${ACCOUNT}:role/e2e-third`;
    const result = await h.run(
      withRole({ 'secret-ids': `S,${p}s`, 'role-chain': `${second}\n${third}`, 'role-external-id': 'ext-7731', 'role-duration-seconds': '3600' }),
    );

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ S: 'chain-value-2a' });
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'sts:AssumeRole': 2, 'secretsmanager:BatchGetSecretValue': 1 });
    expect(bodies.map((body) => Object.fromEntries(new URLSearchParams(body)))).toEqual([
      expect.objectContaining({ RoleArn: second, ExternalId: 'ext-7731', DurationSeconds: '3600' }),
      expect.objectContaining({ RoleArn: third, ExternalId: 'ext-7731', DurationSeconds: '3600' }),
    ]);
    h.expectNoLeaks(result);
  });

  it('retries a throttled STS call with a fresh OIDC token each attempt', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}s`, value: 'retry-value-3b' }]);
    h.proxy.setInterceptor(({ operation, callNumber }) =>
      operation === 'sts:AssumeRoleWithWebIdentity' && callNumber <= 2 ? stsError('Throttling', 'Rate exceeded') : undefined,
    );
    const result = await h.run(withRole({ 'secret-ids': `S,${p}s` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ S: 'retry-value-3b' });
    expect(h.proxy.count('sts:AssumeRoleWithWebIdentity')).toBe(3);
    expect(h.oidc.requests).toHaveLength(3);
    expect(new Set(h.oidc.tokensIssued.slice(-3)).size).toBe(3);
    h.expectNoLeaks(result);
  });

  it('fails at once on AccessDenied, quoting the subject and audience the trust policy saw', async () => {
    h.proxy.setInterceptor(({ operation }) =>
      operation === 'sts:AssumeRoleWithWebIdentity' ? stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403) : undefined,
    );
    const result = await h.run(withRole({ 'secret-ids': 'anything' }));

    const message = failureMessage(result);
    expect(message.split('\n')).toEqual([
      `get-secrets: Could not assume role '${ROLE_ARN}' with the GitHub OIDC token (AssumeRoleWithWebIdentity): AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity`,
      'Things to check:',
      "  - The role's trust policy must allow sts:AssumeRoleWithWebIdentity for the federated principal arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com.",
      "  - Its condition on token.actions.githubusercontent.com:sub must match this job's subject 'repo:octo-org/octo-repo:ref:refs/heads/main'. Jobs with an environment send repo:OWNER/REPO:environment:NAME, pull requests repo:OWNER/REPO:pull_request, and repositories created after mid-2026 use repo:OWNER@ID/REPO@ID:….",
      "  - Its condition on token.actions.githubusercontent.com:aud must match this job's audience 'sts.amazonaws.com' (the 'audience' input).",
      `  - The role '${ROLE_ARN}' must exist in that account.`,
    ]);
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1 });
    expect(result.env).toEqual({});
    h.expectNoLeaks(result);
  });

  it('uses the default credential chain without role-to-assume, asking for no token', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}s`, value: 'default-chain-4c' }]);
    const result = await h.run(
      { 'secret-ids': `S,${p}s` },
      { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' },
    );

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ S: 'default-chain-4c' });
    expect(h.oidc.requests).toEqual([]);
    expect(h.proxy.counts()).toEqual({ 'secretsmanager:BatchGetSecretValue': 1 });
    h.expectNoLeaks(result);
  });

  it('keeps the credentials inside the step unless export-credentials is true, and then masks them first', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}s`, value: 'export-creds-5d' }]);
    const result = await h.run(withRole({ 'secret-ids': `S,${p}s`, 'export-credentials': 'true' }));

    expect(result.exitCode).toBe(0);
    expect(Object.keys(result.env)).toEqual(['S', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION']);
    expect(result.env['AWS_REGION']).toBe('us-east-1');
    const credentials = [result.env['AWS_ACCESS_KEY_ID']!, result.env['AWS_SECRET_ACCESS_KEY']!, result.env['AWS_SESSION_TOKEN']!];
    expect(result.masks).toEqual(expect.arrayContaining(credentials));
    h.expectNoLeaks(result, credentials);

    const post = await h.runPost(result);
    expect(post.env).toEqual({ S: '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_REGION: '', AWS_DEFAULT_REGION: '' });
  });
});

describe('get-secrets regions and endpoints', () => {
  it('reads a secret given by ARN from the ARN region, whatever aws-region says', async () => {
    const p = h.prefix;
    const arns = await h.seed([{ name: `${p}far`, value: 'eu-value-6e', region: 'eu-west-1' }]);
    const result = await h.run(withRole({ 'secret-ids': `FAR,${arns[`${p}far`]!}` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ FAR: 'eu-value-6e' });
    h.expectNoLeaks(result);
  });

  it('takes the region from the first ARN when no region is configured', async () => {
    const p = h.prefix;
    const arns = await h.seed([{ name: `${p}only-arn`, value: 'arn-region-7f', region: 'ap-southeast-2' }]);
    const result = await h.run({ 'role-to-assume': ROLE_ARN, 'secret-ids': arns[`${p}only-arn`]! });

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ [`${p.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}ONLY_ARN`]: 'arn-region-7f' });
    h.expectNoLeaks(result);
  });

  it('recognises an aws-cn ARN and reads it from its China region', async () => {
    const p = h.prefix;
    const arns = await h.seed([{ name: `${p}cn`, value: 'cn-value-8a', region: 'cn-north-1' }]);
    const arn = arns[`${p}cn`]!;
    expect(arn.startsWith('arn:aws-cn:secretsmanager:cn-north-1:')).toBe(true);
    const result = await h.run(withRole({ 'secret-ids': `CN,${arn}` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ CN: 'cn-value-8a' });
    h.expectNoLeaks(result);
  });

  it('falls back to AWS_REGION when aws-region is not given', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}r`, value: 'env-region-9b', region: 'us-west-2' }]);
    const result = await h.run({ 'role-to-assume': ROLE_ARN, 'secret-ids': `R,${p}r` }, { AWS_REGION: 'us-west-2' });

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ R: 'env-region-9b' });
  });

  it('goes through HTTP_PROXY for every AWS call', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}s`, value: 'proxied-value-0c' }]);
    const result = await h.run(withRole({ 'secret-ids': `S,${p}s` }), {
      AWS_ENDPOINT_URL: `http://${PROXIED_HOST}`,
      HTTP_PROXY: h.proxy.endpoint,
    });

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ S: 'proxied-value-0c' });
    expect(h.proxy.calls).toEqual([
      { operation: 'sts:AssumeRoleWithWebIdentity', status: 200, viaProxy: true },
      { operation: 'secretsmanager:BatchGetSecretValue', status: 200, viaProxy: true },
    ]);
    h.expectNoLeaks(result);
  });
});
