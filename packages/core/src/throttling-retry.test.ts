import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startScriptedEndpoint, type ScriptedAnswer, type ScriptedEndpoint } from './scripted-endpoint.test-helper.js';
import { OTHER_MAX_ATTEMPTS, THROTTLED_MAX_ATTEMPTS, ThrottlingTolerantRetryStrategy } from './throttling-retry.js';

const THROTTLED = { status: 400, body: '{"__type":"ThrottlingException","message":"Rate exceeded"}' };
const UNAVAILABLE = { status: 503, body: '{"__type":"ServiceUnavailableException","message":"try later"}' };
const NOT_FOUND = { status: 400, body: '{"__type":"ResourceNotFoundException","message":"no such secret"}' };
const CUT_SHORT = { status: 200, body: '{"Name":"app/db","SecretStr' };
const FOUND = { status: 200, body: '{"Name":"app/db","SecretString":"s3cret-value"}' };

const GET_SECRET_VALUE = 'secretsmanager.GetSecretValue';

describe('ThrottlingTolerantRetryStrategy through the SDK', () => {
  let endpoint: ScriptedEndpoint | undefined;
  beforeEach(() => {
    // Full jitter times 0: every backoff is 0 ms, so the test never waits.
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await endpoint?.stop();
    endpoint = undefined;
  });

  async function getSecret(answers: readonly ScriptedAnswer[]): Promise<{ outcome: unknown; calls: number }> {
    endpoint = await startScriptedEndpoint({ [GET_SECRET_VALUE]: answers });
    const client = new SecretsManagerClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      retryStrategy: new ThrottlingTolerantRetryStrategy(),
    });
    const outcome = await client.send(new GetSecretValueCommand({ SecretId: 'app/db' })).then(
      (response) => response.SecretString,
      (error: unknown) => error,
    );
    client.destroy();
    return { outcome, calls: endpoint.calls(GET_SECRET_VALUE) };
  }

  it('allows 6 attempts in all and 3 otherwise', () => {
    expect([THROTTLED_MAX_ATTEMPTS, OTHER_MAX_ATTEMPTS]).toEqual([6, 3]);
  });

  it('succeeds after five throttled attempts, on the sixth call', async () => {
    const { outcome, calls } = await getSecret([THROTTLED, THROTTLED, THROTTLED, THROTTLED, THROTTLED, FOUND]);
    expect(outcome).toBe('s3cret-value');
    expect(calls).toBe(6);
  });

  it('gives up after six throttled attempts with the throttling error', async () => {
    const { outcome, calls } = await getSecret([THROTTLED]);
    expect(outcome).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $metadata: { attempts: 6 } });
    expect(calls).toBe(6);
  });

  it('keeps the default of three attempts for a server error', async () => {
    const { outcome, calls } = await getSecret([UNAVAILABLE]);
    expect(outcome).toMatchObject({ name: 'ServiceUnavailableException', message: 'try later' });
    expect(calls).toBe(3);
  });

  it('stops at three attempts when a server error follows two throttled ones', async () => {
    const { outcome, calls } = await getSecret([THROTTLED, THROTTLED, UNAVAILABLE, FOUND]);
    expect(outcome).toMatchObject({ name: 'ServiceUnavailableException' });
    expect(calls).toBe(3);
  });

  it('never retries an error that cannot go away', async () => {
    const { outcome, calls } = await getSecret([NOT_FOUND, FOUND]);
    expect(outcome).toMatchObject({ name: 'ResourceNotFoundException', message: 'no such secret' });
    expect(calls).toBe(1);
  });

  it('retries a 200 whose body was cut short, and succeeds on the next answer', async () => {
    const { outcome, calls } = await getSecret([CUT_SHORT, FOUND]);
    expect(outcome).toBe('s3cret-value');
    expect(calls).toBe(2);
  });

  it('gives up on an unreadable 200 after three attempts, with the deserialization error', async () => {
    const { outcome, calls } = await getSecret([CUT_SHORT]);
    expect(outcome).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect((outcome as Error).message).toContain('Deserialization error');
    expect(calls).toBe(3);
  });
});
