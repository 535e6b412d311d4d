import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeParameterState, describeSecretState, moveSecretStage, readSecretVersion, writeSecretVersion } from './inspect-aws.js';
import { startMoto, type MotoServer } from './moto.js';
import { putParameters } from './seed-parameters.js';
import { createSecrets } from './seed.js';

describe('inspecting moto', { timeout: 180_000 }, () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  }, 180_000);
  afterAll(async () => {
    await moto.stop();
  });

  it('writes versions, moves labels and reads back every version with its labels', async () => {
    await createSecrets(moto.endpoint, [{ name: 'inspect/app', value: 'v1' }]);
    const [first] = Object.keys((await describeSecretState(moto.endpoint, 'inspect/app')).versions);
    const pending = await writeSecretVersion(moto.endpoint, 'inspect/app', 'v2', { stages: ['MINE'], token: 'inspect-token-0000000000000000000000' });
    await moveSecretStage(moto.endpoint, 'inspect/app', { stage: 'AWSCURRENT', moveTo: pending, removeFrom: first! });

    const state = await describeSecretState(moto.endpoint, 'inspect/app');
    expect(state).toMatchObject({ name: 'inspect/app', description: undefined, tags: {} });
    expect(state.versions).toEqual({ [first!]: ['AWSPREVIOUS'], 'inspect-token-0000000000000000000000': ['MINE', 'AWSCURRENT'] });
    expect(await readSecretVersion(moto.endpoint, 'inspect/app')).toEqual({ versionId: pending, stages: ['MINE', 'AWSCURRENT'], string: 'v2', binary: undefined });
    expect((await readSecretVersion(moto.endpoint, 'inspect/app', { versionId: first! })).string).toBe('v1');
  });

  it('describes a parameter with its decrypted history', async () => {
    await putParameters(moto.endpoint, [{ name: '/inspect/p', value: 'one' }]);
    await putParameters(moto.endpoint, [{ name: '/inspect/p', value: 'two', type: 'String' }]);

    const state = await describeParameterState(moto.endpoint, '/inspect/p');
    expect(state).toMatchObject({ arn: 'arn:aws:ssm:us-east-1:123456789012:parameter/inspect/p', type: 'String', value: 'two', version: 2, tags: {} });
    expect(state.history.map(({ version, value, type }) => ({ version, value, type }))).toEqual([
      { version: 1, value: 'one', type: 'SecureString' },
      { version: 2, value: 'two', type: 'String' },
    ]);
  });
});
