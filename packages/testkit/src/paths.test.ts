import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionDir, repoRoot } from './paths.js';

describe('repoRoot', () => {
  it('finds the directory holding turbo.json above the testkit', () => {
    expect(existsSync(join(repoRoot(), 'turbo.json'))).toBe(true);
    expect(existsSync(join(repoRoot(), 'packages', 'testkit', 'package.json'))).toBe(true);
  });
});

describe('actionDir', () => {
  it('points into the actions folder of the repository', () => {
    expect(actionDir('get-secrets')).toBe(join(repoRoot(), 'actions', 'get-secrets'));
  });
});
