import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { identifyOperation, startAwsProxy } from './aws-proxy.js';
import type { AwsProxy } from './aws-proxy.js';
import { ECHO_END, ECHO_START } from './request-echo.js';

interface Echo {
  server: string;
  method: string;
  url: string;
  host: string;
  body: string;
}

/** An upstream that answers with what it received, tagged with its own name. */
async function startEcho(name: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const echo: Echo = { server: name, method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', body: Buffer.concat(chunks).toString('utf8') };
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'x-upstream': name });
      res.end(JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Sends a request with an absolute URI to the proxy, as an HTTP_PROXY-aware client does. */
async function viaHttpProxy(proxy: string, absoluteUrl: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(proxy);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method: 'GET', path: absoluteUrl, headers: { host: new URL(absoluteUrl).host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.once('error', reject);
    req.end();
  });
}

const SIGV4_STS = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

describe('identifyOperation', () => {
  it.each([
    { name: 'a Secrets Manager JSON call', headers: { 'x-amz-target': 'secretsmanager.GetSecretValue' }, body: '{}', expected: 'secretsmanager:GetSecretValue' },
    { name: 'an SSM JSON call', headers: { 'x-amz-target': 'AmazonSSM.GetParameters' }, body: '{}', expected: 'ssm:GetParameters' },
    { name: 'an STS query call signed for sts', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: SIGV4_STS }, body: 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15', expected: 'sts:AssumeRoleWithWebIdentity' },
    { name: 'an unsigned query call (defaults to sts)', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: 'Version=2011-06-15&Action=AssumeRoleWithWebIdentity', expected: 'sts:AssumeRoleWithWebIdentity' },
    { name: 'a non-AWS request', headers: {}, body: '', expected: 'http:POST /moto-api/reset' },
  ])('names $name', ({ headers, body, expected }) => {
    const path = expected.startsWith('http:') ? '/moto-api/reset' : '/';
    expect(identifyOperation('POST', path, headers, body)).toBe(expected);
  });
});

describe('startAwsProxy', () => {
  let target: { server: Server; url: string };
  let other: { server: Server; url: string };
  let proxy: AwsProxy;
  beforeAll(async () => {
    [target, other] = await Promise.all([startEcho('target'), startEcho('other')]);
    proxy = await startAwsProxy({ target: target.url });
  });
  afterEach(() => {
    proxy.resetCounts();
    proxy.setLatency(0);
    proxy.setInterceptor(undefined);
    proxy.setEchoRequestInErrors(false);
  });
  afterAll(async () => {
    await proxy.stop();
    target.server.close();
    other.server.close();
  });

  it('forwards method, path, Host and body to the target and streams the response back', async () => {
    const response = await fetch(`${proxy.endpoint}/some/path?x=1`, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'secretsmanager.GetSecretValue', 'Content-Type': 'application/x-amz-json-1.1' },
      body: '{"SecretId":"a"}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-upstream')).toBe('target');
    expect(await response.json()).toEqual({ server: 'target', method: 'POST', url: '/some/path?x=1', host: new URL(proxy.endpoint).host, body: '{"SecretId":"a"}' });
  });

  it('quotes the request body in the message of an upstream error when echoing is on, and leaves successes alone', async () => {
    proxy.setEchoRequestInErrors(true);
    const failed = await fetch(`${proxy.endpoint}/missing`, { method: 'POST', headers: { 'X-Amz-Target': 'secretsmanager.PutSecretValue' }, body: '{"SecretString":"s3cr3t"}' });
    const text = await failed.text();
    expect(failed.status).toBe(404);
    expect(failed.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect((JSON.parse(text) as { message: string }).message).toBe(`${ECHO_START}{"SecretString":"s3cr3t"}${ECHO_END}`);
    const ok = await fetch(`${proxy.endpoint}/fine`, { method: 'POST', body: '{"SecretString":"s3cr3t"}' });
    expect(((await ok.json()) as { message?: string }).message).toBeUndefined();
    expect(proxy.calls.map((call) => call.status)).toEqual([404, 200]);
  });

  it('quotes the request body in an error an interceptor answers when echoing is on', async () => {
    proxy.setEchoRequestInErrors(true);
    proxy.setInterceptor(() => ({ respond: { status: 400, headers: { 'content-type': 'text/xml' }, body: '<ErrorResponse><Error><Code>InvalidIdentityToken</Code><Message>bad</Message></Error></ErrorResponse>' } }));
    const response = await fetch(proxy.endpoint, { method: 'POST', body: 'Action=AssumeRoleWithWebIdentity&WebIdentityToken=a.b<c' });
    expect(await response.text()).toBe(
      `<ErrorResponse><Error><Code>InvalidIdentityToken</Code><Message>bad${ECHO_START}Action=AssumeRoleWithWebIdentity&amp;WebIdentityToken=a.b&lt;c${ECHO_END}</Message></Error></ErrorResponse>`,
    );
  });

  it('counts operations by X-Amz-Target and by Action=', async () => {
    const json = async (targetHeader: string): Promise<void> => {
      const response = await fetch(proxy.endpoint, { method: 'POST', headers: { 'X-Amz-Target': targetHeader }, body: '{}' });
      await response.arrayBuffer();
    };
    await json('secretsmanager.GetSecretValue');
    await json('secretsmanager.GetSecretValue');
    await json('AmazonSSM.GetParameters');
    const sts = await fetch(proxy.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: SIGV4_STS },
      body: 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15',
    });
    await sts.arrayBuffer();
    const missing = await fetch(`${proxy.endpoint}/missing`);
    await missing.arrayBuffer();

    expect(proxy.count('secretsmanager:GetSecretValue')).toBe(2);
    expect(proxy.counts()).toEqual({
      'secretsmanager:GetSecretValue': 2,
      'ssm:GetParameters': 1,
      'sts:AssumeRoleWithWebIdentity': 1,
      'http:GET /missing': 1,
    });
    expect(proxy.calls.at(-1)).toEqual({ operation: 'http:GET /missing', status: 404, viaProxy: false });
    expect(proxy.forwardedAsProxy).toBe(0);
  });

  it('forwards a request with an absolute URI to that host and counts it as proxied', async () => {
    const { status, body } = await viaHttpProxy(proxy.endpoint, `${other.url}/moto-api/data.json`);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ server: 'other', method: 'GET', url: '/moto-api/data.json', host: new URL(other.url).host, body: '' });
    expect(proxy.forwardedAsProxy).toBe(1);
    expect(proxy.calls).toEqual([{ operation: 'http:GET /moto-api/data.json', status: 200, viaProxy: true }]);
  });

  it('refuses to forward an absolute URI to a host outside loopback', async () => {
    const { status } = await viaHttpProxy(proxy.endpoint, 'http://example.com/');
    expect(status).toBe(403);
    expect(proxy.calls).toEqual([{ operation: 'http:GET /', status: 403, viaProxy: true }]);
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    const dead = await startEcho('dead');
    await new Promise<void>((resolve) => dead.server.close(() => {
      resolve();
    }));
    const { status, body } = await viaHttpProxy(proxy.endpoint, `${dead.url}/x`);
    expect(status).toBe(502);
    expect(body).toMatch(/^Upstream 127\.0\.0\.1:\d+ failed: connect ECONNREFUSED/);
    expect(proxy.calls).toEqual([{ operation: 'http:GET /x', status: 502, viaProxy: true }]);
  });

  it('holds each request for at least the configured latency before forwarding', async () => {
    proxy.setLatency(150);
    const started = performance.now();
    const response = await fetch(`${proxy.endpoint}/slow`);
    await response.arrayBuffer();
    // A lower bound only: a slow machine can add time but never remove it (timers may fire ~1 ms early).
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(proxy.count('http:GET /slow')).toBe(1);
  });

  it('lets an interceptor answer a chosen call itself, numbering calls per operation', async () => {
    const seen: Array<{ operation: string; callNumber: number }> = [];
    proxy.setInterceptor(({ operation, callNumber }) => {
      seen.push({ operation, callNumber });
      return callNumber === 2 ? { respond: { status: 400, body: '{"__type":"ThrottlingException"}' } } : undefined;
    });
    const send = async (): Promise<{ status: number; upstream: string | null; body: string }> => {
      const response = await fetch(proxy.endpoint, { method: 'POST', headers: { 'X-Amz-Target': 'secretsmanager.ListSecrets' }, body: '{}' });
      return { status: response.status, upstream: response.headers.get('x-upstream'), body: await response.text() };
    };
    const first = await send();
    const second = await send();
    const third = await send();

    expect([first.status, first.upstream]).toEqual([200, 'target']);
    expect(second).toEqual({ status: 400, upstream: null, body: '{"__type":"ThrottlingException"}' });
    expect([third.status, third.upstream]).toEqual([200, 'target']);
    expect(seen).toEqual([1, 2, 3].map((callNumber) => ({ operation: 'secretsmanager:ListSecrets', callNumber })));
    expect(proxy.calls.map((call) => call.status)).toEqual([200, 400, 200]);
  });

  it('lets an interceptor rewrite the body it forwards', async () => {
    proxy.setInterceptor(({ body }) => ({ rewriteBody: body.replace('"a"', '"rewritten"') }));
    const response = await fetch(proxy.endpoint, { method: 'POST', headers: { 'X-Amz-Target': 'secretsmanager.GetSecretValue' }, body: '{"SecretId":"a"}' });
    expect(((await response.json()) as Echo).body).toBe('{"SecretId":"rewritten"}');
  });

  it('forwards an absolute-URI request for an alias host to the target', async () => {
    const aliased = await startAwsProxy({ target: target.url, aliasHosts: ['aws.internal.test'] });
    try {
      const { status, body } = await viaHttpProxy(aliased.endpoint, 'http://aws.internal.test/some/path');
      expect(status).toBe(200);
      expect(JSON.parse(body)).toEqual({ server: 'target', method: 'GET', url: '/some/path', host: 'aws.internal.test', body: '' });
      expect(aliased.forwardedAsProxy).toBe(1);
    } finally {
      await aliased.stop();
    }
  });
});
