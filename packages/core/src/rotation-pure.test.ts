import { describe, expect, it } from 'vitest';
import { formatAge } from './pending-version.js';
import { describeRotationFailure, type SecretRotationResult } from './rotate-secrets.js';
import { findRotationVersions } from './rotation-state.js';
import { formatRotationSummary, rotationOutputs } from './rotation-summary.js';
import { deriveRotationToken } from './rotation-token.js';
import { judgeRotation } from './wait-for-rotation.js';

const watch = { secretId: 's', oldVersionId: 'v1', newVersionId: 'v2' };

describe('findRotationVersions', () => {
  it.each([
    { name: 'no rotation', input: { v1: ['AWSCURRENT'] }, expected: { currentVersionId: 'v1', stalePendingVersionId: undefined } },
    { name: 'an unfinished rotation', input: { v1: ['AWSCURRENT'], v2: ['AWSPENDING'] }, expected: { currentVersionId: 'v1', stalePendingVersionId: 'v2' } },
    { name: 'a finished rotation leaving AWSPENDING on AWSCURRENT', input: { v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT', 'AWSPENDING'] }, expected: { currentVersionId: 'v2', stalePendingVersionId: undefined } },
  ])('$name', ({ input, expected }) => {
    expect(findRotationVersions(input)).toEqual(expected);
  });
});

describe('judgeRotation', () => {
  it.each([
    { name: 'keeps waiting before the version exists', stages: { v1: ['AWSCURRENT'] }, seen: false, expected: undefined },
    { name: 'keeps waiting while the version is pending', stages: { v1: ['AWSCURRENT'], v2: ['AWSPENDING'] }, seen: true, expected: undefined },
    { name: 'succeeds once the new version is AWSCURRENT', stages: { v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT'] }, seen: true, expected: { outcome: 'succeeded', reason: undefined, stages: ['AWSCURRENT'] } },
    { name: 'fails when AWSPENDING is gone and AWSCURRENT did not move', stages: { v1: ['AWSCURRENT'], v2: [] }, seen: true, expected: { outcome: 'failed', reason: 'the new version lost AWSPENDING without becoming AWSCURRENT', stages: [] } },
    { name: 'fails when AWSCURRENT moved elsewhere', stages: { v1: [], v2: ['AWSPENDING'], v3: ['AWSCURRENT'] }, seen: true, expected: { outcome: 'failed', reason: "AWSCURRENT moved to another version, 'v3'", stages: ['AWSPENDING'] } },
    { name: 'fails when a seen version vanished', stages: { v1: ['AWSCURRENT'] }, seen: true, expected: { outcome: 'failed', reason: 'the new version disappeared', stages: undefined } },
  ])('$name', ({ stages, seen, expected }) => {
    expect(judgeRotation(stages, watch, seen)).toEqual(expected);
  });
});

describe('formatAge', () => {
  it.each([
    { input: 0, expected: '0 s' },
    { input: 119_000, expected: '119 s' },
    { input: 5_400_000, expected: '90 min' },
    { input: 36_000_000, expected: '10 h' },
    { input: 259_200_000, expected: '3 days' },
  ])('formats $input ms as $expected', ({ input, expected }) => {
    expect(formatAge(input)).toBe(expected);
  });
});

describe('deriveRotationToken', () => {
  const env = { GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'deploy', GITHUB_ACTION: 'rotate' };
  it('gives the same UUID-shaped token for the same run, step and secret', () => {
    const token = deriveRotationToken(env, 'arn-a');
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(deriveRotationToken({ ...env }, 'arn-a')).toBe(token);
  });
  it.each([
    { name: 'another attempt', change: { GITHUB_RUN_ATTEMPT: '2' }, secret: 'arn-a' },
    { name: 'another step', change: { GITHUB_ACTION: 'rotate2' }, secret: 'arn-a' },
    { name: 'another secret', change: {}, secret: 'arn-b' },
  ])('gives a different token for $name', ({ change, secret }) => {
    expect(deriveRotationToken({ ...env, ...change }, secret)).not.toBe(deriveRotationToken(env, 'arn-a'));
  });
  it('gives none outside a workflow run', () => {
    expect(deriveRotationToken({}, 'arn-a')).toBeUndefined();
  });
});

const result = (overrides: Partial<SecretRotationResult>): SecretRotationResult => ({
  secretId: 'prod/db',
  result: 'rotated',
  oldVersionId: 'v1',
  newVersionId: 'v2',
  stages: ['AWSCURRENT'],
  reason: undefined,
  rolledBack: false,
  durationMs: 1234,
  ...overrides,
});

describe('describeRotationFailure', () => {
  it.each([
    { name: 'a timeout', input: result({ result: 'timed-out', stages: ['AWSPENDING'], reason: 'not finished after 300 s' }), expected: "'prod/db': timed out (not finished after 300 s); new version 'v2' holds AWSPENDING" },
    { name: 'a rolled-back failure', input: result({ result: 'failed', stages: [], reason: 'x', rolledBack: true }), expected: "'prod/db': rotation failed (x); new version 'v2' holds no labels; AWSPENDING removed (rollback-on-failure); AWSCURRENT unchanged" },
    {
      name: 'a rotation whose polling failed',
      input: result({ result: 'error', stages: undefined, reason: 'DescribeSecret failed' }),
      expected: "'prod/db': could not rotate (DescribeSecret failed); new version 'v2' was started but its state is unknown",
    },
    { name: 'a rotation never started', input: result({ result: 'error', newVersionId: undefined, stages: undefined, reason: 'denied' }), expected: "'prod/db': could not rotate (denied)" },
  ])('$name', ({ input, expected }) => {
    expect(describeRotationFailure(input)).toBe(expected);
  });
});

describe('rotationOutputs and formatRotationSummary', () => {
  const results = [result({}), result({ secretId: 'b', result: 'error', newVersionId: undefined }), result({ secretId: 'c', result: 'timed-out', newVersionId: 'v9' })];
  it('maps every started rotation to its version and lists the rotated secrets', () => {
    expect(rotationOutputs(results)).toEqual({ versionIds: '{"prod/db":"v2","c":"v9"}', rotated: '["prod/db"]' });
  });
  it('writes one escaped row per secret', () => {
    expect(formatRotationSummary('rotate-secret', [result({ secretId: 'a|<b>' })])).toBe(
      [
        '### rotate-secret',
        '',
        '1 of 1 secret without failure; values are never read or shown.',
        '',
        '| Secret | Old version | New version | Duration | Result |',
        '| --- | --- | --- | --- | --- |',
        '| <code>a&#124;&lt;b&gt;</code> | <code>v1</code> | <code>v2</code> | 1.2 s | ✅ rotated |',
        '',
      ].join('\n'),
    );
  });
});
