import { request as httpRequest, createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { echoRequestInError } from './request-echo.js';

/** Options of {@link startAwsProxy}. */
export interface AwsProxyOptions {
  /** Base URL requests with a relative path are forwarded to, e.g. moto's endpoint. */
  target: string;
  /** Delay added before forwarding each request; 0 by default. */
  latencyMs?: number;
  /**
   * Host names that stand for `target` when the proxy is used as `HTTP_PROXY`: an absolute-URI
   * request to one of them goes to `target`. Clients never proxy loopback addresses, so a test
   * of proxy support points the SDK at such a name (under the reserved `.test` domain, which
   * never resolves, so nothing reaches it except through the proxy).
   */
  aliasHosts?: readonly string[];
  /** Start with {@link AwsProxy.setEchoRequestInErrors} on; off by default. */
  echoRequestInErrors?: boolean;
}

/** One request that went through the proxy. */
export interface AwsProxyCall {
  /** `secretsmanager:GetSecretValue`, `sts:AssumeRoleWithWebIdentity`, … or `http:METHOD /path` for non-AWS requests. */
  operation: string;
  /**
   * HTTP status returned to the client (502 when the upstream could not be reached), or
   * {@link NO_RESPONSE} when the client got none (connection reset, or it gave up waiting).
   */
  status: number;
  /** Whether the client used the proxy as a forward HTTP proxy (absolute request URI). */
  viaProxy: boolean;
}

/** A request as an interceptor sees it. */
export interface InterceptedRequest {
  /** `secretsmanager:ListSecrets`, … as in {@link AwsProxyCall.operation}. */
  readonly operation: string;
  /** 1 for the first call of this operation since the last reset, 2 for the second, … */
  readonly callNumber: number;
  readonly body: string;
}

/** What an interceptor wants done with a request; undefined forwards it unchanged. */
export type InterceptDecision =
  /** Answer the client directly; upstream never sees the request. */
  | { readonly respond: { readonly status: number; readonly headers?: Record<string, string>; readonly body: string } }
  /** Forward the request with another body (content-length is recomputed). */
  | { readonly rewriteBody: string }
  /** Reset the client's connection without answering; upstream never sees the request. */
  | { readonly resetConnection: true }
  /**
   * Hold the request for `delayMs`, then forward it, unless the client gave up meanwhile (a
   * client timeout): then upstream never sees it, so a timed-out write never happens later.
   */
  | { readonly delayMs: number }
  /**
   * Forward the request, let upstream answer in full, then reset the client's connection
   * instead of passing the answer on: the write happened, the client cannot know.
   */
  | { readonly forwardThenReset: true };

/** Decides, per request, whether to answer it, rewrite it, or let it through. */
export type Interceptor = (request: InterceptedRequest) => InterceptDecision | undefined;

/** A running counting proxy in front of an AWS endpoint. */
export interface AwsProxy {
  /** Base URL to give clients, as an endpoint (`AWS_ENDPOINT_URL`) or as `HTTP_PROXY`. */
  readonly endpoint: string;
  /** Every completed call, in order of completion. */
  readonly calls: AwsProxyCall[];
  /** How many requests arrived with an absolute URI, i.e. through the proxy as `HTTP_PROXY`. */
  readonly forwardedAsProxy: number;
  /** Number of calls of `operation`, e.g. `count('secretsmanager:GetSecretValue')`. */
  count(operation: string): number;
  /** Calls per operation. */
  counts(): Record<string, number>;
  /** Forgets all calls and the forward-proxy count. */
  resetCounts(): void;
  /** Changes the delay added before forwarding each request. */
  setLatency(ms: number): void;
  /** Installs (or with undefined removes) an interceptor that can answer or rewrite requests: faults, odd pages. */
  setInterceptor(interceptor: Interceptor | undefined): void;
  /**
   * Turns on (or off) the worst case of an AWS service echoing its input: every error response
   * (status >= 400, from upstream or from an interceptor) gets the full request body quoted in
   * its message, see {@link echoRequestInError}. PutSecretValue bodies carry the secret value,
   * STS bodies the OIDC token.
   */
  setEchoRequestInErrors(on: boolean): void;
  /** Closes the proxy and its connections. Idempotent. */
  stop(): Promise<void>;
}

/** {@link AwsProxyCall.status} of a call the client got no HTTP response to. */
export const NO_RESPONSE = 0;

/** `X-Amz-Target` prefixes of the JSON-protocol services the tests use, by signing name. */
const TARGET_PREFIXES: Record<string, string> = {
  secretsmanager: 'secretsmanager',
  AmazonSSM: 'ssm',
  TrentService: 'kms',
  AWSSecurityTokenServiceV20110615: 'sts',
};

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Names the AWS operation of a request, as `service:Operation`.
 *
 * JSON protocol: `X-Amz-Target: secretsmanager.GetSecretValue` → `secretsmanager:GetSecretValue`,
 * `AmazonSSM.GetParameters` → `ssm:GetParameters`. Query protocol: `Action=…` in the form body or
 * the query string, with the service from the SigV4 credential scope
 * (`Credential=…/us-east-1/sts/aws4_request`), else `sts`. Anything else: `http:METHOD /path`.
 *
 * @example
 * ```ts
 * identifyOperation('POST', '/', { 'x-amz-target': 'secretsmanager.GetSecretValue' }, ''); // 'secretsmanager:GetSecretValue'
 * ```
 */
export function identifyOperation(method: string, path: string, headers: IncomingHttpHeaders, body: string): string {
  const target = headerValue(headers, 'x-amz-target');
  if (target !== undefined) {
    const dot = target.lastIndexOf('.');
    const prefix = dot < 0 ? '' : target.slice(0, dot);
    const service = TARGET_PREFIXES[prefix] ?? prefix.toLowerCase();
    return `${service}:${target.slice(dot + 1)}`;
  }
  const url = new URL(path, 'http://localhost');
  const contentType = headerValue(headers, 'content-type') ?? '';
  const form = contentType.includes('application/x-www-form-urlencoded') ? new URLSearchParams(body) : undefined;
  const action = form?.get('Action') ?? url.searchParams.get('Action');
  if (action !== null) {
    const scope = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(headerValue(headers, 'authorization') ?? '');
    return `${scope?.[1] ?? 'sts'}:${action}`;
  }
  return `http:${method} ${url.pathname}`;
}

function forwardHeaders(headers: IncomingHttpHeaders, bodyLength: number): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    // Host and every signed header pass unchanged, so SigV4 signatures stay valid upstream.
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  if (bodyLength > 0 || headers['content-length'] !== undefined) out['content-length'] = String(bodyLength);
  return out;
}

/** Tests must never reach real hosts: only loopback addresses are forwarded to. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Resolves true when the client closes its connection within `ms`, false when the time passes first. */
function clientGoneWithin(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(false);
    }, ms);
    res.once('close', onClose);
  });
}

/** Ends the client's connection with a TCP reset, so it sees ECONNRESET rather than a clean close. */
function resetClient(req: IncomingMessage): void {
  req.socket.resetAndDestroy();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Starts an HTTP proxy on 127.0.0.1 in front of `target` that counts AWS operations and can add
 * latency.
 *
 * A request with a relative path is forwarded to `target`. A request with an absolute URI
 * (`GET http://host:port/path`, as an `HTTP_PROXY`-aware client sends) is forwarded to that
 * URI's host instead (loopback hosts only; others get 403), and counted in `forwardedAsProxy`. Method, path, headers (`Host`
 * included) and body are forwarded unchanged; the response is streamed back. `CONNECT`
 * (HTTPS tunnelling) is not supported.
 */
export async function startAwsProxy(options: AwsProxyOptions): Promise<AwsProxy> {
  const target = new URL(options.target);
  let latencyMs = options.latencyMs ?? 0;
  const calls: AwsProxyCall[] = [];
  let forwardedAsProxy = 0;
  let interceptor: Interceptor | undefined;
  let echoRequestInErrors = options.echoRequestInErrors ?? false;
  const callNumbers = new Map<string, number>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    const viaProxy = /^https?:\/\//i.test(rawUrl);
    const absolute = viaProxy ? new URL(rawUrl) : undefined;
    const upstream =
      absolute === undefined
        ? new URL(rawUrl, target)
        : options.aliasHosts?.includes(absolute.hostname) === true
          ? new URL(`${absolute.pathname}${absolute.search}`, target)
          : absolute;
    let body = await readBody(req);
    const method = req.method ?? 'GET';
    const operation = identifyOperation(method, `${upstream.pathname}${upstream.search}`, req.headers, body.toString('utf8'));
    if (viaProxy) forwardedAsProxy++;
    if (latencyMs > 0) await sleep(latencyMs);
    const callNumber = (callNumbers.get(operation) ?? 0) + 1;
    callNumbers.set(operation, callNumber);
    const decision = interceptor?.({ operation, callNumber, body: body.toString('utf8') });
    if (decision !== undefined && 'respond' in decision) {
      const { status, headers = {}, body: responseBody } = decision.respond;
      calls.push({ operation, status, viaProxy });
      const allHeaders = { 'content-type': 'application/x-amz-json-1.1', ...headers };
      const sent = echoRequestInErrors && status >= 400 ? echoRequestInError(responseBody, allHeaders['content-type'], body.toString('utf8')) : responseBody;
      res.writeHead(status, allHeaders).end(sent);
      return;
    }
    if (decision !== undefined && 'resetConnection' in decision) {
      calls.push({ operation, status: NO_RESPONSE, viaProxy });
      resetClient(req);
      return;
    }
    if (decision !== undefined && 'delayMs' in decision && (await clientGoneWithin(res, decision.delayMs))) {
      calls.push({ operation, status: NO_RESPONSE, viaProxy });
      return;
    }
    if (decision !== undefined && 'rewriteBody' in decision) body = Buffer.from(decision.rewriteBody, 'utf8');
    const breakResponse = decision !== undefined && 'forwardThenReset' in decision;
    if (viaProxy && !isLoopback(upstream.hostname)) {
      calls.push({ operation, status: 403, viaProxy });
      res.writeHead(403, { 'content-type': 'text/plain' }).end(`The testkit proxy forwards only to loopback hosts, not ${upstream.hostname}`);
      return;
    }
    if (upstream.protocol !== 'http:') {
      calls.push({ operation, status: 501, viaProxy });
      res.writeHead(501, { 'content-type': 'text/plain' }).end(`The testkit proxy forwards only http:, not ${upstream.protocol}`);
      return;
    }
    await new Promise<void>((resolve) => {
      const outgoing = httpRequest(
        {
          protocol: 'http:',
          hostname: upstream.hostname,
          port: upstream.port,
          method,
          path: `${upstream.pathname}${upstream.search}`,
          headers: forwardHeaders(req.headers, body.length),
        },
        (incoming) => {
          if (breakResponse) {
            // Upstream has done the work; read its whole answer, then drop the client's connection.
            incoming.resume();
            incoming.once('end', () => {
              calls.push({ operation, status: NO_RESPONSE, viaProxy });
              resetClient(req);
              resolve();
            });
            return;
          }
          const status = incoming.statusCode ?? 502;
          const headers: OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
          }
          if (echoRequestInErrors && status >= 400) {
            // Buffered, not streamed: the body is rewritten, so its length changes.
            void readBody(incoming).then((original) => {
              const contentType = headerValue(incoming.headers, 'content-type') ?? '';
              const rewritten = Buffer.from(echoRequestInError(original.toString('utf8'), contentType, body.toString('utf8')), 'utf8');
              headers['content-length'] = String(rewritten.length);
              res.writeHead(status, headers).end(rewritten);
              calls.push({ operation, status, viaProxy });
              resolve();
            }, () => {
              res.destroy();
              resolve();
            });
            return;
          }
          res.writeHead(status, headers);
          incoming.pipe(res);
          incoming.once('end', () => {
            calls.push({ operation, status, viaProxy });
            resolve();
          });
          incoming.once('error', () => {
            res.destroy();
            resolve();
          });
        },
      );
      outgoing.once('error', (error) => {
        calls.push({ operation, status: 502, viaProxy });
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`Upstream ${upstream.host} failed: ${error.message}`);
        resolve();
      });
      outgoing.end(body);
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`testkit proxy error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    get forwardedAsProxy() {
      return forwardedAsProxy;
    },
    count: (operation) => calls.filter((call) => call.operation === operation).length,
    counts: () => {
      const counts: Record<string, number> = {};
      for (const call of calls) counts[call.operation] = (counts[call.operation] ?? 0) + 1;
      return counts;
    },
    resetCounts: () => {
      calls.length = 0;
      forwardedAsProxy = 0;
      callNumbers.clear();
    },
    setInterceptor: (next) => {
      interceptor = next;
    },
    setEchoRequestInErrors: (on) => {
      echoRequestInErrors = on;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    stop: async () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
