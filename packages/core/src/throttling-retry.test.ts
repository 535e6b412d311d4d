import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OTHER_MAX_ATTEMPTS, THROTTLED_MAX_ATTEMPTS, ThrottlingTolerantRetryStrategy } from './throttling-retry.js';

const THROTTLED = { status: 400, body: '{"__type":"ThrottlingException","message":"Rate exceeded"}' };
const UNAVAILABLE = { status: 503, body: '{"__type":"ServiceUnavailableException","message":"try later"}' };
const NOT_FOUND = { status: 400, body: '{"__type":"ResourceNotFoundException","message":"no such secret"}' };
const CUT_SHORT = { status: 200, body: '{"Name":"app/db","SecretStr' };
const FOUND = { status: 200, body: '{"Name":"app/db","SecretString":"s3cret-value"}' };

/** An endpoint that gives the scripted answers in order, then keeps giving the last one. */
async function scriptedEndpoint(answers: readonly { status: number; body: string }[]): Promise<{ url: string; calls: () => number; server: Server }> {
  let calls = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls++;
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls: () => calls, server };
}

describe('ThrottlingTolerantRetryStrategy through the SDK', () => {
  let server: Server | undefined;
  beforeEach(() => {
    // Full jitter times 0: every backoff is 0 ms, so the test never waits.
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    const open = server;
    server = undefined;
    if (open !== undefined) {
      await new Promise<void>((resolve) => {
        open.close(() => {
          resolve();
        });
      });
    }
  });

  async function getSecret(answers: readonly { status: number; body: string }[]): Promise<{ outcome: unknown; calls: number }> {
    const endpoint = await scriptedEndpoint(answers);
    server = endpoint.server;
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
    return { outcome, calls: endpoint.calls() };
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
