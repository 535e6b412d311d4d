import type { InterceptDecision, InterceptedRequest, Interceptor } from './aws-proxy.js';

/**
 * The faults the proxy can inject into an AWS call:
 * - `throttling`: HTTP 400 ThrottlingException (query protocol: `Throttling`), as AWS sends past a quota;
 * - `internal-failure`: HTTP 500 InternalFailure;
 * - `service-unavailable`: HTTP 503 ServiceUnavailable;
 * - `connection-reset`: the connection is reset before any answer, upstream never sees the call;
 * - `slow-response`: no answer for {@link FaultRule.slowMs}, longer than the client's timeout;
 * - `malformed-json`: HTTP 200 with a truncated body the client cannot parse;
 * - `reset-after-write`: the call reaches upstream and does its work, then the connection is
 *   reset instead of answering, so the client must retry a write that already happened.
 */
export const AWS_FAULT_KINDS = [
  'throttling',
  'internal-failure',
  'service-unavailable',
  'connection-reset',
  'slow-response',
  'malformed-json',
  'reset-after-write',
] as const;

/** One of {@link AWS_FAULT_KINDS}. */
export type AwsFaultKind = (typeof AWS_FAULT_KINDS)[number];

/** Which calls of an operation a fault hits, by call number (1 is the first call since the proxy's last reset). */
export interface FaultCalls {
  /** First call number hit; 1 by default. */
  readonly from?: number;
  /** How many calls from `from` on are hit; every later call when undefined (a persistent fault). */
  readonly count?: number;
}

/** A fault on one operation. */
export interface FaultRule extends FaultCalls {
  /** `secretsmanager:PutSecretValue`, `sts:AssumeRoleWithWebIdentity`, … as the proxy names operations. */
  readonly operation: string;
  readonly kind: AwsFaultKind;
  /** How long `slow-response` holds a call; 30 s by default, well past any test's client timeout. */
  readonly slowMs?: number;
}

const DEFAULT_SLOW_MS = 30_000;

/** Whether call `callNumber` falls in `calls`. */
export function isFaultedCall(calls: FaultCalls, callNumber: number): boolean {
  const from = calls.from ?? 1;
  return callNumber >= from && (calls.count === undefined || callNumber < from + calls.count);
}

/** What AWS sends for each error fault: status, JSON `__type` and query-protocol `Code`. */
const ERRORS = {
  throttling: { status: 400, jsonType: 'ThrottlingException', queryCode: 'Throttling', message: 'Rate exceeded', sender: true },
  'internal-failure': {
    status: 500,
    jsonType: 'InternalFailure',
    queryCode: 'InternalFailure',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    sender: false,
  },
  'service-unavailable': {
    status: 503,
    jsonType: 'ServiceUnavailable',
    queryCode: 'ServiceUnavailable',
    message: 'The request has failed due to a temporary failure of the server.',
    sender: false,
  },
} as const;

/** STS (query protocol) posts a form with `Action=`; Secrets Manager and SSM post JSON. */
function isQueryProtocol(request: InterceptedRequest): boolean {
  return /(^|&)Action=/.test(request.body);
}

/**
 * The answer the proxy gives for `kind` on `request`, shaped as the real service sends it:
 * a JSON body with `__type` and the `x-amzn-ErrorType` header for JSON-protocol services, an
 * XML `ErrorResponse` for STS's query protocol.
 *
 * @example
 * ```ts
 * faultDecision('throttling', { operation: 'secretsmanager:PutSecretValue', callNumber: 1, body: '{}' });
 * // { respond: { status: 400, headers: {…}, body: '{"__type":"ThrottlingException","message":"Rate exceeded"}' } }
 * ```
 */
export function faultDecision(kind: AwsFaultKind, request: InterceptedRequest, slowMs = DEFAULT_SLOW_MS): InterceptDecision {
  const query = isQueryProtocol(request);
  switch (kind) {
    case 'connection-reset':
      return { resetConnection: true };
    case 'slow-response':
      return { delayMs: slowMs };
    case 'reset-after-write':
      return { forwardThenReset: true };
    case 'malformed-json':
      return query
        ? { respond: { status: 200, headers: { 'content-type': 'text/xml' }, body: '<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>' } }
        : { respond: { status: 200, body: '{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:x","Name":' } };
    default: {
      const error = ERRORS[kind];
      if (query) {
        const type = error.sender ? 'Sender' : 'Receiver';
        return {
          respond: {
            status: error.status,
            headers: { 'content-type': 'text/xml' },
            body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${error.queryCode}</Code><Message>${error.message}</Message></Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>`,
          },
        };
      }
      return {
        respond: {
          status: error.status,
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': error.jsonType },
          body: JSON.stringify({ __type: error.jsonType, message: error.message }),
        },
      };
    }
  }
}

/**
 * An interceptor for the testkit proxy that injects each rule's fault into the calls it names;
 * every other call passes unchanged. The first matching rule wins.
 *
 * @example
 * ```ts
 * proxy.setInterceptor(faultInterceptor([{ operation: 'secretsmanager:PutSecretValue', kind: 'throttling', count: 2 }]));
 * // the first two PutSecretValue calls are throttled, the third reaches moto
 * ```
 */
export function faultInterceptor(rules: FaultRule | readonly FaultRule[]): Interceptor {
  const list: readonly FaultRule[] = Array.isArray(rules) ? rules : [rules as FaultRule];
  return (request) => {
    const rule = list.find((candidate) => candidate.operation === request.operation && isFaultedCall(candidate, request.callNumber));
    return rule === undefined ? undefined : faultDecision(rule.kind, request, rule.slowMs);
  };
}
