import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { killOnExit } from '../child-processes.js';
import { repoRoot } from '../paths.js';
import { runAction } from '../runner.js';

/** Where the baseline action is assembled: gitignored, rebuilt on every bench run. */
export function baselineActionDir(): string {
  return join(repoRoot(), 'packages', 'testkit', '.bench', 'baseline');
}

async function runNode(args: readonly string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(child);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/**
 * Bundles the sequential baseline with ncc (`-m --target es2022`, ESM), the way the actions'
 * own bundles are made, next to a copy of its `action.yml`, and checks that the bundle runs.
 *
 * ncc bundles tsc's output in the testkit's `dist/` rather than the TypeScript source: on a
 * `.ts` entry ncc would compile with the testkit's tsconfig and emit declarations for the
 * whole package into the bundle directory. The bundle is the same.
 *
 * @returns the action directory, holding `action.yml` and `dist/index.js`.
 * @throws Error when the testkit is not built, ncc fails, or the bundle does not run.
 */
export async function buildBaselineAction(): Promise<string> {
  const root = repoRoot();
  const testkit = join(root, 'packages', 'testkit');
  const entry = join(testkit, 'dist', 'bench', 'baseline', 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build the testkit first (npm run build)`);
  const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  if (!existsSync(ncc)) throw new Error(`${ncc} is missing: run npm ci at the repository root`);

  const dir = baselineActionDir();
  await rm(dir, { recursive: true, force: true });
  const built = await runNode([ncc, 'build', entry, '-o', join(dir, 'dist'), '-m', '--target', 'es2022'], root);
  if (built.code !== 0) throw new Error(`ncc could not bundle the baseline (exit code ${String(built.code)}):\n${built.output}`);
  await copyFile(join(testkit, 'src', 'bench', 'baseline', 'action.yml'), join(dir, 'action.yml'));

  const smoke = await runAction({ actionDir: dir, inputs: { 'secret-ids': '' } });
  if (smoke.exitCode !== 0) {
    throw new Error(`The baseline bundle does not run (exit code ${String(smoke.exitCode ?? smoke.signal)}):\n${smoke.stdout}\n${smoke.stderr}`);
  }
  return dir;
}
