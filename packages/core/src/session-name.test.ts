import { describe, expect, it } from 'vitest';
import { defaultSessionName, isValidSessionName } from './session-name.js';

describe('defaultSessionName', () => {
  it.each<{ name: string; env: Record<string, string | undefined>; expected: string }>([
    {
      name: 'carries the run id, the attempt and the repository',
      env: { GITHUB_RUN_ID: '1234', GITHUB_RUN_ATTEMPT: '2', GITHUB_REPOSITORY: 'octo/app' },
      expected: 'gha-1234-2-octo.app',
    },
    { name: 'falls back to local and attempt 1 outside a run', env: {}, expected: 'gha-local-1' },
    { name: 'treats empty variables as missing', env: { GITHUB_RUN_ID: '', GITHUB_RUN_ATTEMPT: '', GITHUB_REPOSITORY: '' }, expected: 'gha-local-1' },
    {
      name: 'replaces characters STS refuses with _',
      env: { GITHUB_RUN_ID: '12 34', GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: 'oc#to/a p~p' },
      expected: 'gha-12_34-1-oc_to.a_p_p',
    },
  ])('$name', ({ env, expected }) => {
    expect(defaultSessionName(env)).toBe(expected);
  });

  it('cuts a long repository name to 64 characters and keeps the run id and attempt', () => {
    const name = defaultSessionName({ GITHUB_RUN_ID: '9876543210', GITHUB_RUN_ATTEMPT: '3', GITHUB_REPOSITORY: `octo/${'a'.repeat(100)}` });
    expect(name).toHaveLength(64);
    expect(name).toBe(`gha-9876543210-3-octo.${'a'.repeat(42)}`);
    expect(isValidSessionName(name)).toBe(true);
  });

  it('drops the repository when the run id alone fills the name', () => {
    const name = defaultSessionName({ GITHUB_RUN_ID: '1'.repeat(70), GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: 'octo/app' });
    expect(name).toBe(`gha-${'1'.repeat(60)}`);
    expect(isValidSessionName(name)).toBe(true);
  });
});

describe('isValidSessionName', () => {
  it.each([
    { input: 'ab', expected: true },
    { input: 'gha-1234-2-octo.app', expected: true },
    { input: 'a+b=c,d.e@f_g-h', expected: true },
    { input: 'x'.repeat(64), expected: true },
    { input: 'x'.repeat(65), expected: false },
    { input: 'a', expected: false },
    { input: '', expected: false },
    { input: 'has space', expected: false },
    { input: 'octo/app', expected: false },
    { input: 'a:b', expected: false },
  ])('says $expected for $input', ({ input, expected }) => {
    expect(isValidSessionName(input)).toBe(expected);
  });
});
