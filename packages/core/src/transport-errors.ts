import { REQUEST_TIMEOUT_ENV } from './request-timeout.js';

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** A response body the SDK could not parse (it appends this hint to the parser's message), with its HTTP status. */
function unreadableResponse(error: Error): { status: number | undefined } | undefined {
  if (!error.message.includes('Deserialization error')) return undefined;
  return { status: (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Says in plain words why a call got no usable answer, or undefined when the
 * error is an ordinary AWS error. The SDK reports these confusingly: a reset
 * connection as `TimeoutError: read ECONNRESET`, its own timeout as a
 * `@smithy/node-http-handler` warning text, and a 200 it cannot parse as a
 * `SyntaxError` followed by advice to inspect a hidden field.
 *
 * @example
 * describeTransportFailure(Object.assign(new Error('read ECONNRESET'), { name: 'TimeoutError', code: 'ECONNRESET' }));
 * // 'connection reset before an answer came (read ECONNRESET)'
 */
export function describeTransportFailure(error: Error): string | undefined {
  const code = codeOf(error);
  const firstLine = error.message.split('\n')[0] ?? '';
  if ((code !== undefined && RESET_CODES.has(code)) || /\bECONNRESET\b|socket hang up/.test(error.message)) {
    return `connection reset before an answer came (${firstLine})`;
  }
  if (error.name === 'TimeoutError' || code === 'ETIMEDOUT') {
    const ms = /(\d+) ms/.exec(error.message)?.[1];
    const within = ms === undefined ? '' : ` within ${ms} ms`;
    return `timed out: no answer${within} (the per-attempt limit is ${REQUEST_TIMEOUT_ENV})`;
  }
  const unreadable = unreadableResponse(error);
  if (unreadable !== undefined) {
    return `unreadable response${unreadable.status === undefined ? '' : ` (HTTP ${unreadable.status})`}: ${firstLine}`;
  }
  return undefined;
}

/**
 * Whether the SDK got a success status it could not parse: a body cut short
 * or mangled on the way (a proxy, a dropped connection mid-body). The call may
 * have worked, so retrying is only safe for idempotent calls; every write
 * these actions make carries an idempotency token (ClientRequestToken) or is
 * guarded by its own read-back.
 */
export function isUnreadableSuccess(error: unknown): boolean {
  const status = error instanceof Error ? unreadableResponse(error)?.status : undefined;
  return status !== undefined && status >= 200 && status < 300;
}
