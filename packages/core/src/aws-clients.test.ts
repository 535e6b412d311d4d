import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { secretsManagerClients } from './aws-clients.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' };

/** A server that reads each request and never answers it: a hung AWS endpoint, or a hung proxy. */
async function startHungServer(): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req) => {
    requests.push(req.url ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

describe('secretsManagerClients request timeout', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  function clearProxyEnv(): void {
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) vi.stubEnv(name, '');
  }

  it('gives up on a hung response after the timeout, and the SDK retries the timed-out attempt twice', async () => {
    clearProxyEnv();
    const hung = await startHungServer();
    servers.push(hung.server);
    vi.stubEnv('AWS_ENDPOINT_URL', hung.url);
    const env = { AWS_ENDPOINT_URL: hung.url, AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS: '200' };
    const client = secretsManagerClients({ credentials: CREDENTIALS, env })('us-east-1');
    const started = Date.now();
    const error = await client.send(new GetSecretValueCommand({ SecretId: 'prod/db' })).catch((thrown: unknown) => thrown);
    client.destroy();
    expect(error).toMatchObject({ name: 'TimeoutError', message: expect.stringContaining('exceeded the configured 200 ms requestTimeout') as unknown });
    // The SDK's standard retry mode treats TimeoutError as transient: 3 attempts in all.
    expect(hung.requests).toHaveLength(3);
    // A hang detector, not a speed test: without the timeout this would never return.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('applies the timeout through an HTTP proxy too', async () => {
    clearProxyEnv();
    const hungProxy = await startHungServer();
    servers.push(hungProxy.server);
    // Clients never proxy loopback addresses, so the endpoint is a name only the proxy can reach.
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://aws.timeout.test');
    vi.stubEnv('HTTP_PROXY', hungProxy.url);
    const env = { AWS_ENDPOINT_URL: 'http://aws.timeout.test', HTTP_PROXY: hungProxy.url, AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS: '200' };
    const client = secretsManagerClients({ credentials: CREDENTIALS, env })('us-east-1');
    const error = await client.send(new GetSecretValueCommand({ SecretId: 'prod/db' })).catch((thrown: unknown) => thrown);
    client.destroy();
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(hungProxy.requests).toEqual(['http://aws.timeout.test/', 'http://aws.timeout.test/', 'http://aws.timeout.test/']);
  });

  it('refuses a bad timeout when the client is made, naming the variable', () => {
    expect(() => secretsManagerClients({ credentials: CREDENTIALS, env: { AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS: 'soon' } })('us-east-1')).toThrow(
      "AWS_SECRETS_ACTIONS_REQUEST_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000; got 'soon'.",
    );
  });
});
