import { describe, expect, it } from 'vitest';
import { expectedFetchCalls, fetchCallsVerdict, speedupVerdict, startupVerdict } from './targets.js';

describe('expectedFetchCalls', () => {
  it.each([
    { n: 1, batches: 1 },
    { n: 20, batches: 1 },
    { n: 21, batches: 2 },
    { n: 100, batches: 5 },
    { n: 500, batches: 25 },
  ])('asks for one STS call and $batches BatchGetSecretValue call(s) for $n ids', ({ n, batches }) => {
    expect(expectedFetchCalls(n)).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': batches });
  });
});

describe('fetchCallsVerdict', () => {
  const floor = '1 token + 1 sts:AssumeRoleWithWebIdentity + 5 secretsmanager:BatchGetSecretValue';

  it('passes a run that made exactly the floor of calls', () => {
    expect(fetchCallsVerdict(100, 1, { 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 5 })).toEqual({
      target: 'API calls, N = 100',
      expected: floor,
      measured: floor,
      pass: true,
    });
  });

  it.each([
    {
      name: 'one GetSecretValue per secret',
      tokens: 1,
      counts: { 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:GetSecretValue': 100 },
      measured: '1 token + 1 sts:AssumeRoleWithWebIdentity + 100 secretsmanager:GetSecretValue',
    },
    {
      name: 'a batch too many',
      tokens: 1,
      counts: { 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 6 },
      measured: '1 token + 1 sts:AssumeRoleWithWebIdentity + 6 secretsmanager:BatchGetSecretValue',
    },
    {
      name: 'an extra call besides the batches',
      tokens: 1,
      counts: { 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 5, 'secretsmanager:ListSecrets': 1 },
      measured: '1 token + 1 sts:AssumeRoleWithWebIdentity + 5 secretsmanager:BatchGetSecretValue + 1 secretsmanager:ListSecrets',
    },
    {
      name: 'a retried STS call',
      tokens: 2,
      counts: { 'sts:AssumeRoleWithWebIdentity': 2, 'secretsmanager:BatchGetSecretValue': 5 },
      measured: '2 token + 2 sts:AssumeRoleWithWebIdentity + 5 secretsmanager:BatchGetSecretValue',
    },
    { name: 'no call at all', tokens: 0, counts: {}, measured: 'none' },
  ])('fails a run with $name', ({ tokens, counts, measured }) => {
    expect(fetchCallsVerdict(100, tokens, counts)).toEqual({ target: 'API calls, N = 100', expected: floor, measured, pass: false });
  });

  it('ignores operations counted zero times', () => {
    expect(fetchCallsVerdict(1, 1, { 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:BatchGetSecretValue': 1, 'secretsmanager:GetSecretValue': 0 }).pass).toBe(true);
  });
});

describe('speedupVerdict', () => {
  it('passes at exactly ten times faster', () => {
    expect(speedupVerdict(360, 3600)).toEqual({
      target: 'speed-up over the baseline, N = 100',
      expected: '≥ 10×',
      measured: '10.0× (3.60 s / 0.36 s)',
      pass: true,
    });
  });

  it('fails just below ten times faster', () => {
    expect(speedupVerdict(400, 3600)).toEqual({
      target: 'speed-up over the baseline, N = 100',
      expected: '≥ 10×',
      measured: '9.0× (3.60 s / 0.40 s)',
      pass: false,
    });
  });
});

describe('startupVerdict', () => {
  it.each([
    { name: 'passes when faster than the baseline', ours: 98, baseline: 110, pass: true },
    { name: 'passes when as fast as the baseline', ours: 110, baseline: 110, pass: true },
    { name: 'fails when slower than the baseline', ours: 111, baseline: 110, pass: false },
  ])('$name', ({ ours, baseline, pass }) => {
    expect(startupVerdict(ours, baseline)).toEqual({
      target: 'start-up with no work',
      expected: "≤ 110 ms (the baseline's)",
      measured: `${ours} ms`,
      pass,
    });
  });
});
