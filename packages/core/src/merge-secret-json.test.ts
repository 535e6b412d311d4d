import {
  CreateSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsCallError, ConfigurationError, describeError } from './errors.js';
import { mergeSecretJson, type MergeDeps, type SecretMergeRequest } from './merge-secret-json.js';
import { forgetSensitive } from './sensitive-text.js';

// Each test is a step of its own: values remembered by an earlier one must not scrub its messages.
beforeEach(() => {
  forgetSensitive();
});

const sm = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'us-east-1' });
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/config-AbCdEf';
const LABEL = 'PUTSECRET_PENDING_0123456789ABCDEF';

beforeEach(() => {
  sm.reset();
});
afterAll(() => {
  sm.restore();
});

const notFound = (): ResourceNotFoundException => new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: { httpStatusCode: 400 } });
const moved = (version: string): InvalidParameterException =>
  new InvalidParameterException({ message: `Version stage AWSCURRENT not found in version ${version}`, $metadata: { httpStatusCode: 400 } });
const denied = (): Error => Object.assign(new SyntaxError('unreadable'), { $metadata: { httpStatusCode: 403 } });

function current(versionId: string, value: unknown): object {
  return { ARN, Name: 'app/config', VersionId: versionId, VersionStages: ['AWSCURRENT'], SecretString: typeof value === 'string' ? value : JSON.stringify(value) };
}

function request(overrides: Partial<SecretMergeRequest> = {}): SecretMergeRequest {
  return {
    secretId: 'app/config',
    region: 'us-east-1',
    patch: { b: 'two', gone: null },
    skipUnchanged: true,
    create: undefined,
    tokenFor: (text) => `token-for-${text.length}-${'x'.repeat(24)}`,
    stageLabel: LABEL,
    ...overrides,
  };
}

interface Recorded {
  deps: MergeDeps;
  sleeps: number[];
  masks: string[];
  infos: string[];
  warnings: string[];
}

function recorder(): Recorded {
  const recorded: Recorded = {
    sleeps: [],
    masks: [],
    infos: [],
    warnings: [],
    deps: {
      sleep: async (ms) => {
        recorded.sleeps.push(ms);
        await Promise.resolve();
      },
      random: () => 0.5,
      mask: (value) => recorded.masks.push(value),
      info: (message) => recorded.infos.push(message),
      warning: (message) => recorded.warnings.push(message),
    },
  };
  return recorded;
}

const inputsOf = <T extends object>(command: Parameters<typeof sm.commandCalls>[0]): T[] => sm.commandCalls(command).map((call) => call.args[0].input as T);

describe('mergeSecretJson', () => {
  it('writes the merge under its own label, swaps AWSCURRENT from the version it read, and removes its label', async () => {
    sm.on(GetSecretValueCommand).resolves(current('v0', { a: 'one', gone: 'x' }));
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: 'v1', VersionStages: [LABEL] });
    sm.on(UpdateSecretVersionStageCommand).resolves({ ARN });
    const recorded = recorder();

    expect(await mergeSecretJson(request(), client, recorded.deps)).toEqual({ versionId: 'v1', arn: ARN, changed: true, created: false, attempts: 1 });
    expect(inputsOf(GetSecretValueCommand)).toEqual([{ SecretId: 'app/config', VersionStage: 'AWSCURRENT' }]);
    expect(inputsOf(PutSecretValueCommand)).toEqual([
      { SecretId: 'app/config', ClientRequestToken: `token-for-21-${'x'.repeat(24)}`, SecretString: '{"a":"one","b":"two"}', VersionStages: [LABEL] },
    ]);
    expect(inputsOf(UpdateSecretVersionStageCommand)).toEqual([
      { SecretId: 'app/config', VersionStage: 'AWSCURRENT', MoveToVersionId: 'v1', RemoveFromVersionId: 'v0' },
      { SecretId: 'app/config', VersionStage: LABEL, RemoveFromVersionId: 'v1' },
    ]);
    expect(recorded.masks).toEqual(['{"a":"one","b":"two"}', 'one', 'two']);
    expect(recorded.sleeps).toEqual([]);
    expect(recorded.warnings).toEqual([]);
  });

  it('writes nothing when the merge changes nothing', async () => {
    sm.on(GetSecretValueCommand).resolves(current('v0', '{ "b": "two" }'));
    const recorded = recorder();

    expect(await mergeSecretJson(request(), client, recorded.deps)).toEqual({ versionId: 'v0', arn: ARN, changed: false, created: false, attempts: 1 });
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(0);
    expect(sm.commandCalls(UpdateSecretVersionStageCommand)).toHaveLength(0);
  });

  it('writes an unchanged merge with skipUnchanged off', async () => {
    sm.on(GetSecretValueCommand).resolves(current('v0', { b: 'two' }));
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: 'v1', VersionStages: [LABEL] });
    sm.on(UpdateSecretVersionStageCommand).resolves({ ARN });

    expect((await mergeSecretJson(request({ skipUnchanged: false }), client, recorder().deps)).changed).toBe(true);
  });

  it('reads and merges again after a lost swap, after a jittered pause, keeping the other writer’s keys', async () => {
    sm.on(GetSecretValueCommand)
      .resolvesOnce(current('v0', { a: 'one' }))
      .resolvesOnce(current('v9', { a: 'one', c: 'theirs' }));
    sm.on(PutSecretValueCommand)
      .resolvesOnce({ ARN, VersionId: 'v1', VersionStages: [LABEL] })
      .resolvesOnce({ ARN, VersionId: 'v2', VersionStages: [LABEL] });
    sm.on(UpdateSecretVersionStageCommand).rejectsOnce(moved('v0')).resolves({ ARN });
    const recorded = recorder();

    expect(await mergeSecretJson(request(), client, recorded.deps)).toEqual({ versionId: 'v2', arn: ARN, changed: true, created: false, attempts: 2 });
    expect(inputsOf<{ SecretString: string }>(PutSecretValueCommand).map((input) => input.SecretString)).toEqual(['{"a":"one","b":"two"}', '{"a":"one","c":"theirs","b":"two"}']);
    expect(inputsOf(UpdateSecretVersionStageCommand)).toEqual([
      { SecretId: 'app/config', VersionStage: 'AWSCURRENT', MoveToVersionId: 'v1', RemoveFromVersionId: 'v0' },
      { SecretId: 'app/config', VersionStage: 'AWSCURRENT', MoveToVersionId: 'v2', RemoveFromVersionId: 'v9' },
      // AWS moved the label from v1 to v2 when v2 was written: one removal is enough.
      { SecretId: 'app/config', VersionStage: LABEL, RemoveFromVersionId: 'v2' },
    ]);
    expect(recorded.sleeps).toEqual([100]);
    expect(recorded.infos).toEqual(["AWSCURRENT of secret 'app/config' in us-east-1 moved while merging (another writer); reading it again (round 2 of 5)."]);
  });

  it('rethrows a failed swap when AWSCURRENT did not move, and removes its label', async () => {
    sm.on(GetSecretValueCommand).resolves(current('v0', { a: 'one' }));
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: 'v1', VersionStages: [LABEL] });
    sm.on(UpdateSecretVersionStageCommand)
      .rejectsOnce(new InvalidParameterException({ message: 'Not a valid version: v1', $metadata: {} }))
      .resolves({ ARN });

    const error = await mergeSecretJson(request(), client, recorder().deps).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(describeError(error)).toBe("UpdateSecretVersionStage for secret 'app/config' in us-east-1 failed: InvalidParameterException: Not a valid version: v1");
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(1);
    expect(inputsOf(UpdateSecretVersionStageCommand).at(-1)).toEqual({ SecretId: 'app/config', VersionStage: LABEL, RemoveFromVersionId: 'v1' });
  });

  it('gives up after maxAttempts lost swaps, with pauses that grow', async () => {
    let read = 0;
    sm.on(GetSecretValueCommand).callsFake(() => current(`v${++read * 10}`, { a: `other-${read}` }));
    let written = 0;
    sm.on(PutSecretValueCommand).callsFake(() => ({ ARN, VersionId: `mine-${++written}`, VersionStages: [LABEL] }));
    sm.on(UpdateSecretVersionStageCommand, { VersionStage: 'AWSCURRENT' }).rejects(moved('v'));
    sm.on(UpdateSecretVersionStageCommand, { VersionStage: LABEL }).resolves({ ARN });
    const recorded = recorder();

    const error = await mergeSecretJson(request({ maxAttempts: 4 }), client, recorded.deps).catch((thrown: unknown) => thrown);
    expect(describeError(error).split('\n')).toEqual([
      "Could not merge into secret 'app/config' in us-east-1: other writers moved AWSCURRENT during each of 4 rounds, so no merged version was made current.",
      'Things to check:',
      '  - Run the step again when the other writers are done; every round re-reads the current value, so nothing is lost.',
    ]);
    expect(recorded.sleeps).toEqual([100, 200, 400]);
    expect(inputsOf(UpdateSecretVersionStageCommand).at(-1)).toEqual({ SecretId: 'app/config', VersionStage: LABEL, RemoveFromVersionId: 'mine-4' });
    expect(recorded.infos).toHaveLength(3);
  });

  it('removes its label from the version that holds it when a round brings back an earlier version', async () => {
    sm.on(GetSecretValueCommand)
      .resolvesOnce(current('v0', { a: 'one' }))
      .resolvesOnce(current('v9', { a: 'one' }));
    // The second round merges to the same text: same token, and AWS answers with the abandoned v1, which has lost the label to nothing.
    sm.on(PutSecretValueCommand)
      .resolvesOnce({ ARN, VersionId: 'v1', VersionStages: [LABEL] })
      .resolvesOnce({ ARN, VersionId: 'v1', VersionStages: [LABEL] });
    sm.on(UpdateSecretVersionStageCommand).rejectsOnce(moved('v0')).resolves({ ARN });

    expect((await mergeSecretJson(request({ skipUnchanged: false }), client, recorder().deps)).versionId).toBe('v1');
    expect(inputsOf(UpdateSecretVersionStageCommand).at(-1)).toEqual({ SecretId: 'app/config', VersionStage: LABEL, RemoveFromVersionId: 'v1' });
  });

  it('keeps the label holder when the answer shows the label elsewhere', async () => {
    sm.on(GetSecretValueCommand)
      .resolvesOnce(current('v0', { a: 'one' }))
      .resolvesOnce(current('v9', { a: 'other' }));
    sm.on(PutSecretValueCommand)
      .resolvesOnce({ ARN, VersionId: 'v1', VersionStages: [LABEL] })
      .resolvesOnce({ ARN, VersionId: 'v-old', VersionStages: [] });
    sm.on(UpdateSecretVersionStageCommand).rejectsOnce(moved('v0')).resolves({ ARN });

    await mergeSecretJson(request(), client, recorder().deps);
    expect(inputsOf(UpdateSecretVersionStageCommand).at(-1)).toEqual({ SecretId: 'app/config', VersionStage: LABEL, RemoveFromVersionId: 'v1' });
  });

  it('creates a missing secret from the merge object without its null keys', async () => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    sm.on(PutSecretValueCommand).rejects(notFound());
    sm.on(CreateSecretCommand).resolves({ ARN, Name: 'app/config', VersionId: 'first' });

    const result = await mergeSecretJson(request({ create: { kmsKeyId: undefined, description: undefined, tags: [] } }), client, recorder().deps);
    expect(result).toEqual({ versionId: 'first', arn: ARN, changed: true, created: true, attempts: 1 });
    expect(inputsOf(CreateSecretCommand)).toEqual([{ Name: 'app/config', SecretString: '{"b":"two"}', ClientRequestToken: `token-for-11-${'x'.repeat(24)}` }]);
    expect(sm.commandCalls(UpdateSecretVersionStageCommand)).toHaveLength(0);
  });

  it('merges into the value of a secret another writer created first', async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(notFound()).resolves(current('theirs', { a: 'one' }));
    sm.on(PutSecretValueCommand).rejectsOnce(notFound()).resolves({ ARN, VersionId: 'v1', VersionStages: [LABEL] });
    sm.on(CreateSecretCommand).rejects(new ResourceExistsException({ message: 'exists', $metadata: {} }));
    sm.on(UpdateSecretVersionStageCommand).resolves({ ARN });
    const recorded = recorder();

    const result = await mergeSecretJson(request({ create: { kmsKeyId: undefined, description: undefined, tags: [] } }), client, recorded.deps);
    expect(result).toEqual({ versionId: 'v1', arn: ARN, changed: true, created: false, attempts: 2 });
    expect(inputsOf<{ SecretString: string }>(PutSecretValueCommand).at(-1)?.SecretString).toBe('{"a":"one","b":"two"}');
    expect(recorded.infos).toEqual(["Another writer created secret 'app/config' in us-east-1 meanwhile; merging into its value."]);
  });

  it('gives a secret without a value its first version, which AWS makes current by itself', async () => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: 'v1', VersionStages: [LABEL, 'AWSCURRENT'] });
    sm.on(UpdateSecretVersionStageCommand).resolves({ ARN });

    expect(await mergeSecretJson(request(), client, recorder().deps)).toEqual({ versionId: 'v1', arn: ARN, changed: true, created: false, attempts: 1 });
    expect(inputsOf(UpdateSecretVersionStageCommand)).toEqual([{ SecretId: 'app/config', VersionStage: LABEL, RemoveFromVersionId: 'v1' }]);
  });

  it('merges again when another writer gave the secret its first value meanwhile', async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(notFound()).resolves(current('theirs', { a: 'one' }));
    sm.on(PutSecretValueCommand)
      .resolvesOnce({ ARN, VersionId: 'v1', VersionStages: [LABEL] })
      .resolves({ ARN, VersionId: 'v2', VersionStages: [LABEL] });
    sm.on(UpdateSecretVersionStageCommand).resolves({ ARN });

    expect((await mergeSecretJson(request(), client, recorder().deps)).versionId).toBe('v2');
    expect(inputsOf(UpdateSecretVersionStageCommand)).toEqual([
      { SecretId: 'app/config', VersionStage: 'AWSCURRENT', MoveToVersionId: 'v2', RemoveFromVersionId: 'theirs' },
      { SecretId: 'app/config', VersionStage: LABEL, RemoveFromVersionId: 'v2' },
    ]);
  });

  it('fails on a missing secret without create', async () => {
    sm.on(GetSecretValueCommand).rejects(notFound());
    sm.on(PutSecretValueCommand).rejects(notFound());

    await expect(mergeSecretJson(request(), client, recorder().deps)).rejects.toThrow(
      "PutSecretValue for secret 'app/config' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
    );
    expect(sm.commandCalls(CreateSecretCommand)).toHaveLength(0);
  });

  it.each([
    { name: 'an array', value: '[1]', problem: 'it is an array' },
    { name: 'not JSON', value: 'text', problem: 'it is not valid JSON' },
    { name: 'null', value: 'null', problem: 'it is null' },
    { name: 'a big number', value: '{"n":123456789012345678901}', problem: 'it has a number with more digits than JavaScript can hold, which merging would change' },
  ])('refuses a current value that is $name', async ({ value, problem }) => {
    sm.on(GetSecretValueCommand).resolves(current('v0', value));

    const error = await mergeSecretJson(request(), client, recorder().deps).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty(
      'message',
      `merge-json needs the current value of secret 'app/config' in us-east-1 (version v0) to be a JSON object, but ${problem}. Replace it with secret-string first.`,
    );
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('refuses a binary current value', async () => {
    sm.on(GetSecretValueCommand).resolves({ ARN, VersionId: 'v0', VersionStages: ['AWSCURRENT'], SecretBinary: new Uint8Array([1]) });

    await expect(mergeSecretJson(request(), client, recorder().deps)).rejects.toThrow('but it holds binary data.');
  });

  it('refuses a merged value over 64 KiB before writing, after masking it', async () => {
    sm.on(GetSecretValueCommand).resolves(current('v0', { big: 'x'.repeat(65_520) }));
    const recorded = recorder();

    const error = await mergeSecretJson(request(), client, recorded.deps).catch((thrown: unknown) => thrown);
    expect(error).toEqual(
      new ConfigurationError("The merged value of secret 'app/config' in us-east-1 is 65540 bytes; Secrets Manager stores at most 65536 bytes (64 KiB) per secret value."),
    );
    expect(recorded.masks[0]).toHaveLength(65_540);
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('fails at once when the swap is denied, and warns when its label cannot be removed either', async () => {
    sm.on(GetSecretValueCommand).resolves(current('v0', { a: 'one' }));
    sm.on(PutSecretValueCommand).resolves({ ARN, VersionId: 'v1', VersionStages: [LABEL] });
    sm.on(UpdateSecretVersionStageCommand).rejects(denied());
    const recorded = recorder();

    const error = await mergeSecretJson(request(), client, recorded.deps).catch((thrown: unknown) => thrown);
    expect(describeError(error).split('\n')[0]).toBe(
      "UpdateSecretVersionStage for secret 'app/config' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)",
    );
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(recorded.warnings).toEqual([
      `Could not remove the staging label '${LABEL}' from version v1 of secret 'app/config': AccessDenied: HTTP 403 without a readable AWS error (an IAM denial). ` +
        `Remove it with: aws secretsmanager update-secret-version-stage --secret-id app/config --version-stage ${LABEL} --remove-from-version-id v1 --region us-east-1`,
    ]);
  });
});
