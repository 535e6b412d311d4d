import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../paths.js';

/** One file a runner loads for an action. */
export interface BundleFile {
  /** The action's name, e.g. `get-secrets`. */
  bundle: string;
  /** `main`, `post`, or `chunk`: a file ncc split off, loaded on demand, listed after the entry it sits beside. */
  role: 'main' | 'post' | 'chunk';
  /** Path relative to the repository root. */
  path: string;
  /** Undefined when the file is missing (an action not built yet). */
  bytes: number | undefined;
}

/** Every `actions/<name>` directory holding an `action.yml`, sorted by name. */
export async function actionDirectories(): Promise<string[]> {
  const actions = join(repoRoot(), 'actions');
  const names = (await readdir(actions, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return names.filter((name) => existsSync(join(actions, name, 'action.yml'))).sort().map((name) => join(actions, name));
}

/**
 * The files of one action's bundle: `runs.main` and `runs.post` from its `action.yml`, plus
 * every other `.js` file in those entries' directories (ncc's chunks, e.g. `dist/205.index.js`),
 * each listed once. A missing entry file is listed with no size rather than failing: another
 * action may be half-built while the bench runs.
 *
 * @throws Error when `action.yml` has no `runs.main`.
 */
export async function bundleFiles(name: string, actionDir: string): Promise<BundleFile[]> {
  const manifest: unknown = parseYaml(await readFile(join(actionDir, 'action.yml'), 'utf8'));
  const runs = (manifest as { runs?: Record<string, unknown> } | null)?.runs ?? {};
  const entries: { role: 'main' | 'post'; file: string }[] = [];
  for (const role of ['main', 'post'] as const) {
    const entry = runs[role];
    if (typeof entry === 'string') entries.push({ role, file: resolve(actionDir, entry) });
  }
  if (!entries.some((entry) => entry.role === 'main')) throw new Error(`${join(actionDir, 'action.yml')} has no runs.main`);

  // Each entry is followed by the chunks beside it, so a reader sees what belongs to which step.
  const listed = new Set(entries.map((entry) => entry.file));
  const files: { role: BundleFile['role']; file: string }[] = [];
  for (const entry of entries) {
    files.push(entry);
    const dir = dirname(entry.file);
    const chunks = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.js')).sort().map((file) => join(dir, file));
    for (const chunk of chunks.filter((file) => !listed.has(file))) {
      listed.add(chunk);
      files.push({ role: 'chunk', file: chunk });
    }
  }
  return Promise.all(
    files.map(async ({ role, file }) => {
      const size = await stat(file).catch(() => undefined);
      return { bundle: name, role, path: relative(repoRoot(), file), bytes: size?.size };
    }),
  );
}

/** The bundle files of every committed action, then of the baseline at `baselineDir`. */
export async function allBundleFiles(baselineDir: string): Promise<BundleFile[]> {
  const dirs = await actionDirectories();
  const committed = await Promise.all(dirs.map(async (dir) => bundleFiles(basename(dir), dir)));
  return [...committed.flat(), ...(await bundleFiles('baseline', baselineDir))];
}
