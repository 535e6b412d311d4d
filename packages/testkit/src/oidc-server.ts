import { KeyObject, createPublicKey, createVerify, generateKeyPair, randomBytes, randomUUID, sign } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

/** The issuer of GitHub Actions OIDC tokens. */
export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

/** The claims of a GitHub Actions OIDC token that the testkit issues. */
export interface GitHubOidcClaims {
  iss: string;
  aud: string;
  sub: string;
  repository: string;
  repository_owner: string;
  ref: string;
  ref_type: string;
  sha: string;
  run_id: string;
  run_attempt: string;
  actor: string;
  workflow: string;
  event_name: string;
  job_workflow_ref: string;
  environment?: string;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
}

/** Options of {@link startOidcTokenServer}. */
export interface OidcTokenServerOptions {
  /**
   * Claims to set or override. `sub` defaults to `repo:<repository>:environment:<environment>`
   * when `environment` is given, else `repo:<repository>:ref:<ref>`; `aud` to the requested
   * audience. Time claims and `jti` are fresh for each token unless given here.
   */
  claims?: Partial<GitHubOidcClaims>;
}

/** One request received by the token endpoint. */
export interface OidcTokenRequest {
  /** The `audience` query parameter, if any. */
  audience: string | undefined;
  /** Whether the bearer token was right (a token was issued unless a fault was injected). */
  authorized: boolean;
  /** The fault injected into this request, if any. */
  fault?: TokenEndpointFaultKind;
}

/**
 * Faults of the token endpoint: `unavailable` (HTTP 503, which `core.getIDToken` retries),
 * `unauthorized` (HTTP 401, as for a wrong or expired request token), `empty-body` (HTTP 200
 * with nothing in it).
 */
export const TOKEN_ENDPOINT_FAULT_KINDS = ['unavailable', 'unauthorized', 'empty-body'] as const;

/** One of {@link TOKEN_ENDPOINT_FAULT_KINDS}. */
export type TokenEndpointFaultKind = (typeof TOKEN_ENDPOINT_FAULT_KINDS)[number];

/** A fault on the token endpoint. */
export interface TokenEndpointFault {
  readonly kind: TokenEndpointFaultKind;
  /** How many token requests, from when the fault is set, it hits; all of them when undefined. */
  readonly count?: number;
}

/** A running local GitHub OIDC token endpoint. */
export interface OidcTokenServer {
  /** Value for `ACTIONS_ID_TOKEN_REQUEST_URL`; it already holds a query string, as GitHub's does. */
  readonly requestUrl: string;
  /** Value for `ACTIONS_ID_TOKEN_REQUEST_TOKEN`. */
  readonly requestToken: string;
  /** Every token request, in order. */
  readonly requests: OidcTokenRequest[];
  /** Every JWT issued, in order, so tests can check none of them leaks. */
  readonly tokensIssued: string[];
  /** The signing public key as a JWK, with `kid`, `alg` and `use`. */
  readonly jwks: JsonWebKey;
  /** The signing public key. */
  readonly publicKey: KeyObject;
  /** `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, as the runner sets them. */
  env(): Record<string, string>;
  /** Injects (or with undefined removes) a fault into the next token requests. */
  setFault(fault: TokenEndpointFault | undefined): void;
  /** Closes the server. Idempotent. */
  stop(): Promise<void>;
}

const TOKEN_LIFETIME_S = 300;

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function splitJwt(jwt: string): [string, string, string] {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new Error(`A JWT has 3 dot-separated parts; this one has ${parts.length}`);
  return parts as [string, string, string];
}

function decodePart(part: string, what: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`The JWT ${what} is not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Decodes the header of a JWT without checking its signature.
 *
 * @example
 * ```ts
 * decodeJwtHeader(jwt); // { alg: 'RS256', typ: 'JWT', kid: '…' }
 * ```
 */
export function decodeJwtHeader(jwt: string): Record<string, unknown> {
  return decodePart(splitJwt(jwt)[0], 'header');
}

/**
 * Decodes the claims (payload) of a JWT without checking its signature.
 *
 * @example
 * ```ts
 * decodeJwtClaims(jwt).aud; // 'sts.amazonaws.com'
 * ```
 */
export function decodeJwtClaims(jwt: string): Record<string, unknown> {
  return decodePart(splitJwt(jwt)[1], 'claims');
}

/**
 * Checks an RS256 JWT's signature with `publicKey` and returns its claims.
 *
 * Only the signature and `alg` are checked, not the time claims or the audience.
 *
 * @throws Error when `alg` is not RS256 or the signature does not verify.
 */
export function verifyJwt(jwt: string, publicKey: KeyObject | JsonWebKey): Record<string, unknown> {
  const [header, payload, signature] = splitJwt(jwt);
  const alg = decodePart(header, 'header').alg;
  if (alg !== 'RS256') throw new Error(`Expected alg RS256, got ${String(alg)}`);
  const key = publicKey instanceof KeyObject ? publicKey : createPublicKey({ key: publicKey, format: 'jwk' });
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(key, Buffer.from(signature, 'base64url'))) {
    throw new Error('The JWT signature does not verify');
  }
  return decodePart(payload, 'claims');
}

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * Starts a local stand-in for the GitHub Actions OIDC token endpoint on 127.0.0.1.
 *
 * It answers `GET /token?api-version=2.0&audience=<aud>` with `Authorization: Bearer <token>`
 * (what `@actions/core.getIDToken` sends) with `{"value":"<JWT>"}`, an RS256 JWT signed with a
 * fresh RSA 2048 key and carrying GitHub's claims. A wrong or missing bearer gets 401. It also
 * serves `/.well-known/openid-configuration` and `/.well-known/jwks`.
 */
export async function startOidcTokenServer(options: OidcTokenServerOptions = {}): Promise<OidcTokenServer> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const jwks: JsonWebKey = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const requestToken = randomBytes(24).toString('hex');
  const requests: OidcTokenRequest[] = [];
  const tokensIssued: string[] = [];

  const issue = (audience: string | undefined): string => {
    const overrides = options.claims ?? {};
    const repository = overrides.repository ?? 'octo-org/octo-repo';
    const owner = overrides.repository_owner ?? repository.split('/')[0]!;
    const ref = overrides.ref ?? 'refs/heads/main';
    const environment = overrides.environment;
    const now = Math.floor(Date.now() / 1000);
    const claims: GitHubOidcClaims = {
      iss: GITHUB_OIDC_ISSUER,
      // GitHub's default audience is the URL of the repository owner.
      aud: audience ?? `https://github.com/${owner}`,
      sub: environment === undefined ? `repo:${repository}:ref:${ref}` : `repo:${repository}:environment:${environment}`,
      repository,
      repository_owner: owner,
      ref,
      ref_type: 'branch',
      sha: 'ffac537e6cbbf934b08745a378932722df287a53',
      run_id: '1234567890',
      run_attempt: '1',
      actor: 'octocat',
      workflow: 'CI',
      event_name: 'push',
      job_workflow_ref: `${repository}/.github/workflows/ci.yml@${ref}`,
      ...(environment === undefined ? {} : { environment }),
      iat: now,
      nbf: now - 5,
      exp: now + TOKEN_LIFETIME_S,
      jti: randomUUID(),
      ...overrides,
    };
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }));
    const payload = base64url(JSON.stringify(claims));
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey);
    const jwt = `${header}.${payload}.${base64url(signature)}`;
    tokensIssued.push(jwt);
    return jwt;
  };

  const respond = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  let fault: TokenEndpointFault | undefined;
  let faultedSoFar = 0;
  /** The fault to inject into this request, counting it against the fault's `count`. */
  const nextFault = (): TokenEndpointFaultKind | undefined => {
    if (fault === undefined || (fault.count !== undefined && faultedSoFar >= fault.count)) return undefined;
    faultedSoFar++;
    return fault.kind;
  };

  let origin = '';
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'GET' && url.pathname === '/token') {
      const audience = url.searchParams.get('audience') ?? undefined;
      const authorized = req.headers.authorization === `Bearer ${requestToken}`;
      const injected = nextFault();
      requests.push({ audience, authorized, ...(injected === undefined ? {} : { fault: injected }) });
      if (injected === 'unavailable') {
        respond(res, 503, { message: 'Service Unavailable' });
        return;
      }
      if (injected === 'empty-body') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': 0 }).end();
        return;
      }
      if (!authorized || injected === 'unauthorized') {
        respond(res, 401, { message: 'Bad credentials' });
        return;
      }
      respond(res, 200, { count: 1, value: issue(audience) });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/jwks') {
      respond(res, 200, { keys: [jwks] });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      respond(res, 200, {
        issuer: GITHUB_OIDC_ISSUER,
        jwks_uri: `${origin}/.well-known/jwks`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
      return;
    }
    respond(res, 404, { message: 'Not Found' });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  const requestUrl = `${origin}/token?api-version=2.0`;
  let stopped: Promise<void> | undefined;

  return {
    requestUrl,
    requestToken,
    requests,
    tokensIssued,
    jwks,
    publicKey,
    env: () => ({ ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken }),
    setFault: (next) => {
      fault = next;
      faultedSoFar = 0;
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
