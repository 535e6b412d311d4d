import { GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAwsProxy } from './aws-proxy.js';
import { ensureMotoInstalled, startMoto } from './moto.js';
import type { MotoServer } from './moto.js';
import { createSecrets, secretsClient } from './seed.js';

// The first run may create .venv and pip-install moto: allow for it in the hook.
describe('startMoto', { timeout: 180_000 }, () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  }, 180_000);
  afterAll(async () => {
    await moto.stop();
  });

  it('answers /moto-api/data.json on a loopback endpoint', async () => {
    expect(moto.endpoint).toBe(`http://127.0.0.1:${moto.port}`);
    const response = await fetch(`${moto.endpoint}/moto-api/data.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toBeTypeOf('object');
  });

  it('seeds secrets through the SDK in account 123456789012 and reset wipes them', async () => {
    const arns = await createSecrets(moto.endpoint, [
      { name: 'seed/plain', value: 'plain-value-1' },
      { name: 'seed/binary', binary: new Uint8Array([0, 1, 2, 255]) },
      { name: 'seed/west', value: 'west-value', region: 'us-west-2' },
    ]);
    expect(Object.keys(arns).sort()).toEqual(['seed/binary', 'seed/plain', 'seed/west']);
    expect(arns['seed/plain']).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:seed\/plain-[A-Za-z0-9]{6}$/);
    expect(arns['seed/west']).toMatch(/^arn:aws:secretsmanager:us-west-2:123456789012:secret:seed\/west-[A-Za-z0-9]{6}$/);

    const client = secretsClient(moto.endpoint);
    try {
      const plain = await client.send(new GetSecretValueCommand({ SecretId: 'seed/plain' }));
      expect(plain.SecretString).toBe('plain-value-1');
      const binary = await client.send(new GetSecretValueCommand({ SecretId: arns['seed/binary'] }));
      expect(Array.from(binary.SecretBinary ?? [])).toEqual([0, 1, 2, 255]);

      await moto.reset();
      const after = await client.send(new ListSecretsCommand({}));
      expect(after.SecretList).toEqual([]);
    } finally {
      client.destroy();
    }
  });

  it('counts real SDK calls made through the proxy', async () => {
    await createSecrets(moto.endpoint, [{ name: 'proxied/one', value: 'v1' }]);
    const proxy = await startAwsProxy({ target: moto.endpoint });
    const client = secretsClient(proxy.endpoint);
    try {
      const got = await client.send(new GetSecretValueCommand({ SecretId: 'proxied/one' }));
      expect(got.SecretString).toBe('v1');
      await expect(client.send(new GetSecretValueCommand({ SecretId: 'proxied/missing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      expect(proxy.calls).toEqual([
        { operation: 'secretsmanager:GetSecretValue', status: 200, viaProxy: false },
        // moto answers ResourceNotFoundException with 404 where AWS uses 400; the SDK reads the error type either way.
        { operation: 'secretsmanager:GetSecretValue', status: 404, viaProxy: false },
      ]);
    } finally {
      client.destroy();
      await proxy.stop();
      await moto.reset();
    }
  });
});

describe('ensureMotoInstalled', () => {
  it('returns MOTO_PYTHON as is when it is set', async () => {
    vi.stubEnv('MOTO_PYTHON', '/opt/custom/python');
    try {
      expect(await ensureMotoInstalled()).toBe('/opt/custom/python');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('gives concurrent callers the same interpreter', { timeout: 180_000 }, async () => {
    const [a, b] = await Promise.all([ensureMotoInstalled(), ensureMotoInstalled()]);
    expect(a).toBe(b);
  });
});

describe('MotoServer.stop', () => {
  it('ends the process and reaps it', { timeout: 180_000 }, async () => {
    const moto = await startMoto();
    await moto.stop();
    expect(() => process.kill(moto.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }) as Error);
    await moto.stop();
  });
});
