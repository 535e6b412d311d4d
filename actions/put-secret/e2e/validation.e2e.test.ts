import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectSuccess, failureMessage, makeWorkspace, useHarness, withRole } from './harness.js';

const h = useHarness();

const ONE_OF = "Give exactly one of 'secret-string', 'secret-string-file', 'secret-binary', 'merge-json'";
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-key-AbCdEf';
const BIG_MERGE = JSON.stringify({ big: 'm'.repeat(65_530), gone: null });

interface Case {
  readonly name: string;
  readonly inputs: Record<string, string>;
  /** Files of the workspace. */
  readonly files?: Record<string, string | Uint8Array>;
  /** Extra set-up of the workspace (symlinks). */
  readonly prepare?: (workspace: string) => Promise<void>;
  /** The message after 'put-secret: '; a function of the workspace when it names it. */
  readonly message: string | ((workspace: string) => string);
}

async function linkOutside(workspace: string, linkPath: string, outsideFile: string): Promise<void> {
  const outside = await makeWorkspace({ [outsideFile]: 'outside-secret-0a' });
  await mkdir(join(workspace, linkPath, '..'), { recursive: true });
  await symlink(join(outside, outsideFile.split('/')[0]!), join(workspace, linkPath));
}

const cases: Case[] = [
  // Which value
  { name: 'no value input', inputs: { 'secret-id': 'app/key' }, message: `${ONE_OF}; none was given. An expression that evaluates to an empty string (such as a missing secret) counts as not given.` },
  { name: 'two value inputs', inputs: { 'secret-id': 'app/key', 'secret-string': 'v-1b', 'merge-json': '{"a":"b-1b"}' }, message: `${ONE_OF}; got 'secret-string' and 'merge-json'.` },
  { name: 'a whitespace-only secret-string', inputs: { 'secret-id': 'app/key', 'secret-string': ' \n\t ' }, message: "Input 'secret-string' is only whitespace; refusing to store an empty value." },
  // Files
  {
    name: 'a missing file',
    inputs: { 'secret-id': 'app/key', 'secret-string-file': 'nope/key.txt' },
    message: (workspace) => `Input 'secret-string-file' 'nope/key.txt': no such file (relative paths start at the workspace '${workspace}').`,
  },
  { name: 'a directory', inputs: { 'secret-id': 'app/key', 'secret-string-file': 'certs' }, files: { 'certs/a.pem': 'x' }, message: "Input 'secret-string-file' 'certs': is not a regular file." },
  {
    name: 'a symlink to a file outside the workspace',
    inputs: { 'secret-id': 'app/key', 'secret-string-file': 'key.txt' },
    prepare: (workspace) => linkOutside(workspace, 'key.txt', 'id_rsa'),
    message: "Input 'secret-string-file' 'key.txt': is a symlink, or lies under one, that resolves outside the workspace; refusing to read it. Give the path of the file itself.",
  },
  {
    name: 'a file under a symlinked directory that leads outside the workspace',
    inputs: { 'secret-id': 'app/key', 'secret-string-file': 'config/creds' },
    prepare: (workspace) => linkOutside(workspace, 'config', 'home/creds'),
    message: "Input 'secret-string-file' 'config/creds': is a symlink, or lies under one, that resolves outside the workspace; refusing to read it. Give the path of the file itself.",
  },
  {
    name: 'an empty file',
    inputs: { 'secret-id': 'app/key', 'secret-string-file': 'empty.txt' },
    files: { 'empty.txt': '\n' },
    message: "The file of input 'secret-string-file' is empty or only whitespace; refusing to store an empty value.",
  },
  {
    name: 'a file that is not UTF-8',
    inputs: { 'secret-id': 'app/key', 'secret-string-file': 'keystore.p12' },
    files: { 'keystore.p12': new Uint8Array([0x30, 0x82, 0xff, 0xfe, 0x00]) },
    message: "Input 'secret-string-file' 'keystore.p12': is not valid UTF-8 text; store binary data with 'secret-binary' (base64).",
  },
  {
    name: 'a *.json file that is not JSON',
    inputs: { 'secret-id': 'app/key', 'secret-string-file': 'config.json' },
    files: { 'config.json': '{"user": "app",\n "password": "pw-2c"' },
    message: "The file of input 'secret-string-file' ends in .json but is not valid JSON at position 36 (line 2 column 21).",
  },
  {
    name: 'a file larger than any service stores',
    inputs: { 'secret-id': 'app/key', 'secret-string-file': 'big.txt' },
    files: { 'big.txt': 'b'.repeat(70_000) },
    message: "Input 'secret-string-file' 'big.txt': is 70000 bytes; put-secret stores at most 65536 bytes (64 KiB, the Secrets Manager limit).",
  },
  // Binary and JSON
  { name: 'secret-binary that is not base64', inputs: { 'secret-id': 'app/key', 'secret-binary': 'AAAA$BBB' }, message: "Input 'secret-binary' must be base64: character 5 is not in the base64 alphabet." },
  {
    name: 'secret-binary in base64url',
    inputs: { 'secret-id': 'app/key', 'secret-binary': 'AA-_' },
    message: "Input 'secret-binary' must be base64: character 3 is not in the base64 alphabet (base64url); use standard base64 with + and /.",
  },
  { name: 'secret-binary with a wrong length', inputs: { 'secret-id': 'app/key', 'secret-binary': 'AAAAA' }, message: "Input 'secret-binary' must be base64: its length or '=' padding is wrong." },
  {
    name: 'merge-json that is not JSON',
    inputs: { 'secret-id': 'app/key', 'merge-json': '{"api_key": "k-3d"' },
    message: 'Input \'merge-json\' is not valid JSON at position 18 (line 1 column 19); expected a JSON object such as {"key": "value"}.',
  },
  { name: 'merge-json that is an array', inputs: { 'secret-id': 'app/key', 'merge-json': '["k-4e"]' }, message: 'Input \'merge-json\' must be a JSON object such as {"key": "value"}; got an array.' },
  { name: 'merge-json that is an empty object', inputs: { 'secret-id': 'app/key', 'merge-json': '{ }' }, message: "Input 'merge-json' is an empty object: there is nothing to merge." },
  {
    name: 'merge-json with a number too long for JavaScript',
    inputs: { 'secret-id': 'app/key', 'merge-json': '{"account": 123456789012345678901}' },
    message: "Input 'merge-json' has a number JavaScript cannot hold exactly (too many digits); write it as a string so that it is stored as given.",
  },
  // Sizes
  {
    name: 'a value over 64 KiB (counted in UTF-8 bytes)',
    inputs: { 'secret-id': 'app/key', 'secret-string': 'é'.repeat(32_769) },
    message: "The value of input 'secret-string' is 65538 bytes; Secrets Manager stores at most 65536 bytes (64 KiB) per secret value.",
  },
  {
    name: 'a merge object over 64 KiB',
    inputs: { 'secret-id': 'app/key', 'merge-json': BIG_MERGE },
    message: "The value of input 'merge-json' (without its null keys) is 65540 bytes; Secrets Manager stores at most 65536 bytes (64 KiB) per secret value.",
  },
  {
    name: 'a value over 4 KiB for a Standard parameter',
    inputs: { 'secret-id': 'ssm:/app/key', 'secret-string': 'p'.repeat(4097) },
    message: "The value of input 'secret-string' is 4097 bytes; a Standard-tier parameter holds at most 4096 bytes (4 KiB); set 'parameter-tier' to Advanced for up to 8 KiB.",
  },
  {
    name: 'a value over 8 KiB for an Advanced parameter',
    inputs: { 'secret-id': 'ssm:/app/key', 'secret-string': 'p'.repeat(8193), 'parameter-tier': 'Advanced' },
    message: "The value of input 'secret-string' is 8193 bytes; a parameter in the Advanced tier holds at most 8192 bytes (8 KiB).",
  },
  // Creation options
  ...(['kms-key-id', 'description'] as const).map((input) => ({
    name: `${input} without create-if-missing`,
    inputs: { 'secret-id': 'app/key', 'secret-string': 'v-5f', [input]: 'given' },
    message: `Input '${input}' applies only when put-secret creates the secret: set 'create-if-missing: true' (an existing secret keeps its own).`,
  })),
  {
    name: 'tags without create-if-missing',
    inputs: { 'secret-id': 'app/key', 'secret-string': 'v-5f', tags: 'team=payments' },
    message: "Input 'tags' applies only when put-secret creates the secret: set 'create-if-missing: true' (an existing secret keeps its own).",
  },
  {
    name: 'tags without create-if-missing for a parameter',
    inputs: { 'secret-id': 'ssm:/app/key', 'secret-string': 'v-5f', tags: 'team=payments' },
    message: "Input 'tags' applies only when put-secret creates the parameter: set 'create-if-missing: true' (an existing parameter keeps its own).",
  },
  {
    name: 'a tags line without =',
    inputs: { 'secret-id': 'app/key', 'secret-string': 'v-6a', 'create-if-missing': 'true', tags: 'team=payments\nrelease bot' },
    message: "Input 'tags', line 2 'release bot': expected KEY=VALUE.",
  },
  {
    name: 'a reserved tag key',
    inputs: { 'secret-id': 'app/key', 'secret-string': 'v-6a', 'create-if-missing': 'true', tags: 'aws:owner=me' },
    message: "Input 'tags', line 1 'aws:owner=me': tag keys starting with 'aws:' are reserved by AWS.",
  },
  {
    name: 'a tag key given twice',
    inputs: { 'secret-id': 'app/key', 'secret-string': 'v-6a', 'create-if-missing': 'true', tags: 'team=a\nteam=b' },
    message: "Input 'tags', line 2 'team=b': the key 'team' is given twice.",
  },
  {
    name: 'a description that is too long',
    inputs: { 'secret-id': 'ssm:/app/key', 'secret-string': 'v-6a', 'create-if-missing': 'true', description: 'd'.repeat(1025) },
    message: "Input 'description' is 1025 characters; at most 1024 are allowed.",
  },
  {
    name: 'create-if-missing with an ARN',
    inputs: { 'secret-id': SECRET_ARN, 'secret-string': 'v-7b', 'create-if-missing': 'true' },
    message: "With 'create-if-missing: true', give 'secret-id' as a name: AWS picks the ARN of a new secret (its random suffix).",
  },
  // Inputs for the other service
  ...(
    [
      ['parameter-type', 'String'],
      ['parameter-tier', 'Advanced'],
      ['overwrite', 'false'],
    ] as const
  ).map(([input, value]) => ({
    name: `${input} for a secret`,
    inputs: { 'secret-id': 'app/key', 'secret-string': 'v-8c', [input]: value },
    message: `Input '${input}' is for Parameter Store (secret-id: ssm:NAME); 'secret-id' names a Secrets Manager secret.`,
  })),
  {
    name: 'secret-binary for a parameter',
    inputs: { 'secret-id': 'ssm:/app/key', 'secret-binary': 'AAEC' },
    message: "Input 'secret-binary' works with Secrets Manager only (Parameter Store stores text); 'secret-id' names a parameter.",
  },
  {
    name: 'merge-json for a parameter',
    inputs: { 'secret-id': 'ssm:/app/key', 'merge-json': '{"a":"a-9d"}' },
    message: "Input 'merge-json' works with Secrets Manager only (a safe merge needs the staging labels of Secrets Manager); 'secret-id' names a parameter.",
  },
  {
    name: 'version-stages for a parameter',
    inputs: { 'secret-id': 'ssm:/app/key', 'secret-string': 'v-9d', 'version-stages': 'AWSPENDING' },
    message: "Input 'version-stages' works with Secrets Manager only (Parameter Store has no staging labels); 'secret-id' names a parameter.",
  },
  {
    name: 'client-request-token for a parameter',
    inputs: { 'secret-id': 'ssm:/app/key', 'secret-string': 'v-9d', 'client-request-token': 'release-2026-06-01-build-1234-9d' },
    message: "Input 'client-request-token' works with Secrets Manager only (Parameter Store writes take no token); 'secret-id' names a parameter.",
  },
  {
    name: 'kms-key-id for a String parameter',
    inputs: { 'secret-id': 'ssm:/app/key', 'secret-string': 'v-9d', 'parameter-type': 'String', 'kms-key-id': 'alias/params' },
    message: "Input 'kms-key-id' encrypts SecureString parameters; 'parameter-type' is String.",
  },
  // Combinations with merge-json
  {
    name: 'merge-json with version-stages',
    inputs: { 'secret-id': 'app/key', 'merge-json': '{"a":"a-0e"}', 'version-stages': 'AWSPENDING' },
    message: "Input 'version-stages' cannot be combined with 'merge-json', which always makes the merged version AWSCURRENT.",
  },
  {
    name: 'merge-json with client-request-token',
    inputs: { 'secret-id': 'app/key', 'merge-json': '{"a":"a-0e"}', 'client-request-token': 'release-2026-06-01-build-1234-0e' },
    message: "Input 'client-request-token' cannot be combined with 'merge-json': each merge round writes another value and needs its own token.",
  },
  // Single inputs
  {
    name: 'a staging label with a space',
    inputs: { 'secret-id': 'app/key', 'secret-string': 'v-1f', 'version-stages': 'AWSCURRENT\nrelease candidate' },
    message: "Input 'version-stages', line 2 'release candidate': a staging label is 1 to 256 letters, digits and _.+=@-.",
  },
  {
    name: "a staging label of merge-json's own",
    inputs: { 'secret-id': 'app/key', 'secret-string': 'v-1f', 'version-stages': 'PUTSECRET_PENDING_0123456789ABCDEF' },
    message: "Input 'version-stages', line 1 'PUTSECRET_PENDING_0123456789ABCDEF': labels starting with PUTSECRET_PENDING_ belong to merge-json.",
  },
  {
    name: 'a client-request-token that is too short',
    inputs: { 'secret-id': 'app/key', 'secret-string': 'v-1f', 'client-request-token': 'build-42' },
    message: "Input 'client-request-token' must be 32 to 64 letters, digits and -; got 'build-42' (8 characters).",
  },
  {
    name: 'a secret name with a space',
    inputs: { 'secret-id': 'prod/api key', 'secret-string': 'v-2a' },
    message: "Input 'secret-id' 'prod/api key': a secret name may only contain letters, digits and /_+=.@- (at most 512 characters); a parameter is written as ssm:NAME.",
  },
  {
    name: 'a parameter ARN',
    inputs: { 'secret-id': 'ssm:arn:aws:ssm:us-east-1:123456789012:parameter/app/key', 'secret-string': 'v-2a' },
    message:
      "Input 'secret-id' 'ssm:arn:aws:ssm:us-east-1:123456789012:parameter/app/key': Parameter Store writes take a parameter name, not an ARN (PutParameter accepts names only); use ssm:NAME and set aws-region.",
  },
  {
    name: 'a hierarchical parameter name without a leading /',
    inputs: { 'secret-id': 'ssm:app/key', 'secret-string': 'v-2a' },
    message: "Input 'secret-id' 'ssm:app/key': a hierarchical parameter name starts with / and has no empty level, such as ssm:/app/prod/token.",
  },
  { name: 'no secret-id', inputs: { 'secret-string': 'v-2a' }, message: "Input 'secret-id' is required: a secret name, a secret ARN or ssm:NAME for a Parameter Store parameter." },
  { name: 'no region', inputs: { 'secret-id': 'app/key', 'secret-string': 'v-2a', 'aws-region': '' }, message: "No region: set the 'aws-region' input (or AWS_REGION), or give the secret's ARN." },
  {
    name: 'skip-unchanged that is not a YAML boolean',
    inputs: { 'secret-id': 'app/key', 'secret-string': 'v-3b', 'skip-unchanged': 'yes' },
    message: "Input 'skip-unchanged' must be a boolean: one of true, True, TRUE, false, False, FALSE; got 'yes'.",
  },
  {
    name: 'an unknown parameter-type',
    inputs: { 'secret-id': 'ssm:/app/key', 'secret-string': 'v-3b', 'parameter-type': 'securestring' },
    message: "Input 'parameter-type' must be one of SecureString, String, StringList; got 'securestring'.",
  },
];

/** The values a case hands the action: none may show anywhere. */
function valuesOf(testCase: Case): string[] {
  const { inputs, files = {} } = testCase;
  return [
    ...['secret-string', 'secret-binary', 'merge-json'].flatMap((input) => (inputs[input] === undefined ? [] : [inputs[input]])),
    ...Object.values(files).flatMap((contents) => (typeof contents === 'string' ? [contents] : [])),
    'outside-secret-0a',
  ];
}

describe('put-secret checks every input before any AWS call', () => {
  it.each(cases)('refuses $name', async (testCase) => {
    const workspace = await makeWorkspace(testCase.files);
    await testCase.prepare?.(workspace);
    const result = await h.run(withRole(testCase.inputs), {}, workspace);

    const message = typeof testCase.message === 'string' ? testCase.message : testCase.message(workspace);
    expect(failureMessage(result)).toBe(`put-secret: ${message}`);
    expect(result.exitCode).toBe(1);
    // Not one AWS call, not even for credentials: no token was asked for.
    expect(h.proxy.calls).toEqual([]);
    expect(h.oidc.requests).toEqual([]);
    expect(result.outputs).toEqual({});
    expect(result.summary).toBe('');
    h.expectNoLeaks(result, valuesOf(testCase));
  });

  it('masks a value before refusing another input', async () => {
    const result = await h.run(withRole({ 'secret-id': 'app/key', 'secret-string': 'line-one-4c\nline-two-4c', 'skip-unchanged': 'maybe' }));

    expect(failureMessage(result)).toContain("Input 'skip-unchanged' must be a boolean");
    expect(result.masks).toEqual(['line-one-4c\nline-two-4c', 'line-one-4c', 'line-two-4c']);
    h.expectNoLeaks(result, ['line-one-4c\nline-two-4c']);
  });

  it('reads a file through a symlink that stays inside the workspace', async () => {
    const name = `${h.prefix}linked`;
    await h.seed([{ name, value: 'before-5d' }]);
    const workspace = await makeWorkspace({ 'secrets/real.txt': 'linked-value-5d' });
    await symlink(join(workspace, 'secrets/real.txt'), join(workspace, 'current.txt'));
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string-file': 'current.txt' }), {}, workspace);

    expectSuccess(result);
    expect(result.outputs['changed']).toBe('true');
    h.expectNoLeaks(result, ['linked-value-5d']);
  });

  it('reads a file outside the workspace given by its own path, such as one in RUNNER_TEMP', async () => {
    const name = `${h.prefix}temp-file`;
    await h.seed([{ name, value: 'before-6e' }]);
    const elsewhere = await makeWorkspace({ 'generated.key': 'generated-6e' });
    const result = await h.run(withRole({ 'secret-id': name, 'secret-string-file': join(elsewhere, 'generated.key') }));

    expectSuccess(result);
    h.expectNoLeaks(result, ['generated-6e']);
  });
});
