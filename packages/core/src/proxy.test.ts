import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { proxyRequestHandler, serviceEndpoint } from './proxy.js';

const SECRETS_MANAGER = { envSuffix: 'SECRETS_MANAGER', hostPrefix: 'secretsmanager' };

describe('serviceEndpoint', () => {
  it.each([
    { name: 'the public regional endpoint', env: {}, region: 'eu-west-1', expected: 'https://secretsmanager.eu-west-1.amazonaws.com/' },
    { name: 'the China domain in cn- regions', env: {}, region: 'cn-north-1', expected: 'https://secretsmanager.cn-north-1.amazonaws.com.cn/' },
    { name: 'AWS_ENDPOINT_URL', env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' }, region: 'us-east-1', expected: 'http://127.0.0.1:5000/' },
    {
      name: 'the service-specific variable before the global one',
      env: { AWS_ENDPOINT_URL: 'http://a.test', AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://b.test' },
      region: 'us-east-1',
      expected: 'http://b.test/',
    },
  ])('uses $name', ({ env, region, expected }) => {
    expect(serviceEndpoint(SECRETS_MANAGER, region, env).href).toBe(expected);
  });
});

describe('proxyRequestHandler', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  function clearProxyEnv(): void {
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) vi.stubEnv(name, '');
  }

  it('connects directly when no proxy is configured', () => {
    clearProxyEnv();
    expect(proxyRequestHandler(new URL('https://secretsmanager.us-east-1.amazonaws.com'))).toBeUndefined();
  });

  it('goes through HTTPS_PROXY for an https endpoint', () => {
    clearProxyEnv();
    vi.stubEnv('HTTPS_PROXY', 'http://proxy.corp.test:3128');
    expect(proxyRequestHandler(new URL('https://secretsmanager.us-east-1.amazonaws.com'))).toBeInstanceOf(NodeHttpHandler);
  });

  it('ignores HTTPS_PROXY for a plain http endpoint, which uses HTTP_PROXY', () => {
    clearProxyEnv();
    vi.stubEnv('HTTPS_PROXY', 'http://proxy.corp.test:3128');
    expect(proxyRequestHandler(new URL('http://aws.internal.test'))).toBeUndefined();
  });

  it.each(['amazonaws.com', '.amazonaws.com', '*', 'other.test,amazonaws.com'])('bypasses the proxy when NO_PROXY is %s', (noProxy) => {
    clearProxyEnv();
    vi.stubEnv('HTTPS_PROXY', 'http://proxy.corp.test:3128');
    vi.stubEnv('NO_PROXY', noProxy);
    expect(proxyRequestHandler(new URL('https://secretsmanager.us-east-1.amazonaws.com'))).toBeUndefined();
  });
});
