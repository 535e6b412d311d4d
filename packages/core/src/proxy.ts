import { getProxyUrl } from '@actions/http-client/lib/proxy';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RequestTimeouts } from './request-timeout.js';

/**
 * An SDK request handler that goes through the proxy the runner's
 * environment names for `endpoint` (HTTPS_PROXY / HTTP_PROXY, honouring
 * NO_PROXY), or undefined when the endpoint is reached directly. The AWS SDK
 * does not read these variables itself. `timeouts` apply to each attempt.
 */
export function proxyRequestHandler(endpoint: URL, timeouts?: RequestTimeouts): NodeHttpHandler | undefined {
  const proxy = getProxyUrl(endpoint);
  if (proxy === undefined) return undefined;
  // The agents are loaded on first use, so runs without a proxy never load them.
  return new NodeHttpHandler(async () => {
    const [{ HttpProxyAgent }, { HttpsProxyAgent }] = await Promise.all([import('http-proxy-agent'), import('https-proxy-agent')]);
    return { ...timeouts, httpAgent: new HttpProxyAgent(proxy), httpsAgent: new HttpsProxyAgent(proxy) };
  });
}

/**
 * The endpoint the SDK will call for a service, from the SDK's own standard
 * settings: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the
 * public regional endpoint. Used only to decide whether a proxy applies.
 */
export function serviceEndpoint(
  service: { readonly envSuffix: string; readonly hostPrefix: string },
  region: string,
  env: Readonly<Record<string, string | undefined>>,
): URL {
  const configured = env[`AWS_ENDPOINT_URL_${service.envSuffix}`] ?? env['AWS_ENDPOINT_URL'];
  if (configured !== undefined && configured !== '') return new URL(configured);
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return new URL(`https://${service.hostPrefix}.${region}.${domain}`);
}
