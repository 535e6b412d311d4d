import { describe, expect, it } from 'vitest';
import { deriveClientRequestToken, mergeStageLabel, parseClientRequestToken, runIdentity } from './client-request-token.js';
import { ConfigurationError } from './errors.js';

const RUN = { repository: 'octo/app', runId: '42', runAttempt: '1' };
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('runIdentity', () => {
  it('reads the run from the runner environment, with blanks for what is unset', () => {
    expect(runIdentity({ GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '2' })).toEqual({ repository: 'octo/app', runId: '42', runAttempt: '2' });
    expect(runIdentity({})).toEqual({ repository: '', runId: '', runAttempt: '' });
  });
});

describe('deriveClientRequestToken', () => {
  const token = deriveClientRequestToken(RUN, 'prod/api-key', 'value-1');

  it('is a UUID-shaped hex token within the 32 to 64 characters AWS takes', () => {
    expect(token).toMatch(UUID_SHAPE);
    expect(token).toHaveLength(36);
  });

  it('is the same for the same run, attempt, target and value (a retried step)', () => {
    expect(deriveClientRequestToken({ ...RUN }, 'prod/api-key', 'value-1')).toBe(token);
  });

  it('is the same for a string and its UTF-8 bytes', () => {
    expect(deriveClientRequestToken(RUN, 'prod/api-key', new TextEncoder().encode('value-1'))).toBe(token);
  });

  it.each([
    { name: 'another value', run: RUN, target: 'prod/api-key', value: 'value-2' },
    { name: 'another attempt (a re-run)', run: { ...RUN, runAttempt: '2' }, target: 'prod/api-key', value: 'value-1' },
    { name: 'another run', run: { ...RUN, runId: '43' }, target: 'prod/api-key', value: 'value-1' },
    { name: 'another repository', run: { ...RUN, repository: 'octo/other' }, target: 'prod/api-key', value: 'value-1' },
    { name: 'another target', run: RUN, target: 'prod/other-key', value: 'value-1' },
    { name: 'parts that run together alike', run: { ...RUN, runId: '4', runAttempt: '21' }, target: 'prod/api-key', value: 'value-1' },
  ])('changes with $name', ({ run, target, value }) => {
    expect(deriveClientRequestToken(run, target, value)).not.toBe(token);
  });

  it('does not contain a fast hash of the value', async () => {
    const { createHash } = await import('node:crypto');
    const fast = createHash('sha256').update('value-1').digest('hex');
    expect(token.replaceAll('-', '')).not.toBe(fast.slice(0, 32));
  });
});

describe('mergeStageLabel', () => {
  it('is PUTSECRET_PENDING_ and 16 hex digits, one per run attempt, target and merge object', () => {
    const label = mergeStageLabel(RUN, 'prod/app', '{"a":"1"}');
    expect(label).toMatch(/^PUTSECRET_PENDING_[0-9A-F]{16}$/);
    expect(mergeStageLabel(RUN, 'prod/app', '{"a":"1"}')).toBe(label);
    expect(mergeStageLabel(RUN, 'prod/app', '{"a":"2"}')).not.toBe(label);
    expect(mergeStageLabel({ ...RUN, runAttempt: '2' }, 'prod/app', '{"a":"1"}')).not.toBe(label);
  });
});

describe('parseClientRequestToken', () => {
  it.each([
    { raw: '', expected: undefined },
    { raw: '  ', expected: undefined },
    { raw: ' release-2026-06-01-build-1234-abcd ', expected: 'release-2026-06-01-build-1234-abcd' },
    { raw: 'a'.repeat(32), expected: 'a'.repeat(32) },
    { raw: 'A1-'.repeat(21) + 'x', expected: 'A1-'.repeat(21) + 'x' },
  ])('reads $raw', ({ raw, expected }) => {
    expect(parseClientRequestToken('client-request-token', raw)).toBe(expected);
  });

  it.each([
    { raw: 'a'.repeat(31), message: `Input 'client-request-token' must be 32 to 64 letters, digits and -; got '${'a'.repeat(31)}' (31 characters).` },
    { raw: 'a'.repeat(65), message: `Input 'client-request-token' must be 32 to 64 letters, digits and -; got '${'a'.repeat(65)}' (65 characters).` },
    { raw: 'release_2026_06_01_build_1234_abcd', message: "Input 'client-request-token' must be 32 to 64 letters, digits and -; got 'release_2026_06_01_build_1234_abcd' (34 characters)." },
  ])('refuses $raw', ({ raw, message }) => {
    expect(() => parseClientRequestToken('client-request-token', raw)).toThrow(new ConfigurationError(message));
  });
});
