import { ConfigurationError } from '@aws-secrets-actions/core';
import { describe, expect, it } from 'vitest';
import { INPUTS, parseInputs } from './inputs.js';

const RUN_ENV = { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '3', GITHUB_REPOSITORY: 'octo/app', GITHUB_WORKSPACE: '/nonexistent-workspace' };
const ROLE = {
  regionInput: undefined,
  exportCredentials: false,
  role: { roleToAssume: undefined, roleChain: [], audience: 'sts.amazonaws.com', sessionName: 'gha-42-3-octo.app', durationSeconds: 900, externalId: undefined },
};

function reader(inputs: Record<string, string>): (name: string) => string {
  // As action.yml's defaults arrive.
  const withDefaults: Record<string, string> = { [INPUTS.createIfMissing]: 'false', [INPUTS.skipUnchanged]: 'true', 'export-credentials': 'false', ...inputs };
  return (name) => withDefaults[name] ?? '';
}

async function parse(inputs: Record<string, string>): Promise<{ parsed: Awaited<ReturnType<typeof parseInputs>>; masks: string[] }> {
  const masks: string[] = [];
  const parsed = await parseInputs(reader(inputs), RUN_ENV, (value) => masks.push(value));
  return { parsed, masks };
}

describe('parseInputs', () => {
  it('reads a plain write to a secret with the defaults, the value untrimmed and masked', async () => {
    expect(await parse({ [INPUTS.secretId]: ' prod/api-key ', [INPUTS.secretString]: 'value\n' })).toEqual({
      parsed: {
        ...ROLE,
        target: { kind: 'secret', secretId: 'prod/api-key', arn: undefined },
        value: { kind: 'string', input: 'secret-string', text: 'value\n' },
        skipUnchanged: true,
        create: undefined,
        versionStages: undefined,
        clientRequestToken: undefined,
        parameter: { type: undefined, tier: undefined, overwrite: true, kmsKeyId: undefined },
      },
      masks: ['value\n', 'value'],
    });
  });

  it('reads the creation options of a secret', async () => {
    const { parsed } = await parse({
      [INPUTS.secretId]: 'prod/api-key',
      [INPUTS.secretString]: 'v',
      [INPUTS.createIfMissing]: 'true',
      [INPUTS.kmsKeyId]: 'alias/app',
      [INPUTS.description]: 'The key',
      [INPUTS.tags]: 'team=payments',
      [INPUTS.versionStages]: 'AWSCURRENT\nrelease-1',
      [INPUTS.clientRequestToken]: 'release-2026-06-01-build-1234-abcd',
      [INPUTS.skipUnchanged]: 'false',
    });
    expect(parsed).toMatchObject({
      skipUnchanged: false,
      create: { kmsKeyId: 'alias/app', description: 'The key', tags: [{ key: 'team', value: 'payments' }] },
      versionStages: ['AWSCURRENT', 'release-1'],
      clientRequestToken: 'release-2026-06-01-build-1234-abcd',
    });
  });

  it('sends kms-key-id with every parameter write, not only on creation', async () => {
    const { parsed } = await parse({
      [INPUTS.secretId]: 'ssm:/app/token',
      [INPUTS.secretString]: 'v',
      [INPUTS.kmsKeyId]: 'alias/params',
      [INPUTS.parameterType]: 'SecureString',
      [INPUTS.parameterTier]: 'Advanced',
      [INPUTS.overwrite]: 'false',
    });
    expect(parsed).toMatchObject({
      target: { kind: 'parameter', name: '/app/token' },
      create: undefined,
      parameter: { type: 'SecureString', tier: 'Advanced', overwrite: false, kmsKeyId: 'alias/params' },
    });
  });

  it('keeps a created parameter’s description and tags, never its KMS key, in the creation options', async () => {
    const { parsed } = await parse({
      [INPUTS.secretId]: 'ssm:/app/token',
      [INPUTS.secretString]: 'v',
      [INPUTS.createIfMissing]: 'true',
      [INPUTS.kmsKeyId]: 'alias/params',
      [INPUTS.description]: 'Token',
    });
    expect(parsed.create).toEqual({ kmsKeyId: undefined, description: 'Token', tags: [] });
    expect(parsed.parameter.kmsKeyId).toBe('alias/params');
  });

  it('reads merge-json and masks its leaves', async () => {
    const { parsed, masks } = await parse({ [INPUTS.secretId]: 'prod/app', [INPUTS.mergeJson]: '{"api_key":"k1","old":null}' });
    expect(parsed.value).toEqual({ kind: 'merge-json', input: 'merge-json', patch: { api_key: 'k1', old: null }, text: '{"api_key":"k1","old":null}' });
    expect(masks).toEqual(['{"api_key":"k1","old":null}', 'k1']);
  });

  it('masks the value before it refuses another input', async () => {
    const masks: string[] = [];
    await expect(parseInputs(reader({ [INPUTS.secretId]: 'bad name', [INPUTS.secretString]: 'secret-value' }), RUN_ENV, (value) => masks.push(value))).rejects.toThrow(
      ConfigurationError,
    );
    expect(masks).toEqual(['secret-value']);
  });

  it.each([
    {
      name: 'kms-key-id for a secret without create-if-missing',
      inputs: { [INPUTS.kmsKeyId]: 'alias/k' },
      message: "Input 'kms-key-id' applies only when put-secret creates the secret: set 'create-if-missing: true' (an existing secret keeps its own).",
    },
    { name: 'overwrite for a secret', inputs: { [INPUTS.overwrite]: 'true' }, message: "Input 'overwrite' is for Parameter Store (secret-id: ssm:NAME); 'secret-id' names a Secrets Manager secret." },
    { name: 'a bad parameter-tier', inputs: { [INPUTS.secretId]: 'ssm:/a', [INPUTS.parameterTier]: 'advanced' }, message: "Input 'parameter-tier' must be one of Standard, Advanced, Intelligent-Tiering; got 'advanced'." },
    { name: 'a bad overwrite', inputs: { [INPUTS.secretId]: 'ssm:/a', [INPUTS.overwrite]: 'no' }, message: "Input 'overwrite' must be a boolean: one of true, True, TRUE, false, False, FALSE; got 'no'." },
    { name: 'a secret description over 2048 characters', inputs: { [INPUTS.createIfMissing]: 'true', [INPUTS.description]: 'd'.repeat(2049) }, message: "Input 'description' is 2049 characters; at most 2048 are allowed." },
  ])('refuses $name', async ({ inputs, message }) => {
    const parsing = parse({ [INPUTS.secretId]: 'prod/api-key', [INPUTS.secretString]: 'v', ...inputs });
    await expect(parsing).rejects.toThrow(ConfigurationError);
    await expect(parsing).rejects.toThrow(message);
  });
});
