import { describeSecretState, readSecretVersion, writeSecretVersion } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { DERIVED_TOKEN, denied, expectSuccess, failureMessage, makeWorkspace, useHarness, withRole } from './harness.js';

const h = useHarness();
const STS = { 'sts:AssumeRoleWithWebIdentity': 1 };

describe('put-secret writes Secrets Manager secrets', () => {
  it('creates a missing secret with its description, tags, KMS key and first value (create-if-missing)', async () => {
    const name = `${h.prefix}created`;
    const value = 'created-value-1a';
    const result = await h.run(
      withRole({
        'secret-id': name,
        'secret-string': value,
        'create-if-missing': 'true',
        description: 'API key of the release bot',
        tags: 'team=payments\nowner = release-bot\n',
        'kms-key-id': 'alias/release-secrets',
      }),
    );

    expectSuccess(result);
    const state = await describeSecretState(h.motoEndpoint, name);
    const versionId = result.outputs['version-id']!;
    expect(versionId).toMatch(DERIVED_TOKEN);
    expect(state).toEqual({
      arn: expect.stringMatching(new RegExp(`^arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-[A-Za-z0-9]{6}$`)) as unknown,
      name,
      description: 'API key of the release bot',
      kmsKeyId: 'alias/release-secrets',
      tags: { team: 'payments', owner: 'release-bot' },
      versions: { [versionId]: ['AWSCURRENT'] },
    });
    expect(await readSecretVersion(h.motoEndpoint, name)).toEqual({ versionId, stages: ['AWSCURRENT'], string: value, binary: undefined });
    expect(result.outputs).toEqual({ 'version-id': versionId, arn: state.arn, changed: 'true' });
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:CreateSecret': 1 });
    // The value is masked before anything else the step prints.
    expect(result.commands[0]).toMatchObject({ command: 'add-mask', message: value });
    expect(result.log).toContain(`Created secret '${name}' in us-east-1: version ${versionId}.`);
    expect(result.summary).toContain(`Secrets Manager secret \`${name}\``);
    expect(result.summary).toContain(`\`${versionId}\``);
    expect(result.summary).toContain('true (created)');
    h.expectNoLeaks(result, [value]);
  });

  it('writes a new version: AWSCURRENT moves to it and AWSPREVIOUS to the old one', async () => {
    const name = `${h.prefix}api-key`;
    const arns = await h.seed([{ name, value: 'old-value-2b' }]);
    const [oldVersion] = Object.keys((await describeSecretState(h.motoEndpoint, name)).versions);
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': 'new-value-2b' }));

    expectSuccess(result);
    const versionId = result.outputs['version-id']!;
    expect(result.outputs).toEqual({ 'version-id': versionId, arn: arns[name], changed: 'true' });
    expect((await describeSecretState(h.motoEndpoint, name)).versions).toEqual({ [oldVersion!]: ['AWSPREVIOUS'], [versionId]: ['AWSCURRENT'] });
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe('new-value-2b');
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1 });
    expect(result.log).toContain(`Wrote secret '${name}' in us-east-1: version ${versionId}.`);
    expect(result.summary).toContain('true (new version)');
    h.expectNoLeaks(result, ['new-value-2b']);
  });

  it('writes a multi-line file from the workspace exactly as it is, masking every line', async () => {
    const name = `${h.prefix}tls-key`;
    await h.seed([{ name, value: 'placeholder-3c' }]);
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-3c\nbm90LWEtcmVhbC1rZXktM2M=\n-----END PRIVATE KEY-----\n';
    const workspace = await makeWorkspace({ 'certs/release.pem': pem });
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string-file': 'certs/release.pem' }), {}, workspace);

    expectSuccess(result);
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe(pem);
    expect(result.masks.slice(0, 5)).toEqual([
      pem,
      '-----BEGIN PRIVATE KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-3c',
      'bm90LWEtcmVhbC1rZXktM2M=',
      '-----END PRIVATE KEY-----',
    ]);
    expect(result.outputs['changed']).toBe('true');
    h.expectNoLeaks(result, [pem]);
  });

  it('writes bytes given as base64 as SecretBinary', async () => {
    const name = `${h.prefix}keystore`;
    await h.seed([{ name, binary: new Uint8Array([1, 2, 3]) }]);
    const bytes = new Uint8Array([0, 255, 128, 10, 13, 42, 200, 7]);
    const base64 = Buffer.from(bytes).toString('base64');
    const result = await h.run(withRole({ 'secret-id': name, 'secret-binary': base64 }));

    expectSuccess(result);
    const current = await readSecretVersion(h.motoEndpoint, name);
    expect(current.string).toBeUndefined();
    expect(Buffer.from(current.binary!).equals(bytes)).toBe(true);
    expect(current.versionId).toBe(result.outputs['version-id']);
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1 });
    h.expectNoLeaks(result, [base64]);
  });

  it('writes nothing when the value is unchanged, and reports the current version (skip-unchanged)', async () => {
    const name = `${h.prefix}same`;
    await h.seed([{ name, value: 'same-value-4d' }]);
    const before = await describeSecretState(h.motoEndpoint, name);
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': 'same-value-4d' }));

    expectSuccess(result);
    const [versionId] = Object.keys(before.versions);
    expect(result.outputs).toEqual({ 'version-id': versionId, arn: before.arn, changed: 'false' });
    expect((await describeSecretState(h.motoEndpoint, name)).versions).toEqual(before.versions);
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1 });
    expect(result.log).toContain(`Left secret '${name}' in us-east-1 as it was: it already holds this value (version ${versionId}).`);
    expect(result.summary).toContain('false (unchanged)');
    h.expectNoLeaks(result, []);
  });

  it('writes the same value again with skip-unchanged: false, without reading first', async () => {
    const name = `${h.prefix}forced`;
    await h.seed([{ name, value: 'forced-value-5e' }]);
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': 'forced-value-5e', 'skip-unchanged': 'false' }));

    expectSuccess(result);
    expect(result.outputs['changed']).toBe('true');
    expect(Object.keys((await describeSecretState(h.motoEndpoint, name)).versions)).toHaveLength(2);
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:PutSecretValue': 1 });
    h.expectNoLeaks(result, []);
  });

  it('creates one version when the same step is retried in the same run attempt (same token)', async () => {
    const name = `${h.prefix}retried`;
    await h.seed([{ name, value: 'before-6f' }]);
    const inputs = withRole({ 'secret-id': name, 'secret-string': 'release-6f', 'skip-unchanged': 'false' });
    const first = await h.run(inputs);
    const second = await h.run(inputs);

    expectSuccess(first);
    expectSuccess(second);
    expect(second.outputs).toEqual(first.outputs);
    const { versions } = await describeSecretState(h.motoEndpoint, name);
    expect(Object.keys(versions)).toHaveLength(2);
    expect(versions[first.outputs['version-id']!]).toEqual(['AWSCURRENT']);
    // Both attempts sent PutSecretValue; AWS (and moto) answer the second with the version the first wrote.
    expect(h.proxy.count('secretsmanager:PutSecretValue')).toBe(2);
    h.expectNoLeaks(first, ['release-6f']);
    h.expectNoLeaks(second, ['release-6f']);
  });

  it('does not even call PutSecretValue when a retried step finds its value current (skip-unchanged)', async () => {
    const name = `${h.prefix}retried-skip`;
    await h.seed([{ name, value: 'before-7a' }]);
    const inputs = withRole({ 'secret-id': name, 'secret-string': 'release-7a' });
    const first = await h.run(inputs);
    h.proxy.resetCounts();
    const second = await h.run(inputs);

    expectSuccess(second);
    expect(second.outputs).toEqual({ ...first.outputs, changed: 'false' });
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1 });
    expect(Object.keys((await describeSecretState(h.motoEndpoint, name)).versions)).toHaveLength(2);
    h.expectNoLeaks(second, ['release-7a']);
  });

  it('creates one more version when the workflow is re-run (a new run attempt) with a new value', async () => {
    const name = `${h.prefix}rerun`;
    await h.seed([{ name, value: 'before-8b' }]);
    const first = await h.run(withRole({ 'secret-id': name, 'secret-string': 'attempt-one-8b', 'skip-unchanged': 'false' }), { GITHUB_RUN_ATTEMPT: '1' });
    const rerun = await h.run(withRole({ 'secret-id': name, 'secret-string': 'attempt-two-8b', 'skip-unchanged': 'false' }), { GITHUB_RUN_ATTEMPT: '2' });

    expectSuccess(first);
    expectSuccess(rerun);
    const firstVersion = first.outputs['version-id']!;
    const rerunVersion = rerun.outputs['version-id']!;
    expect(rerunVersion).not.toBe(firstVersion);
    const { versions } = await describeSecretState(h.motoEndpoint, name);
    expect(Object.keys(versions)).toHaveLength(3);
    expect(versions[firstVersion]).toEqual(['AWSPREVIOUS']);
    expect(versions[rerunVersion]).toEqual(['AWSCURRENT']);
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe('attempt-two-8b');
    h.expectNoLeaks(rerun, ['attempt-one-8b', 'attempt-two-8b']);
  });

  it('uses a given client-request-token as the version id', async () => {
    const name = `${h.prefix}token`;
    await h.seed([{ name, value: 'before-9c' }]);
    const token = 'release-2026-06-01-build-1234-9c';
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': 'after-9c', 'client-request-token': token }));

    expectSuccess(result);
    expect(result.outputs['version-id']).toBe(token);
    expect((await readSecretVersion(h.motoEndpoint, name)).versionId).toBe(token);
    h.expectNoLeaks(result, ['after-9c']);
  });

  it('fails when its token names a version that another writer has since replaced', async () => {
    const name = `${h.prefix}stale`;
    await h.seed([{ name, value: 'before-0d' }]);
    const inputs = withRole({ 'secret-id': name, 'secret-string': 'ours-0d', 'skip-unchanged': 'false' });
    const first = await h.run(inputs);
    await writeSecretVersion(h.motoEndpoint, name, 'theirs-0d');
    const retried = await h.run(inputs);

    expectSuccess(first);
    const versionId = first.outputs['version-id']!;
    expect(failureMessage(retried)).toBe(
      `put-secret: PutSecretValue for secret '${name}' in us-east-1 returned version ${versionId}, written earlier with this client request token and this value, ` +
        'but it no longer holds AWSCURRENT: the secret has changed since, and nothing new was written. ' +
        'Give a new client-request-token, or re-run the workflow (a new run attempt derives a new token).',
    );
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe('theirs-0d');
    expect(retried.outputs).toEqual({});
    h.expectNoLeaks(retried, ['ours-0d', 'theirs-0d']);
  });

  it('labels the new version with version-stages, leaving AWSCURRENT where it is', async () => {
    const name = `${h.prefix}staged`;
    await h.seed([{ name, value: 'current-1e' }]);
    const [currentVersion] = Object.keys((await describeSecretState(h.motoEndpoint, name)).versions);
    const inputs = withRole({ 'secret-id': name, 'secret-string': 'pending-1e', 'version-stages': 'AWSPENDING\nrelease-candidate' });
    const result = await h.run(inputs);

    expectSuccess(result);
    const pendingVersion = result.outputs['version-id']!;
    expect((await describeSecretState(h.motoEndpoint, name)).versions).toEqual({
      [currentVersion!]: ['AWSCURRENT'],
      [pendingVersion]: ['AWSPENDING', 'release-candidate'],
    });
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe('current-1e');
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1 });

    // Again: the version holding the first label already has the value and every label.
    h.proxy.resetCounts();
    const again = await h.run(inputs);
    expectSuccess(again);
    expect(again.outputs).toEqual({ ...result.outputs, changed: 'false' });
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1 });
    h.expectNoLeaks(result, ['pending-1e']);
    h.expectNoLeaks(again, ['pending-1e']);
  });

  it('makes the new version AWSCURRENT and adds more labels when version-stages lists AWSCURRENT', async () => {
    const name = `${h.prefix}released`;
    await h.seed([{ name, value: 'v1-2f' }]);
    const [oldVersion] = Object.keys((await describeSecretState(h.motoEndpoint, name)).versions);
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': 'v2-2f', 'version-stages': 'AWSCURRENT\nrelease-1.4.0' }));

    expectSuccess(result);
    expect((await describeSecretState(h.motoEndpoint, name)).versions).toEqual({
      [oldVersion!]: ['AWSPREVIOUS'],
      [result.outputs['version-id']!]: ['AWSCURRENT', 'release-1.4.0'],
    });
    h.expectNoLeaks(result, ['v2-2f']);
  });

  it('writes a secret given by ARN in the ARN region, whatever aws-region says', async () => {
    const name = `${h.prefix}elsewhere`;
    const arns = await h.seed([{ name, value: 'eu-before-3a', region: 'eu-west-1' }]);
    const arn = arns[name]!;
    const result = await h.run(withRole({ 'secret-id': arn, 'secret-string': 'eu-after-3a' }));

    expectSuccess(result);
    expect(result.outputs['arn']).toBe(arn);
    expect((await readSecretVersion(h.motoEndpoint, arn, { stage: 'AWSCURRENT' }, 'eu-west-1')).string).toBe('eu-after-3a');
    expect(result.log).toContain(`Wrote secret '${arn}' in eu-west-1: version`);
    h.expectNoLeaks(result, ['eu-after-3a']);
  });

  it('refuses to write a missing secret without create-if-missing, and creates nothing', async () => {
    const name = `${h.prefix}missing`;
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': 'orphan-4b' }));

    expect(failureMessage(result).split('\n')).toEqual([
      `put-secret: PutSecretValue for secret '${name}' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
      'Things to check:',
      "  - It does not exist in region 'us-east-1': set 'create-if-missing: true' to create it, or, if it lives in another region, set 'aws-region'.",
    ]);
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1 });
    expect(result.outputs).toEqual({});
    expect(result.summary).toBe('');
    h.expectNoLeaks(result, ['orphan-4b']);
  });

  it.each([
    {
      operation: 'PutSecretValue',
      inputs: { 'skip-unchanged': 'false' },
      calls: { 'secretsmanager:PutSecretValue': 1 },
      hints: [
        '  - The role needs secretsmanager:PutSecretValue on the secret (a resource policy on the secret can also deny it).',
        '  - A secret encrypted with a customer-managed KMS key also needs kms:GenerateDataKey and kms:Decrypt on that key.',
      ],
    },
    {
      operation: 'GetSecretValue',
      inputs: {},
      calls: { 'secretsmanager:GetSecretValue': 1 },
      hints: [
        '  - The role needs secretsmanager:GetSecretValue on the secret: put-secret reads the current value to compare it (skip-unchanged) and to merge into it (merge-json). A plain write with skip-unchanged: false does not read.',
        '  - A secret encrypted with a customer-managed KMS key also needs kms:Decrypt on that key.',
      ],
    },
    {
      operation: 'CreateSecret',
      inputs: { 'create-if-missing': 'true', tags: 'team=payments', missing: 'yes' },
      calls: { 'secretsmanager:GetSecretValue': 1, 'secretsmanager:CreateSecret': 1 },
      hints: [
        '  - The role needs secretsmanager:CreateSecret and secretsmanager:TagResource (for the tags); IAM grants it on the name pattern of the new secret.',
        "  - With 'kms-key-id', it also needs kms:GenerateDataKey and kms:Decrypt on that key.",
      ],
    },
  ])('names the missing IAM action when $operation is denied', async ({ operation, inputs, calls, hints }) => {
    const { missing, ...rest } = inputs as Record<string, string>;
    const name = `${h.prefix}denied`;
    if (missing === undefined) await h.seed([{ name, value: 'before-5c' }]);
    h.proxy.setInterceptor((request) => (request.operation === `secretsmanager:${operation}` ? denied() : undefined));
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': 'after-5c', ...rest }));

    expect(failureMessage(result).split('\n')).toEqual([
      `put-secret: ${operation} for secret '${name}' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      ...hints,
    ]);
    expect(h.proxy.counts()).toEqual({ ...STS, ...calls });
    h.expectNoLeaks(result, ['after-5c']);
  });

  it('exports the assumed credentials, masked, with export-credentials', async () => {
    const name = `${h.prefix}exported`;
    await h.seed([{ name, value: 'before-6d' }]);
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string': 'after-6d', 'export-credentials': 'true' }));

    expectSuccess(result);
    expect(Object.keys(result.env).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) expect(result.masks).toContain(result.env[name]);
    h.expectNoLeaks(result, ['after-6d']);
  });
});
