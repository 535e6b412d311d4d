import { describe, expect, it } from 'vitest';
import { formatCalls, formatKiB, formatMs, formatRatio, formatSeconds } from './format.js';

describe('formatCalls', () => {
  it.each([
    {
      name: 'puts the token request first and STS before the fetches',
      tokens: 1,
      counts: { 'secretsmanager:BatchGetSecretValue': 5, 'sts:AssumeRoleWithWebIdentity': 1 },
      expected: '1 token + 1 sts:AssumeRoleWithWebIdentity + 5 secretsmanager:BatchGetSecretValue',
    },
    {
      name: 'lists a baseline run, which has no token and no STS call',
      tokens: 0,
      counts: { 'secretsmanager:GetSecretValue': 100 },
      expected: '100 secretsmanager:GetSecretValue',
    },
    {
      name: 'sorts the operations of one group alphabetically',
      tokens: 2,
      counts: { 'ssm:GetParameters': 1, 'secretsmanager:GetSecretValue': 3, 'sts:AssumeRoleWithWebIdentity': 2, 'sts:AssumeRole': 1 },
      expected: '2 token + 1 sts:AssumeRole + 2 sts:AssumeRoleWithWebIdentity + 3 secretsmanager:GetSecretValue + 1 ssm:GetParameters',
    },
    { name: 'leaves out operations counted zero times', tokens: 0, counts: { 'secretsmanager:GetSecretValue': 0, 'sts:AssumeRole': 1 }, expected: '1 sts:AssumeRole' },
    { name: 'says none when nothing was called', tokens: 0, counts: {}, expected: 'none' },
  ])('$name', ({ tokens, counts, expected }) => {
    expect(formatCalls(tokens, counts)).toBe(expected);
  });
});

describe('number formats', () => {
  it.each([
    { name: 'seconds with two decimals', actual: formatSeconds(3612.4), expected: '3.61 s' },
    { name: 'seconds below one', actual: formatSeconds(304), expected: '0.30 s' },
    { name: 'whole milliseconds, rounded', actual: formatMs(112.5), expected: '113 ms' },
    { name: 'a ratio with one decimal', actual: formatRatio(3612 / 402), expected: '9.0×' },
    { name: 'a ratio below one', actual: formatRatio(0.26), expected: '0.3×' },
    { name: 'KiB with one decimal', actual: formatKiB(1_095_210), expected: '1069.5' },
    { name: 'an exact KiB', actual: formatKiB(2048), expected: '2.0' },
  ])('formats $name', ({ actual, expected }) => {
    expect(actual).toBe(expected);
  });
});
