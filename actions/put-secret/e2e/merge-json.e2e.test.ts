import { describeSecretState, moveSecretStage, readSecretVersion, writeSecretVersion, type StepResult } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { denied, expectSuccess, failureMessage, useHarness, withRole } from './harness.js';

const h = useHarness();
const STS = { 'sts:AssumeRoleWithWebIdentity': 1 };
const OWN_LABEL = /^PUTSECRET_PENDING_[0-9A-F]{16}$/;

async function currentJson(name: string): Promise<unknown> {
  return JSON.parse((await readSecretVersion(h.motoEndpoint, name)).string!);
}

/** Every staging label on every version, to check that no own label was left behind. */
async function allLabels(name: string): Promise<string[]> {
  return Object.values((await describeSecretState(h.motoEndpoint, name)).versions).flat();
}

function ownLabelsIn(result: StepResult): string[] {
  return [...new Set([...result.stdout.matchAll(/PUTSECRET_PENDING_[0-9A-F]{16}/g)].map((match) => match[0]))];
}

describe('put-secret merge-json', () => {
  it('adds a key and keeps the others; AWSPREVIOUS goes to the version that was current', async () => {
    const name = `${h.prefix}app`;
    await h.seed([{ name, value: '{"user":"app","password":"pw-1a"}' }]);
    const [oldVersion] = Object.keys((await describeSecretState(h.motoEndpoint, name)).versions);
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': '{"api_key":"key-1a"}' }));

    expectSuccess(result);
    expect(await currentJson(name)).toEqual({ user: 'app', password: 'pw-1a', api_key: 'key-1a' });
    const versionId = result.outputs['version-id']!;
    // No version keeps the label the merge used for its own version.
    expect((await describeSecretState(h.motoEndpoint, name)).versions).toEqual({ [oldVersion!]: ['AWSPREVIOUS'], [versionId]: ['AWSCURRENT'] });
    expect(result.outputs['changed']).toBe('true');
    // Read, write under our own label, swap AWSCURRENT, remove our label.
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1, 'secretsmanager:UpdateSecretVersionStage': 2 });
    // The merge object, its leaves, then the merged value and its leaves are masked.
    expect(result.masks).toEqual(expect.arrayContaining(['{"api_key":"key-1a"}', 'key-1a', '{"user":"app","password":"pw-1a","api_key":"key-1a"}', 'app', 'pw-1a']));
    expect(result.commands[0]).toMatchObject({ command: 'add-mask', message: '{"api_key":"key-1a"}' });
    h.expectNoLeaks(result, ['key-1a', '{"api_key":"key-1a"}', '{"user":"app","password":"pw-1a","api_key":"key-1a"}']);
  });

  it('changes and removes keys (null removes), and merges nested objects recursively', async () => {
    const name = `${h.prefix}nested`;
    await h.seed([{ name, value: JSON.stringify({ user: 'app', old: 'gone-2b', db: { host: 'db.internal', port: 5432, tls: { ca: 'ca-2b', verify: true } }, list: [1, 2] }) }]);
    const patch = JSON.stringify({ user: 'app2', old: null, db: { port: 6432, tls: { verify: null, cert: 'cert-2b' } }, list: [3], extra: { a: 'x-2b' } });
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': patch }));

    expectSuccess(result);
    expect(await currentJson(name)).toEqual({
      user: 'app2',
      db: { host: 'db.internal', port: 6432, tls: { ca: 'ca-2b', cert: 'cert-2b' } },
      list: [3],
      extra: { a: 'x-2b' },
    });
    // Existing keys keep their place; new keys come last; the value is written as compact JSON.
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe(
      '{"user":"app2","db":{"host":"db.internal","port":6432,"tls":{"ca":"ca-2b","cert":"cert-2b"}},"list":[3],"extra":{"a":"x-2b"}}',
    );
    h.expectNoLeaks(result, ['gone-2b', 'ca-2b', 'cert-2b', 'x-2b', patch]);
  });

  it('writes nothing when the merge changes nothing, whatever the formatting of the current value', async () => {
    const name = `${h.prefix}same`;
    await h.seed([{ name, value: '{\n  "user": "app",\n  "token": "tok-3c"\n}\n' }]);
    const before = await describeSecretState(h.motoEndpoint, name);
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': '{"token":"tok-3c","absent":null}' }));

    expectSuccess(result);
    expect(result.outputs).toEqual({ 'version-id': Object.keys(before.versions)[0], arn: before.arn, changed: 'false' });
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1 });
    expect((await describeSecretState(h.motoEndpoint, name)).versions).toEqual(before.versions);
    h.expectNoLeaks(result, ['tok-3c']);
  });

  it.each([
    { kind: 'an array', value: '["a-4d"]', problem: 'it is an array' },
    { kind: 'not JSON', value: 'plain-text-4d', problem: 'it is not valid JSON' },
    { kind: 'a JSON string', value: '"quoted-4d"', problem: 'it is a string' },
    { kind: 'a big number', value: '{"id":12345678901234567890}', problem: 'it has a number with more digits than JavaScript can hold, which merging would change' },
  ])('refuses to merge into a current value that is $kind, and writes nothing', async ({ value, problem }) => {
    const name = `${h.prefix}not-object`;
    await h.seed([{ name, value }]);
    const [versionId] = Object.keys((await describeSecretState(h.motoEndpoint, name)).versions);
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': '{"key":"k-4d"}' }));

    expect(failureMessage(result)).toBe(
      `put-secret: merge-json needs the current value of secret '${name}' in us-east-1 (version ${versionId}) to be a JSON object, but ${problem}. Replace it with secret-string first.`,
    );
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1 });
    h.expectNoLeaks(result, ['k-4d']);
  });

  it('refuses to merge into a binary secret', async () => {
    const name = `${h.prefix}binary`;
    await h.seed([{ name, binary: new Uint8Array([0, 1, 2]) }]);
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': '{"key":"k-5e"}' }));

    expect(failureMessage(result)).toMatch(/but it holds binary data\. Replace it with secret-string first\.$/);
    h.expectNoLeaks(result, ['k-5e']);
  });

  it('creates a missing secret holding the merge object without its null keys (create-if-missing)', async () => {
    const name = `${h.prefix}new`;
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': '{"a":"a-6f","b":null}', 'create-if-missing': 'true', tags: 'team=payments' }));

    expectSuccess(result);
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe('{"a":"a-6f"}');
    const state = await describeSecretState(h.motoEndpoint, name);
    expect(state.tags).toEqual({ team: 'payments' });
    expect(state.versions).toEqual({ [result.outputs['version-id']!]: ['AWSCURRENT'] });
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1, 'secretsmanager:CreateSecret': 1 });
    expect(result.summary).toContain('true (created)');
    h.expectNoLeaks(result, ['a-6f']);
  });

  it('refuses a missing secret without create-if-missing', async () => {
    const name = `${h.prefix}absent`;
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': '{"a":"a-7a"}' }));

    expect(failureMessage(result).split('\n')[0]).toBe(
      `put-secret: PutSecretValue for secret '${name}' in us-east-1 failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
    );
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1 });
    h.expectNoLeaks(result, ['a-7a']);
  });

  it('gives a secret without a value its first version', async () => {
    const name = `${h.prefix}empty`;
    await h.seed([{ name }]);
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': '{"a":"a-8b"}' }));

    expectSuccess(result);
    expect((await readSecretVersion(h.motoEndpoint, name)).string).toBe('{"a":"a-8b"}');
    // A first version is AWSCURRENT by itself; only our own label is removed.
    expect((await describeSecretState(h.motoEndpoint, name)).versions).toEqual({ [result.outputs['version-id']!]: ['AWSCURRENT'] });
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 1, 'secretsmanager:PutSecretValue': 1, 'secretsmanager:UpdateSecretVersionStage': 1 });
    h.expectNoLeaks(result, ['a-8b']);
  });

  it('reads and merges again when another writer moves AWSCURRENT between its read and its swap', async () => {
    const name = `${h.prefix}raced`;
    await h.seed([{ name, value: '{"shared":"s-9c"}' }]);
    let competitor: Promise<string> | undefined;
    // Each request waits 250 ms in the proxy; when ours writes its version, another pipeline writes first.
    h.proxy.setLatency(250);
    h.proxy.setInterceptor(({ operation, callNumber }) => {
      if (operation === 'secretsmanager:PutSecretValue' && callNumber === 1) {
        competitor = writeSecretVersion(h.motoEndpoint, name, '{"shared":"s-9c","theirs":"tok-9c"}');
      }
      return undefined;
    });
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': '{"ours":"o-9c"}' }));
    const theirs = await competitor!;

    expectSuccess(result);
    expect(await currentJson(name)).toEqual({ shared: 's-9c', theirs: 'tok-9c', ours: 'o-9c' });
    const versionId = result.outputs['version-id']!;
    const { versions } = await describeSecretState(h.motoEndpoint, name);
    expect(versions[versionId]).toEqual(['AWSCURRENT']);
    expect(versions[theirs]).toEqual(['AWSPREVIOUS']);
    expect(Object.values(versions).flat().filter((label) => OWN_LABEL.test(label))).toEqual([]);
    // Two rounds: the first swap fails, the second read sees their version.
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 2, 'secretsmanager:PutSecretValue': 2, 'secretsmanager:UpdateSecretVersionStage': 3 });
    expect(result.log).toContain(`AWSCURRENT of secret '${name}' in us-east-1 moved while merging (another writer); reading it again (round 2 of 5).`);
    expect(result.log).toContain(`Wrote secret '${name}' in us-east-1: version ${versionId} after 2 rounds (other writers changed it meanwhile).`);
    h.expectNoLeaks(result, ['o-9c', 'tok-9c']);
  });

  it('gives up after 5 rounds when other writers keep moving AWSCURRENT, and removes its own label', async () => {
    const name = `${h.prefix}contended`;
    await h.seed([{ name, value: '{"n":"0"}' }]);
    const competitors: Array<Promise<string>> = [];
    h.proxy.setLatency(250);
    h.proxy.setInterceptor(({ operation, body }) => {
      // Every time our step writes its own version, someone else writes a new current one first.
      if (operation === 'secretsmanager:PutSecretValue' && body.includes('PUTSECRET_PENDING_')) {
        competitors.push(writeSecretVersion(h.motoEndpoint, name, JSON.stringify({ n: String(competitors.length + 1) })));
      }
      return undefined;
    });
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': '{"ours":"o-0d"}' }));
    await Promise.all(competitors);

    expect(failureMessage(result).split('\n')).toEqual([
      `put-secret: Could not merge into secret '${name}' in us-east-1: other writers moved AWSCURRENT during each of 5 rounds, so no merged version was made current.`,
      'Things to check:',
      '  - Run the step again when the other writers are done; every round re-reads the current value, so nothing is lost.',
    ]);
    expect(await currentJson(name)).toEqual({ n: '5' });
    expect((await allLabels(name)).filter((label) => OWN_LABEL.test(label))).toEqual([]);
    // Its five abandoned versions are left without any label: AWS deprecates and later deletes such versions; moto keeps listing them.
    const { versions } = await describeSecretState(h.motoEndpoint, name);
    const ours = [];
    for (const [versionId, labels] of Object.entries(versions)) {
      const version = await readSecretVersion(h.motoEndpoint, name, { versionId });
      if (version.string?.includes('o-0d') === true) ours.push(labels);
    }
    expect(ours).toEqual([[], [], [], [], []]);
    // 5 rounds of read, write, failed swap; then the label is removed from the last version written.
    expect(h.proxy.counts()).toEqual({ ...STS, 'secretsmanager:GetSecretValue': 5, 'secretsmanager:PutSecretValue': 5, 'secretsmanager:UpdateSecretVersionStage': 6 });
    h.expectNoLeaks(result, ['o-0d']);
  });

  it('names secretsmanager:UpdateSecretVersionStage when the swap is denied, and warns that its label is left', async () => {
    const name = `${h.prefix}no-swap`;
    await h.seed([{ name, value: '{"a":"a-1e"}' }]);
    h.proxy.setInterceptor(({ operation }) => (operation === 'secretsmanager:UpdateSecretVersionStage' ? denied() : undefined));
    const result = await h.run(withRole({ 'secret-id': name, 'merge-json': '{"b":"b-1e"}' }));

    expect(failureMessage(result).split('\n')).toEqual([
      `put-secret: UpdateSecretVersionStage for secret '${name}' in us-east-1 failed: AccessDenied: HTTP 403 without a readable AWS error (an IAM denial)`,
      'Things to check:',
      '  - merge-json makes its new version current with secretsmanager:UpdateSecretVersionStage: the role needs it on the secret.',
    ]);
    const [label] = ownLabelsIn(result);
    const { versions } = await describeSecretState(h.motoEndpoint, name);
    const ours = Object.keys(versions).find((versionId) => versions[versionId]!.includes(label!))!;
    expect(result.warnings).toEqual([
      `Could not remove the staging label '${label}' from version ${ours} of secret '${name}': AccessDenied: HTTP 403 without a readable AWS error (an IAM denial). ` +
        `Remove it with: aws secretsmanager update-secret-version-stage --secret-id ${name} --version-stage ${label} --remove-from-version-id ${ours} --region us-east-1`,
    ]);
    expect(await currentJson(name)).toEqual({ a: 'a-1e' });
    // Clean up as the warning says, and the secret is as before.
    await moveSecretStage(h.motoEndpoint, name, { stage: label!, removeFrom: ours });
    h.expectNoLeaks(result, ['b-1e', '{"a":"a-1e","b":"b-1e"}']);
  });

  it('lands every key when two pipelines merge different keys into one secret at the same time, round after round', async () => {
    const name = `${h.prefix}concurrent`;
    await h.seed([{ name, value: '{"base":"b-2f"}' }]);
    const rounds = 5;
    for (let round = 1; round <= rounds; round++) {
      const [left, right] = await Promise.all([
        h.run(withRole({ 'secret-id': name, 'merge-json': JSON.stringify({ left: `l-${round}-2f` }) }), { GITHUB_RUN_ID: `${round}01` }),
        h.run(withRole({ 'secret-id': name, 'merge-json': JSON.stringify({ right: `r-${round}-2f` }) }), { GITHUB_RUN_ID: `${round}02` }),
      ]);
      expectSuccess(left);
      expectSuccess(right);
      expect(left.outputs['changed']).toBe('true');
      expect(right.outputs['changed']).toBe('true');
      expect(await currentJson(name)).toEqual({ base: 'b-2f', left: `l-${round}-2f`, right: `r-${round}-2f` });
      h.expectNoLeaks(left, [`l-${round}-2f`]);
      h.expectNoLeaks(right, [`r-${round}-2f`]);
    }
    const labels = await allLabels(name);
    expect(labels.filter((label) => OWN_LABEL.test(label))).toEqual([]);
    expect(labels.filter((label) => label === 'AWSCURRENT')).toHaveLength(1);
    expect(labels.filter((label) => label === 'AWSPREVIOUS')).toHaveLength(1);
    // Every round reads and writes once; every merge swaps once and removes its label once; every lost race costs one failed swap.
    const counts = h.proxy.counts();
    const merges = 2 * rounds;
    const lostRaces = counts['secretsmanager:GetSecretValue']! - merges;
    expect(lostRaces).toBeGreaterThanOrEqual(0);
    expect(counts).toEqual({
      'sts:AssumeRoleWithWebIdentity': merges,
      'secretsmanager:GetSecretValue': merges + lostRaces,
      'secretsmanager:PutSecretValue': merges + lostRaces,
      'secretsmanager:UpdateSecretVersionStage': 2 * merges + lostRaces,
    });
  });
});
