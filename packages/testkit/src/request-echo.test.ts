import { describe, expect, it } from 'vitest';
import { ECHO_END, ECHO_START, echoRequestInError, stripRequestEcho } from './request-echo.js';

const REQUEST = '{"SecretId":"app/db","SecretString":"pw \\"x\\""}';
const ECHO = `${ECHO_START}${REQUEST}${ECHO_END}`;

describe('echoRequestInError', () => {
  it.each([
    { name: 'a JSON error with message', body: '{"__type":"ValidationException","message":"bad"}', type: 'application/x-amz-json-1.1', expected: JSON.stringify({ __type: 'ValidationException', message: `bad${ECHO}` }) },
    { name: 'a JSON error with Message', body: '{"__type":"X","Message":"bad"}', type: 'application/x-amz-json-1.1', expected: JSON.stringify({ __type: 'X', Message: `bad${ECHO}` }) },
    { name: 'a JSON error without a message', body: '{"__type":"X"}', type: 'application/json', expected: JSON.stringify({ __type: 'X', message: ECHO }) },
    { name: 'an XML error', body: '<Error><Code>X</Code><Message>bad</Message></Error>', type: 'text/xml', expected: `<Error><Code>X</Code><Message>bad${ECHO_START}{"SecretId":"app/db","SecretString":"pw \\"x\\""}${ECHO_END}</Message></Error>` },
    { name: 'a body that is neither (left unchanged)', body: 'Internal Server Error', type: 'text/plain', expected: 'Internal Server Error' },
    { name: 'broken JSON (left unchanged)', body: '{"message":', type: 'application/json', expected: '{"message":' },
  ])('rewrites $name', ({ body, type, expected }) => {
    expect(echoRequestInError(body, type, REQUEST)).toBe(expected);
  });

  it('XML-escapes the quoted request, so a parser hands the raw request back', () => {
    expect(echoRequestInError('<Message>m</Message>', 'text/xml', 'a=1&b=<2>')).toBe(`<Message>m${ECHO_START}a=1&amp;b=&lt;2&gt;${ECHO_END}</Message>`);
  });
});

describe('stripRequestEcho', () => {
  it('removes every quoted request and keeps the rest', () => {
    expect(stripRequestEcho(`put-secret: failed: bad${ECHO} (and again: x${ECHO})`)).toBe('put-secret: failed: bad (and again: x)');
  });

  it('leaves text without a complete echo unchanged', () => {
    expect(stripRequestEcho(`no echo here${ECHO_START}unfinished`)).toBe(`no echo here${ECHO_START}unfinished`);
  });
});
