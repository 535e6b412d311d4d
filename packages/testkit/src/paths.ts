import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/**
 * The repository root: the nearest directory above this module that holds `turbo.json`.
 *
 * Works both from `src/` (vitest) and from the compiled `dist/`.
 *
 * @throws Error when no `turbo.json` is found up to the file-system root.
 */
export function repoRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'turbo.json'))) {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`Cannot find the repository root (a directory holding turbo.json) above ${fileURLToPath(import.meta.url)}`);
    }
    dir = parent;
  }
}

/**
 * The directory of the action `name`, which holds its `action.yml`: `<repo root>/actions/<name>`.
 *
 * @example
 * ```ts
 * actionDir('get-secrets'); // '/work/main/actions/get-secrets'
 * ```
 */
export function actionDir(name: string): string {
  return join(repoRoot(), 'actions', name);
}
