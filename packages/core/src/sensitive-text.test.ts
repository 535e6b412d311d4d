import { beforeEach, describe, expect, it } from 'vitest';
import { describeAwsError, describeError, AwsCallError } from './errors.js';
import { forgetSensitive, rememberSensitive, scrubSensitive } from './sensitive-text.js';

beforeEach(() => {
  forgetSensitive();
});

describe('scrubSensitive', () => {
  it.each([
    { name: 'a raw value', value: 'pw-Zq81-xk', text: 'bad value pw-Zq81-xk here', expected: 'bad value *** here' },
    { name: 'every occurrence', value: 'tok3n', text: 'tok3n and tok3n', expected: '*** and ***' },
    { name: 'a JSON-escaped value, as in a JSON request body', value: 'a "quoted" pw', text: '{"SecretString":"a \\"quoted\\" pw"}', expected: '{"SecretString":"***"}' },
    { name: 'a multi-line value JSON-escaped as a whole', value: 'line one\nline two', text: '{"SecretString":"line one\\nline two"}', expected: '{"SecretString":"***"}' },
    { name: 'each trimmed line of a multi-line value on its own', value: 'line one\n  line two  ', text: 'saw line two only', expected: 'saw *** only' },
    { name: 'a URI-encoded value, as in a query-protocol (STS) body', value: 'a b&c=d', text: 'Action=X&WebIdentityToken=a%20b%26c%3Dd', expected: 'Action=X&WebIdentityToken=***' },
    { name: 'a form-encoded value with + for spaces', value: 'a b/c', text: 'Token=a+b%2Fc&x=1', expected: 'Token=***&x=1' },
    { name: 'an XML-escaped value', value: '<pw & "x">', text: '<Message>&lt;pw &amp; &quot;x&quot;&gt;</Message>', expected: '<Message>***</Message>' },
    { name: 'nothing when the text does not hold the value', value: 'pw-Zq81-xk', text: 'ResourceNotFoundException: not found', expected: 'ResourceNotFoundException: not found' },
  ])('scrubs $name', ({ value, text, expected }) => {
    rememberSensitive(value);
    expect(scrubSensitive(text)).toBe(expected);
  });

  it('replaces a whole value before a shorter value that is part of it', () => {
    rememberSensitive('abc');
    rememberSensitive('xxabcxx');
    expect(scrubSensitive('[xxabcxx] [abc]')).toBe('[***] [***]');
  });

  it('ignores empty and whitespace-only values, which would scrub everything or nothing', () => {
    rememberSensitive('');
    rememberSensitive('  \n ');
    expect(scrubSensitive('some text  \n ')).toBe('some text  \n ');
  });

  it('leaves text unchanged when nothing was remembered', () => {
    expect(scrubSensitive('pw-Zq81-xk')).toBe('pw-Zq81-xk');
  });

  it('forgets every value on forgetSensitive', () => {
    rememberSensitive('pw-Zq81-xk');
    forgetSensitive();
    expect(scrubSensitive('pw-Zq81-xk')).toBe('pw-Zq81-xk');
  });
});

describe('error descriptions scrub remembered values', () => {
  const echoing = (body: string): Error =>
    Object.assign(new Error(`1 validation error detected; request: ${body}`), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });

  it('describeAwsError scrubs a value the service quoted from the request', () => {
    rememberSensitive('new-secret-value-7');
    expect(describeAwsError(echoing('{"SecretId":"app/db","SecretString":"new-secret-value-7"}'))).toBe(
      'ValidationException: 1 validation error detected; request: {"SecretId":"app/db","SecretString":"***"}',
    );
  });

  it('leaves the step\'s own text alone: only AWS-provided text is scrubbed, names stay readable', () => {
    rememberSensitive('1');
    const error = new AwsCallError('PutSecretValue', `Could not merge into secret 'app-1' in us-east-1: ${describeAwsError(echoing('{"n":"1"}'))}`);
    expect(describeError(error)).toBe(`Could not merge into secret 'app-1' in us-east-1: ValidationException: *** validation error detected; request: {"n":"***"}`);
  });

  it('describeError scrubs an SDK error that escaped unwrapped', () => {
    rememberSensitive('pw-Zq81-xk');
    expect(describeError(echoing('{"SecretString":"pw-Zq81-xk"}'))).toBe('1 validation error detected; request: {"SecretString":"***"}');
  });
});
