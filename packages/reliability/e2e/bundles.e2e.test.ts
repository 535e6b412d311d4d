import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { actionDir } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';

// The suites here run the three committed bundles; a missing one would make every suite fail obscurely.
describe('the bundles under proof', () => {
  it.each(['get-secrets', 'put-secret', 'rotate-secret'])('%s has a committed dist/index.js', async (name) => {
    await expect(access(join(actionDir(name), 'dist', 'index.js'))).resolves.toBeUndefined();
  });
});
