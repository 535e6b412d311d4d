import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NO_RESPONSE, startAwsProxy, type AwsProxy } from './aws-proxy.js';
import { faultDecision, faultInterceptor, isFaultedCall } from './faults.js';

const GET_SECRET = 'secretsmanager:GetSecretValue';
const ANSWER = { ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf', Name: 'prod/db', SecretString: 'fault-test-value', VersionId: 'v1' };

/** An upstream that answers every call with a GetSecretValue result and counts the calls it saw. */
async function startUpstream(): Promise<{ server: Server; url: string; seen: () => number }> {
  let seen = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen++;
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(ANSWER));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen: () => seen };
}

/** One raw GetSecretValue-like POST through the proxy: its status and body, or the socket error code. */
async function post(endpoint: string, timeoutMs = 5000): Promise<{ status: number; body: string } | { error: string }> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const req = request({ hostname, port, method: 'POST', path: '/', headers: { 'x-amz-target': 'secretsmanager.GetSecretValue' }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.once('timeout', () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.once('error', (error: NodeJS.ErrnoException) => {
      resolve({ error: error.code ?? error.message });
    });
    req.end('{"SecretId":"prod/db"}');
  });
}

describe('isFaultedCall', () => {
  it.each([
    { name: 'every call when persistent', calls: {}, hit: [1, 2, 50], miss: [] },
    { name: 'the first K calls', calls: { count: 2 }, hit: [1, 2], miss: [3, 4] },
    { name: 'K calls from a later one', calls: { from: 2, count: 2 }, hit: [2, 3], miss: [1, 4] },
    { name: 'every call from a later one', calls: { from: 3 }, hit: [3, 9], miss: [1, 2] },
  ])('hits $name', ({ calls, hit, miss }) => {
    for (const callNumber of hit) expect(isFaultedCall(calls, callNumber)).toBe(true);
    for (const callNumber of miss) expect(isFaultedCall(calls, callNumber)).toBe(false);
  });
});

describe('faultDecision', () => {
  const json = { operation: 'secretsmanager:PutSecretValue', callNumber: 1, body: '{"SecretId":"x"}' };
  const query = { operation: 'sts:AssumeRoleWithWebIdentity', callNumber: 1, body: 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15' };

  it.each([
    { kind: 'throttling', status: 400, type: 'ThrottlingException' },
    { kind: 'internal-failure', status: 500, type: 'InternalFailure' },
    { kind: 'service-unavailable', status: 503, type: 'ServiceUnavailable' },
  ] as const)('answers $kind as a JSON-protocol service does: $status with __type $type', ({ kind, status, type }) => {
    const decision = faultDecision(kind, json);
    expect(decision).toMatchObject({ respond: { status, headers: { 'x-amzn-errortype': type } } });
    if (!('respond' in decision)) throw new Error('expected an answer');
    expect(JSON.parse(decision.respond.body)).toEqual({ __type: type, message: expect.any(String) as unknown });
  });

  it.each([
    { kind: 'throttling', status: 400, code: '<Type>Sender</Type><Code>Throttling</Code>' },
    { kind: 'internal-failure', status: 500, code: '<Type>Receiver</Type><Code>InternalFailure</Code>' },
    { kind: 'service-unavailable', status: 503, code: '<Type>Receiver</Type><Code>ServiceUnavailable</Code>' },
  ] as const)('answers $kind to STS with an XML ErrorResponse', ({ kind, status, code }) => {
    const decision = faultDecision(kind, query);
    if (!('respond' in decision)) throw new Error('expected an answer');
    expect(decision.respond.status).toBe(status);
    expect(decision.respond.body).toMatch(/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error>/);
    expect(decision.respond.body).toContain(code);
  });

  it('answers malformed-json with a 200 whose body does not parse', () => {
    const decision = faultDecision('malformed-json', json);
    if (!('respond' in decision)) throw new Error('expected an answer');
    expect(decision.respond.status).toBe(200);
    expect(() => JSON.parse(decision.respond.body) as unknown).toThrow(SyntaxError);
  });
});

describe('faults through the proxy', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let proxy: AwsProxy;
  beforeAll(async () => {
    upstream = await startUpstream();
    proxy = await startAwsProxy({ target: upstream.url });
  });
  afterEach(() => {
    proxy.resetCounts();
    proxy.setInterceptor(undefined);
  });
  afterAll(async () => {
    await proxy.stop();
    upstream.server.close();
  });

  function sdk(maxAttempts: number, requestTimeout?: number): SecretsManagerClient {
    return new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: proxy.endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts,
      ...(requestTimeout === undefined ? {} : { requestHandler: { requestTimeout, throwOnRequestTimeout: true } }),
    });
  }

  it('throttles the first K calls with an error the SDK reads as ThrottlingException, then lets calls through', async () => {
    proxy.setInterceptor(faultInterceptor({ operation: GET_SECRET, kind: 'throttling', count: 1 }));
    const client = sdk(1);
    const first = await client.send(new GetSecretValueCommand({ SecretId: 'prod/db' })).catch((error: unknown) => error);
    const second = await client.send(new GetSecretValueCommand({ SecretId: 'prod/db' }));
    client.destroy();
    expect(first).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    expect(second.SecretString).toBe('fault-test-value');
    expect(proxy.calls.map((call) => call.status)).toEqual([400, 200]);
  });

  it('resets the connection without an answer, and upstream never sees the call', async () => {
    const before = upstream.seen();
    proxy.setInterceptor(faultInterceptor({ operation: GET_SECRET, kind: 'connection-reset' }));
    expect(await post(proxy.endpoint)).toEqual({ error: 'ECONNRESET' });
    expect(upstream.seen()).toBe(before);
    expect(proxy.calls).toEqual([{ operation: GET_SECRET, status: NO_RESPONSE, viaProxy: false }]);
  });

  it('holds a slow call past the client timeout, and never forwards the call the client gave up on', async () => {
    const before = upstream.seen();
    proxy.setInterceptor(faultInterceptor({ operation: GET_SECRET, kind: 'slow-response', slowMs: 2000 }));
    const client = sdk(1, 200);
    const error = await client.send(new GetSecretValueCommand({ SecretId: 'prod/db' })).catch((thrown: unknown) => thrown);
    client.destroy();
    expect(error).toMatchObject({ name: 'TimeoutError' });
    // The proxy notices the client leaving and records the call once it has.
    await expect.poll(() => proxy.calls).toEqual([{ operation: GET_SECRET, status: NO_RESPONSE, viaProxy: false }]);
    expect(upstream.seen()).toBe(before);
  });

  it('forwards a slow call once the delay passes when the client is still waiting', async () => {
    proxy.setInterceptor(faultInterceptor({ operation: GET_SECRET, kind: 'slow-response', slowMs: 100 }));
    expect(await post(proxy.endpoint)).toEqual({ status: 200, body: JSON.stringify(ANSWER) });
  });

  it('answers malformed-json with a 200 the SDK cannot deserialise', async () => {
    proxy.setInterceptor(faultInterceptor({ operation: GET_SECRET, kind: 'malformed-json' }));
    const client = sdk(1);
    const error = await client.send(new GetSecretValueCommand({ SecretId: 'prod/db' })).catch((thrown: unknown) => thrown);
    client.destroy();
    expect(error).toMatchObject({ name: 'SyntaxError', $metadata: { httpStatusCode: 200 } });
  });

  it('forwards a reset-after-write call to upstream, then resets the client instead of answering', async () => {
    const before = upstream.seen();
    proxy.setInterceptor(faultInterceptor({ operation: GET_SECRET, kind: 'reset-after-write', count: 1 }));
    expect(await post(proxy.endpoint)).toEqual({ error: 'ECONNRESET' });
    expect(upstream.seen()).toBe(before + 1);
    expect(await post(proxy.endpoint)).toEqual({ status: 200, body: JSON.stringify(ANSWER) });
    expect(upstream.seen()).toBe(before + 2);
    expect(proxy.calls.map((call) => call.status)).toEqual([NO_RESPONSE, 200]);
  });

  it('leaves other operations alone', async () => {
    proxy.setInterceptor(faultInterceptor({ operation: 'secretsmanager:PutSecretValue', kind: 'connection-reset' }));
    expect(await post(proxy.endpoint)).toEqual({ status: 200, body: JSON.stringify(ANSWER) });
  });
});
