import type { InterceptDecision, InterceptedRequest, Interceptor } from './aws-proxy.js';

/** One request-rate quota: a token bucket shared by `operations`. */
export interface Quota {
  /** Proxy operation names (`secretsmanager:BatchGetSecretValue`, …) that draw from this bucket. */
  readonly operations: readonly string[];
  /** Tokens added per second. */
  readonly perSecond: number;
  /** Bucket size: calls that may arrive at once after a quiet spell. One second's worth by default. */
  readonly burst?: number;
}

/**
 * AWS's default request quotas per account and region for the calls the actions make.
 *
 * - Secrets Manager (userguide `reference_limits.html`, "Secrets Manager quotas", none adjustable):
 *   BatchGetSecretValue 100/s; ListSecrets 100/s; PutSecretValue, UpdateSecret,
 *   UpdateSecretVersionStage (and the replication calls) 50/s combined; RotateSecret and
 *   CancelRotateSecret 50/s combined. GetSecretValue 10 000/s and DescribeSecret 40 000/s
 *   (What's New, 2025-03-04, "AWS Secrets Manager increases API requests per second").
 * - Parameter Store (general reference `ssm.html`, "Max throughput"): standard throughput 40/s,
 *   shared by GetParameter, GetParameters and GetParametersByPath.
 * - STS: AWS documents that STS throttles with a token bucket per API but publishes no rate for
 *   AssumeRoleWithWebIdentity (Security Blog, "How to monitor and query IAM resources at scale –
 *   Part 2"), so it is left unlimited here.
 *
 * None of these pages documents a burst, so every bucket holds one second's worth.
 */
export const AWS_DEFAULT_QUOTAS: readonly Quota[] = [
  { operations: ['secretsmanager:BatchGetSecretValue'], perSecond: 100 },
  { operations: ['secretsmanager:GetSecretValue'], perSecond: 10_000 },
  { operations: ['secretsmanager:DescribeSecret'], perSecond: 40_000 },
  { operations: ['secretsmanager:ListSecrets'], perSecond: 100 },
  {
    operations: [
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecret',
      'secretsmanager:UpdateSecretVersionStage',
      'secretsmanager:RemoveRegionsFromReplication',
      'secretsmanager:ReplicateSecretToRegion',
      'secretsmanager:StopReplicationToReplica',
    ],
    perSecond: 50,
  },
  { operations: ['secretsmanager:RotateSecret', 'secretsmanager:CancelRotateSecret'], perSecond: 50 },
  { operations: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'], perSecond: 40 },
];

/**
 * `quotas` with every rate and burst multiplied by `factor`, e.g. 0.1 for a tenth of AWS's quotas.
 *
 * @example
 * ```ts
 * scaleQuotas([{ operations: ['ssm:GetParameters'], perSecond: 40 }], 0.25); // [{ …, perSecond: 10, burst: 10 }]
 * ```
 */
export function scaleQuotas(quotas: readonly Quota[], factor: number): Quota[] {
  return quotas.map((quota) => ({ ...quota, perSecond: quota.perSecond * factor, burst: (quota.burst ?? quota.perSecond) * factor }));
}

/** One call the limiter saw. */
export interface QuotaEvent {
  readonly operation: string;
  /** The limiter's clock when the call arrived. */
  readonly atMs: number;
  readonly throttled: boolean;
}

/** Options of {@link createQuotaLimiter}. */
export interface QuotaLimiterOptions {
  /** {@link AWS_DEFAULT_QUOTAS} by default. An operation in no quota is never throttled. */
  readonly quotas?: readonly Quota[];
  /** Milliseconds, monotonic; `performance.now` by default. Injected so tests control time. */
  readonly now?: () => number;
}

/** A token bucket per quota, as a proxy interceptor, with what it let through and refused. */
export interface QuotaLimiter {
  /** Install with `proxy.setInterceptor(limiter.interceptor)`. */
  readonly interceptor: Interceptor;
  /** Every call seen since the last reset, in order of arrival. */
  readonly events: readonly QuotaEvent[];
  /** Calls answered with a throttling error, per operation (operations with none are left out). */
  throttled(): Record<string, number>;
  /** Whole tokens left in the bucket of `operation` now, or undefined when it has no quota. */
  tokens(operation: string): number | undefined;
  /** Refills every bucket and forgets all events. */
  reset(): void;
}

/** What Secrets Manager and SSM (JSON protocol) answer beyond a quota. */
export const JSON_THROTTLING_BODY = '{"__type":"ThrottlingException","message":"Rate exceeded"}';

/** What STS (query protocol) answers beyond a quota. */
export const QUERY_THROTTLING_BODY =
  '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>';

/**
 * The throttling error AWS gives for a request: HTTP 400 with a JSON `ThrottlingException` for
 * JSON-protocol services, or an XML `Throttling` error for query-protocol ones (STS), told apart
 * by the body the client sent (`Action=…` form or JSON).
 */
function throttlingResponse(request: InterceptedRequest): InterceptDecision {
  const queryProtocol = !request.body.trimStart().startsWith('{') && /(^|&)Action=/.test(request.body);
  return queryProtocol
    ? { respond: { status: 400, headers: { 'content-type': 'text/xml' }, body: QUERY_THROTTLING_BODY } }
    : { respond: { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON_THROTTLING_BODY } };
}

/** Floating-point refill can land a hair below a whole token (0.1 + 0.2 …); that counts as whole. */
const EPSILON = 1e-9;

interface Bucket {
  readonly perSecond: number;
  readonly burst: number;
  tokens: number;
  lastMs: number;
}

/**
 * Creates a limiter that enforces `quotas` on the calls going through a testkit proxy, the way
 * AWS does: a token bucket per quota, refilled continuously at `perSecond` up to `burst`, full at
 * the start. A call that finds less than one token is answered with AWS's throttling error and
 * never reaches the emulator; it does not consume a token.
 *
 * @throws RangeError when a quota has a rate or burst that is not positive, or an operation is in two quotas.
 * @example
 * ```ts
 * const limiter = createQuotaLimiter();
 * proxy.setInterceptor(limiter.interceptor);
 * // … run a fleet …
 * limiter.throttled(); // { 'ssm:GetParameters': 12 }
 * ```
 */
export function createQuotaLimiter(options: QuotaLimiterOptions = {}): QuotaLimiter {
  const quotas = options.quotas ?? AWS_DEFAULT_QUOTAS;
  const now = options.now ?? (() => performance.now());
  const bucketOf = new Map<string, Bucket>();
  const buckets: Bucket[] = [];
  for (const quota of quotas) {
    const burst = quota.burst ?? quota.perSecond;
    if (!(quota.perSecond > 0) || !(burst > 0)) {
      throw new RangeError(`The quota of ${quota.operations.join(', ')} needs a positive rate and burst, not ${quota.perSecond}/s and ${burst}`);
    }
    const bucket: Bucket = { perSecond: quota.perSecond, burst, tokens: burst, lastMs: now() };
    buckets.push(bucket);
    for (const operation of quota.operations) {
      if (bucketOf.has(operation)) throw new RangeError(`${operation} is in more than one quota`);
      bucketOf.set(operation, bucket);
    }
  }
  const events: QuotaEvent[] = [];

  const refill = (bucket: Bucket, atMs: number): void => {
    bucket.tokens = Math.min(bucket.burst, bucket.tokens + ((atMs - bucket.lastMs) * bucket.perSecond) / 1000);
    bucket.lastMs = atMs;
  };

  const interceptor: Interceptor = (request) => {
    const atMs = now();
    const bucket = bucketOf.get(request.operation);
    if (bucket === undefined) {
      events.push({ operation: request.operation, atMs, throttled: false });
      return undefined;
    }
    refill(bucket, atMs);
    const throttled = bucket.tokens + EPSILON < 1;
    if (!throttled) bucket.tokens -= 1;
    events.push({ operation: request.operation, atMs, throttled });
    return throttled ? throttlingResponse(request) : undefined;
  };

  return {
    interceptor,
    events,
    throttled: () => {
      const counts: Record<string, number> = {};
      for (const event of events) if (event.throttled) counts[event.operation] = (counts[event.operation] ?? 0) + 1;
      return counts;
    },
    tokens: (operation) => {
      const bucket = bucketOf.get(operation);
      if (bucket === undefined) return undefined;
      refill(bucket, now());
      return Math.floor(bucket.tokens + EPSILON);
    },
    reset: () => {
      const atMs = now();
      for (const bucket of buckets) {
        bucket.tokens = bucket.burst;
        bucket.lastMs = atMs;
      }
      events.length = 0;
    },
  };
}
