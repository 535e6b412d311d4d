/** Opens the quoted request in an echoed error message; see {@link echoRequestInError}. */
export const ECHO_START = ' [request echoed by the test proxy: ';
/** Closes the quoted request. */
export const ECHO_END = ' :end of echo]';

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites an AWS error response body so that its message also quotes the full request body:
 * the worst case of a service echoing its input in a validation error.
 *
 * JSON (`{"__type": …, "message": …}`): `message` (or `Message`, whichever the body uses; `message`
 * when neither) gets the quote appended. XML (`<Error><Code>…</Code><Message>…</Message>`): the
 * first `<Message>` gets it, XML-escaped, so the SDK hands the raw request text back. Any other
 * body is returned unchanged: the SDK would not read a message from it.
 *
 * @example
 * echoRequestInError('{"message":"bad"}', 'application/x-amz-json-1.1', '{"SecretString":"s"}')
 * // '{"message":"bad [request echoed by the test proxy: {\"SecretString\":\"s\"} :end of echo]"}'
 */
export function echoRequestInError(responseBody: string, contentType: string, requestBody: string): string {
  const echo = `${ECHO_START}${requestBody}${ECHO_END}`;
  if (contentType.includes('json') || responseBody.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(responseBody);
    } catch {
      return responseBody;
    }
    if (!isRecord(parsed)) return responseBody;
    const key = 'Message' in parsed && !('message' in parsed) ? 'Message' : 'message';
    const original = typeof parsed[key] === 'string' ? parsed[key] : '';
    return JSON.stringify({ ...parsed, [key]: `${original}${echo}` });
  }
  const xmlMessage = /<Message>([\s\S]*?)<\/Message>/;
  if (xmlMessage.test(responseBody)) {
    return responseBody.replace(xmlMessage, (_whole, original: string) => `<Message>${original}${escapeXml(echo)}</Message>`);
  }
  return responseBody;
}

/**
 * Removes every quoted request from a message, so that tests comparing exact messages pass in
 * both modes. Use it only on text the leak check has already searched.
 */
export function stripRequestEcho(text: string): string {
  let out = text;
  for (;;) {
    const start = out.indexOf(ECHO_START);
    if (start < 0) return out;
    const end = out.indexOf(ECHO_END, start);
    if (end < 0) return out;
    out = out.slice(0, start) + out.slice(end + ECHO_END.length);
  }
}
