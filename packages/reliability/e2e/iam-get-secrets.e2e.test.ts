import { createSecrets, putParameters } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { expectSuccess, failureMessage, useIamHarness } from './iam-harness.js';
import { allowOnly, readmePolicy, withoutAction } from './readme-policies.js';

const STS = { 'sts:AssumeRoleWithWebIdentity': 1 };
const POLICY = readmePolicy('get-secrets');
const FALLBACK_NOTICE =
  'The role may not call secretsmanager:BatchGetSecretValue, so secrets were read one GetSecretValue at a time. Add secretsmanager:BatchGetSecretValue to its policy to read 20 per call.';

describe('get-secrets under moto IAM enforcement, with the README policy', () => {
  const h = useIamHarness('get-secrets');

  /** Seeds two named secrets, two under a prefix, two parameters by name and two under a path. */
  async function seedAll(): Promise<{ references: string; values: Record<string, string> }> {
    const p = h.prefix;
    const values = {
      DB: `db-${p}`,
      API: `api-${p}`,
      APP_A: `app-a-${p}`,
      APP_B: `app-b-${p}`,
      TOKEN: `token-${p}`,
      HOST: `host-${p}`,
      CFG_X: `cfg-x-${p}`,
      CFG_Y: `cfg-y-${p}`,
    };
    h.remember(...Object.values(values));
    await createSecrets(h.moto.server.endpoint, [
      { name: `${p}db`, value: values.DB },
      { name: `${p}api`, value: values.API },
      { name: `${p}app/a`, value: values.APP_A },
      { name: `${p}app/b`, value: values.APP_B },
    ]);
    const root = `/${p}ssm`;
    await putParameters(h.moto.server.endpoint, [
      { name: `${root}/token`, value: values.TOKEN },
      { name: `${root}/host`, value: values.HOST, type: 'String' },
      { name: `${root}/cfg/x`, value: values.CFG_X },
      { name: `${root}/cfg/y`, value: values.CFG_Y },
    ]);
    const references = [`DB,${p}db`, `API,${p}api`, `${p}app/*`, `TOKEN,ssm:${root}/token`, `HOST,ssm:${root}/host`, `ssm:${root}/cfg/*`].join('\n');
    return { references, values };
  }

  it('reads names, a prefix, parameters and a path with exactly the README policy', async () => {
    const { references, values } = await seedAll();
    const result = await h.run(POLICY, { 'secret-ids': references });
    expectSuccess(result);
    // A prefix's matches are named after the whole secret name: iam-1a2b3c4d/app/a → IAM_1A2B3C4D_APP_A.
    const envPrefix = h.prefix.slice(0, -1).toUpperCase().replace('-', '_');
    expect(result.env).toEqual({
      DB: values.DB,
      API: values.API,
      [`${envPrefix}_APP_A`]: values.APP_A,
      [`${envPrefix}_APP_B`]: values.APP_B,
      TOKEN: values.TOKEN,
      HOST: values.HOST,
      X: values.CFG_X,
      Y: values.CFG_Y,
    });
    // Names and the prefix's matches are read in one batch each; both parameter kinds in one call each.
    expect(h.counts()).toEqual({
      ...STS,
      'secretsmanager:ListSecrets': 1,
      'secretsmanager:BatchGetSecretValue': 2,
      'ssm:GetParameters': 1,
      'ssm:GetParametersByPath': 1,
    });
    expect(h.denials()).toEqual([]);
    expect(result.notices).toEqual([]);
    h.expectNoLeaks(result);
  });

  it('falls back to GetSecretValue, with one notice, for a role allowed only secretsmanager:GetSecretValue', async () => {
    const names = Array.from({ length: 3 }, (_, i) => `${h.prefix}only-get-${i}`);
    const values = names.map((name) => `value-of-${name}`);
    h.remember(...values);
    await createSecrets(h.moto.server.endpoint, names.map((name, i) => ({ name, value: values[i]! })));
    const result = await h.run(allowOnly(['secretsmanager:GetSecretValue']), {
      'secret-ids': names.map((name, i) => `S${i},${name}`).join('\n'),
    });
    expectSuccess(result);
    expect(result.env).toEqual({ S0: values[0], S1: values[1], S2: values[2] });
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:BatchGetSecretValue': 1, 'secretsmanager:GetSecretValue': 3 });
    expect(h.denials()).toEqual(['secretsmanager:BatchGetSecretValue']);
    expect(result.notices).toEqual([FALLBACK_NOTICE]);
    h.expectNoLeaks(result);
  });

  it('falls back for every secret of two batches: 25 names, a role allowed only GetSecretValue', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `${h.prefix}many-${String(i).padStart(2, '0')}`);
    const values = names.map((name) => `value-of-${name}`);
    h.remember(...values);
    await createSecrets(h.moto.server.endpoint, names.map((name, i) => ({ name, value: values[i]! })));
    const result = await h.run(allowOnly(['secretsmanager:GetSecretValue']), {
      'secret-ids': names.map((name, i) => `S${i},${name}`).join('\n'),
    });
    expectSuccess(result);
    expect(result.env).toEqual(Object.fromEntries(values.map((value, i) => [`S${i}`, value])));
    // Both chunks of 20 and 5 ask BatchGetSecretValue at once, before either denial is back.
    expect(h.counts()).toEqual({ ...STS, 'secretsmanager:BatchGetSecretValue': 2, 'secretsmanager:GetSecretValue': 25 });
    expect(h.denials()).toEqual(['secretsmanager:BatchGetSecretValue', 'secretsmanager:BatchGetSecretValue']);
    expect(result.notices).toEqual([FALLBACK_NOTICE]);
    h.expectNoLeaks(result);
  });

  it('fails naming ssm:GetParameters, exporting nothing, without it', async () => {
    const { references } = await seedAll();
    const result = await h.run(withoutAction(POLICY, 'ssm:GetParameters'), { 'secret-ids': references });
    const root = `/${h.prefix}ssm`;
    const denial = 'AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)';
    expect(failureMessage(result).split('\n')).toEqual([
      'get-secrets: Failed to fetch 2 references; nothing was exported:',
      `  - 'TOKEN,ssm:${root}/token': GetParameters for parameter '${root}/token' in us-east-1 failed: ${denial}`,
      `  - 'HOST,ssm:${root}/host': GetParameters for parameter '${root}/host' in us-east-1 failed: ${denial}`,
      'Things to check:',
      '  - The role needs ssm:GetParameters on this parameter.',
      '  - A SecureString encrypted with a customer-managed KMS key also needs kms:Decrypt on that key.',
    ]);
    // Everything else was read (one call per kind), then nothing was exported.
    expect(h.counts()).toEqual({
      ...STS,
      'secretsmanager:ListSecrets': 1,
      'secretsmanager:BatchGetSecretValue': 2,
      'ssm:GetParameters': 1,
      'ssm:GetParametersByPath': 1,
    });
    expect(result.env).toEqual({});
    expect(result.outputs).toEqual({});
    expect(h.denials()).toEqual(['ssm:GetParameters']);
    h.expectNoLeaks(result);
  });

  it('fails naming secretsmanager:ListSecrets for a prefix reference without it', async () => {
    const { references } = await seedAll();
    const result = await h.run(withoutAction(POLICY, 'secretsmanager:ListSecrets'), { 'secret-ids': references });
    expect(failureMessage(result).split('\n')).toEqual([
      'get-secrets: Failed to fetch 1 reference; nothing was exported:',
      `  - '${h.prefix}app/*': ListSecrets for prefix '${h.prefix}app/' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      '  - Prefix references need secretsmanager:ListSecrets, which IAM grants on Resource "*" only.',
    ]);
    // The named secrets' batch was already on its way; no batch follows for the prefix.
    expect(h.counts()).toEqual({
      ...STS,
      'secretsmanager:ListSecrets': 1,
      'secretsmanager:BatchGetSecretValue': 1,
      'ssm:GetParameters': 1,
      'ssm:GetParametersByPath': 1,
    });
    expect(result.env).toEqual({});
    expect(result.outputs).toEqual({});
    expect(h.denials()).toEqual(['secretsmanager:ListSecrets']);
    h.expectNoLeaks(result);
  });
});
