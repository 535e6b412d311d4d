import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GITHUB_OIDC_ISSUER, decodeJwtClaims, decodeJwtHeader, startOidcTokenServer, verifyJwt } from './oidc-server.js';
import type { OidcTokenServer } from './oidc-server.js';

async function requestToken(server: OidcTokenServer, audience: string | undefined, bearer: string | undefined): Promise<Response> {
  const url = audience === undefined ? server.requestUrl : `${server.requestUrl}&audience=${encodeURIComponent(audience)}`;
  return fetch(url, { headers: bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` } });
}

async function tokenValue(response: Response): Promise<string> {
  const body = (await response.json()) as { value: string };
  return body.value;
}

describe('startOidcTokenServer', () => {
  let server: OidcTokenServer;
  beforeAll(async () => {
    server = await startOidcTokenServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('gives the two variables the runner sets, with a URL that already has a query string', () => {
    expect(server.requestUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/token\?api-version=2\.0$/);
    expect(server.env()).toEqual({ ACTIONS_ID_TOKEN_REQUEST_URL: server.requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: server.requestToken });
  });

  it('issues a verifiable RS256 JWT with the requested audience and GitHub claims', async () => {
    const response = await requestToken(server, 'sts.amazonaws.com', server.requestToken);
    expect(response.status).toBe(200);
    const jwt = await tokenValue(response);
    expect(decodeJwtHeader(jwt)).toEqual({ typ: 'JWT', alg: 'RS256', kid: server.jwks.kid });
    const claims = verifyJwt(jwt, server.jwks);
    expect(claims).toEqual(decodeJwtClaims(jwt));
    expect(claims).toMatchObject({
      iss: GITHUB_OIDC_ISSUER,
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      repository: 'octo-org/octo-repo',
      repository_owner: 'octo-org',
      ref: 'refs/heads/main',
      run_id: '1234567890',
      run_attempt: '1',
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
    });
    expect(claims.exp).toBe((claims.iat as number) + 300);
    expect(claims).not.toHaveProperty('environment');
    expect(server.tokensIssued.at(-1)).toBe(jwt);
    expect(server.requests.at(-1)).toEqual({ audience: 'sts.amazonaws.com', authorized: true });
    expect(verifyJwt(jwt, server.publicKey)).toEqual(claims);
  });

  it("defaults the audience to the repository owner's URL", async () => {
    const jwt = await tokenValue(await requestToken(server, undefined, server.requestToken));
    expect(decodeJwtClaims(jwt).aud).toBe('https://github.com/octo-org');
    expect(server.requests.at(-1)).toEqual({ audience: undefined, authorized: true });
  });

  it.each([
    { name: 'a wrong bearer token', bearer: 'not-the-token' },
    { name: 'no bearer token', bearer: undefined },
  ])('refuses $name with 401 and issues nothing', async ({ bearer }) => {
    const issued = server.tokensIssued.length;
    const response = await requestToken(server, 'sts.amazonaws.com', bearer);
    expect(response.status).toBe(401);
    await response.arrayBuffer();
    expect(server.tokensIssued.length).toBe(issued);
    expect(server.requests.at(-1)).toEqual({ audience: 'sts.amazonaws.com', authorized: false });
  });

  it('serves its public key at /.well-known/jwks', async () => {
    const response = await fetch(new URL('/.well-known/jwks', server.requestUrl));
    expect(await response.json()).toEqual({ keys: [server.jwks] });
  });
});

describe('startOidcTokenServer with claims', () => {
  it('derives sub from an environment and lets claims override defaults', async () => {
    const server = await startOidcTokenServer({ claims: { environment: 'production', repository: 'acme/api', ref: 'refs/heads/release' } });
    try {
      const claims = decodeJwtClaims(await tokenValue(await requestToken(server, 'sts.amazonaws.com', server.requestToken)));
      expect(claims).toMatchObject({
        sub: 'repo:acme/api:environment:production',
        environment: 'production',
        repository: 'acme/api',
        repository_owner: 'acme',
        ref: 'refs/heads/release',
      });
    } finally {
      await server.stop();
    }
  });
});

describe('verifyJwt', () => {
  it('rejects a token whose claims were altered', async () => {
    const server = await startOidcTokenServer();
    try {
      const jwt = await tokenValue(await requestToken(server, 'sts.amazonaws.com', server.requestToken));
      const [header, , signature] = jwt.split('.');
      const forged = Buffer.from(JSON.stringify({ ...decodeJwtClaims(jwt), sub: 'repo:evil/repo:ref:refs/heads/main' })).toString('base64url');
      expect(() => verifyJwt(`${header!}.${forged}.${signature!}`, server.jwks)).toThrow('The JWT signature does not verify');
    } finally {
      await server.stop();
    }
  });

  it('rejects a token signed with another key', async () => {
    const server = await startOidcTokenServer();
    try {
      const jwt = await tokenValue(await requestToken(server, 'sts.amazonaws.com', server.requestToken));
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
      expect(() => verifyJwt(jwt, other)).toThrow('The JWT signature does not verify');
    } finally {
      await server.stop();
    }
  });

  it('rejects an alg other than RS256', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from('{}').toString('base64url');
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(() => verifyJwt(`${header}.${payload}.`, key)).toThrow('Expected alg RS256, got none');
  });
});

describe('startOidcTokenServer faults', () => {
  let server: OidcTokenServer;
  beforeAll(async () => {
    server = await startOidcTokenServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers 503 to the first K token requests, then issues tokens again', async () => {
    server.setFault({ kind: 'unavailable', count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await requestToken(server, 'sts.amazonaws.com', server.requestToken)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(server.requests.slice(-3).map((r) => r.fault)).toEqual(['unavailable', 'unavailable', undefined]);
    server.setFault(undefined);
  });

  it('answers 401 to every token request while the fault is persistent', async () => {
    server.setFault({ kind: 'unauthorized' });
    const issued = server.tokensIssued.length;
    for (let i = 0; i < 3; i++) {
      const response = await requestToken(server, 'sts.amazonaws.com', server.requestToken);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Bad credentials' });
    }
    expect(server.tokensIssued).toHaveLength(issued);
    server.setFault(undefined);
  });

  it('answers 200 with an empty body', async () => {
    server.setFault({ kind: 'empty-body', count: 1 });
    const response = await requestToken(server, 'sts.amazonaws.com', server.requestToken);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect((await requestToken(server, 'sts.amazonaws.com', server.requestToken)).status).toBe(200);
    server.setFault(undefined);
  });
});
