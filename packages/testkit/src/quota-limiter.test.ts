import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it } from 'vitest';
import { startAwsProxy } from './aws-proxy.js';
import type { AwsProxy, InterceptDecision } from './aws-proxy.js';
import { AWS_DEFAULT_QUOTAS, JSON_THROTTLING_BODY, QUERY_THROTTLING_BODY, createQuotaLimiter, scaleQuotas } from './quota-limiter.js';
import type { Quota } from './quota-limiter.js';
import { DUMMY_CREDENTIALS } from './seed.js';

/** A clock the test moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let ms = 1_000;
  return {
    now: () => ms,
    advance: (by) => {
      ms += by;
    },
  };
}

const BATCH = 'secretsmanager:BatchGetSecretValue';
const JSON_BODY = '{"SecretIdList":["a"]}';

/** Sends `count` calls of `operation` at the current instant; returns how many were throttled. */
function callMany(interceptor: (request: { operation: string; callNumber: number; body: string }) => InterceptDecision | undefined, operation: string, count: number, body = JSON_BODY): number {
  let throttled = 0;
  for (let i = 1; i <= count; i++) if (interceptor({ operation, callNumber: i, body }) !== undefined) throttled++;
  return throttled;
}

describe('createQuotaLimiter', () => {
  it('lets a full bucket take exactly its burst at once, then throttles', () => {
    const clock = manualClock();
    const limiter = createQuotaLimiter({ now: clock.now });
    expect(limiter.tokens(BATCH)).toBe(100);
    expect(callMany(limiter.interceptor, BATCH, 100)).toBe(0);
    expect(limiter.tokens(BATCH)).toBe(0);
    expect(callMany(limiter.interceptor, BATCH, 7)).toBe(7);
    expect(limiter.throttled()).toEqual({ [BATCH]: 7 });
  });

  it('refills at the quota rate: one BatchGetSecretValue token per 10 ms, none for 9 ms', () => {
    const clock = manualClock();
    const limiter = createQuotaLimiter({ now: clock.now });
    callMany(limiter.interceptor, BATCH, 100);
    clock.advance(9);
    expect(limiter.tokens(BATCH)).toBe(0);
    expect(callMany(limiter.interceptor, BATCH, 1)).toBe(1);
    clock.advance(1);
    expect(limiter.tokens(BATCH)).toBe(1);
    expect(callMany(limiter.interceptor, BATCH, 2)).toBe(1);
    clock.advance(250);
    expect(limiter.tokens(BATCH)).toBe(25);
  });

  it('never holds more than the burst, however long the quiet spell', () => {
    const clock = manualClock();
    const limiter = createQuotaLimiter({ quotas: [{ operations: [BATCH], perSecond: 10, burst: 3 }], now: clock.now });
    callMany(limiter.interceptor, BATCH, 3);
    clock.advance(60_000);
    expect(limiter.tokens(BATCH)).toBe(3);
    expect(callMany(limiter.interceptor, BATCH, 4)).toBe(1);
  });

  it('shares one bucket between the operations of a quota: SSM gets draw from one 40/s standard throughput', () => {
    const clock = manualClock();
    const limiter = createQuotaLimiter({ now: clock.now });
    expect(callMany(limiter.interceptor, 'ssm:GetParameters', 30)).toBe(0);
    expect(callMany(limiter.interceptor, 'ssm:GetParametersByPath', 15)).toBe(5);
    expect(limiter.tokens('ssm:GetParameter')).toBe(0);
    expect(limiter.throttled()).toEqual({ 'ssm:GetParametersByPath': 5 });
  });

  it('keeps the buckets of different quotas apart', () => {
    const clock = manualClock();
    const limiter = createQuotaLimiter({ now: clock.now });
    callMany(limiter.interceptor, BATCH, 100);
    expect(limiter.tokens('secretsmanager:ListSecrets')).toBe(100);
    expect(callMany(limiter.interceptor, 'secretsmanager:ListSecrets', 1)).toBe(0);
  });

  it('never throttles an operation without a quota, STS included, but records it', () => {
    const clock = manualClock();
    const limiter = createQuotaLimiter({ now: clock.now });
    expect(callMany(limiter.interceptor, 'sts:AssumeRoleWithWebIdentity', 5_000, 'Action=AssumeRoleWithWebIdentity')).toBe(0);
    expect(limiter.tokens('sts:AssumeRoleWithWebIdentity')).toBeUndefined();
    expect(limiter.events).toHaveLength(5_000);
    expect(limiter.throttled()).toEqual({});
  });

  it('answers a JSON-protocol call beyond quota exactly as AWS does', () => {
    const clock = manualClock();
    const limiter = createQuotaLimiter({ quotas: [{ operations: ['ssm:GetParameters'], perSecond: 1 }], now: clock.now });
    const request = { operation: 'ssm:GetParameters', callNumber: 1, body: '{"Names":["/a"],"WithDecryption":true}' };
    expect(limiter.interceptor(request)).toBeUndefined();
    expect(limiter.interceptor({ ...request, callNumber: 2 })).toEqual({
      respond: { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{"__type":"ThrottlingException","message":"Rate exceeded"}' },
    });
  });

  it('answers a query-protocol (STS) call beyond quota with the XML Throttling error', () => {
    const clock = manualClock();
    const limiter = createQuotaLimiter({ quotas: [{ operations: ['sts:AssumeRoleWithWebIdentity'], perSecond: 1 }], now: clock.now });
    const request = { operation: 'sts:AssumeRoleWithWebIdentity', callNumber: 1, body: 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15' };
    limiter.interceptor(request);
    const decision = limiter.interceptor({ ...request, callNumber: 2 });
    expect(decision).toEqual({ respond: { status: 400, headers: { 'content-type': 'text/xml' }, body: QUERY_THROTTLING_BODY } });
    expect(QUERY_THROTTLING_BODY).toContain('<Code>Throttling</Code><Message>Rate exceeded</Message>');
  });

  it('records every call with its time and verdict, and forgets them on reset with full buckets', () => {
    const clock = manualClock();
    const limiter = createQuotaLimiter({ quotas: [{ operations: [BATCH], perSecond: 2 }], now: clock.now });
    callMany(limiter.interceptor, BATCH, 3);
    clock.advance(500);
    callMany(limiter.interceptor, BATCH, 1);
    expect(limiter.events).toEqual([
      { operation: BATCH, atMs: 1_000, throttled: false },
      { operation: BATCH, atMs: 1_000, throttled: false },
      { operation: BATCH, atMs: 1_000, throttled: true },
      { operation: BATCH, atMs: 1_500, throttled: false },
    ]);
    limiter.reset();
    expect(limiter.events).toEqual([]);
    expect(limiter.throttled()).toEqual({});
    expect(limiter.tokens(BATCH)).toBe(2);
  });

  it.each([
    { name: 'a zero rate', quotas: [{ operations: [BATCH], perSecond: 0 }], message: `The quota of ${BATCH} needs a positive rate and burst, not 0/s and 0` },
    { name: 'a zero burst', quotas: [{ operations: [BATCH], perSecond: 5, burst: 0 }], message: `The quota of ${BATCH} needs a positive rate and burst, not 5/s and 0` },
    {
      name: 'an operation in two quotas',
      quotas: [
        { operations: [BATCH], perSecond: 5 },
        { operations: ['secretsmanager:ListSecrets', BATCH], perSecond: 5 },
      ],
      message: `${BATCH} is in more than one quota`,
    },
  ])('refuses $name', ({ quotas, message }: { quotas: Quota[]; message: string }) => {
    expect(() => createQuotaLimiter({ quotas })).toThrow(new RangeError(message));
  });
});

describe('AWS_DEFAULT_QUOTAS', () => {
  it.each([
    { operation: BATCH, perSecond: 100 },
    { operation: 'secretsmanager:GetSecretValue', perSecond: 10_000 },
    { operation: 'secretsmanager:ListSecrets', perSecond: 100 },
    { operation: 'ssm:GetParameters', perSecond: 40 },
    { operation: 'ssm:GetParametersByPath', perSecond: 40 },
    { operation: 'secretsmanager:PutSecretValue', perSecond: 50 },
    { operation: 'secretsmanager:RotateSecret', perSecond: 50 },
  ])('gives $operation $perSecond calls per second', ({ operation, perSecond }) => {
    expect(AWS_DEFAULT_QUOTAS.find((quota) => quota.operations.includes(operation))?.perSecond).toBe(perSecond);
  });
});

describe('scaleQuotas', () => {
  it('scales rate and burst alike, the default burst included', () => {
    expect(scaleQuotas([{ operations: ['ssm:GetParameters'], perSecond: 40 }, { operations: [BATCH], perSecond: 100, burst: 20 }], 0.25)).toEqual([
      { operations: ['ssm:GetParameters'], perSecond: 10, burst: 10 },
      { operations: [BATCH], perSecond: 25, burst: 5 },
    ]);
  });
});

describe('the limiter behind a real proxy, seen by the AWS SDK', () => {
  let proxy: AwsProxy | undefined;
  afterEach(async () => {
    await proxy?.stop();
  });

  it.each([
    {
      name: 'Secrets Manager',
      operation: 'secretsmanager:GetSecretValue',
      send: async (endpoint: string) =>
        new SecretsManagerClient({ endpoint, region: 'us-east-1', credentials: DUMMY_CREDENTIALS, maxAttempts: 1 }).send(new GetSecretValueCommand({ SecretId: 'a' })),
    },
    {
      name: 'SSM',
      operation: 'ssm:GetParameters',
      send: async (endpoint: string) =>
        new SSMClient({ endpoint, region: 'us-east-1', credentials: DUMMY_CREDENTIALS, maxAttempts: 1 }).send(new GetParametersCommand({ Names: ['/a'] })),
    },
  ])('$name gets a ThrottlingException "Rate exceeded" with status 400', async ({ operation, send }) => {
    const clock = manualClock();
    const limiter = createQuotaLimiter({ quotas: [{ operations: [operation], perSecond: 1 }], now: clock.now });
    // The upstream is never reached: the one token is spent here, and the clock stands still.
    proxy = await startAwsProxy({ target: 'http://127.0.0.1:9' });
    proxy.setInterceptor(limiter.interceptor);
    limiter.interceptor({ operation, callNumber: 0, body: '{}' });

    const error = (await send(proxy.endpoint).catch((thrown: unknown) => thrown)) as { name: string; message: string; $metadata: { httpStatusCode: number } };
    expect(error.name).toBe('ThrottlingException');
    expect(error.message).toBe('Rate exceeded');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(proxy.calls).toEqual([{ operation, status: 400, viaProxy: false }]);
    expect(limiter.throttled()).toEqual({ [operation]: 1 });
    expect(JSON_THROTTLING_BODY).toBe('{"__type":"ThrottlingException","message":"Rate exceeded"}');
  });
});
