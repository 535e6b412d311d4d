import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { killOnExit, stopChild } from './child-processes.js';
import { findFreePort } from './free-port.js';
import { repoRoot } from './paths.js';

/** The moto release line the tests are written against (see REFERENCE.md: moto 5.2 in server mode). */
export const MOTO_REQUIREMENT = 'moto[server]==5.2.*';

const LOCK_STALE_MS = 15 * 60_000;
const LOCK_WAIT_MS = 20 * 60_000;

let installation: Promise<string> | undefined;

interface RunResult {
  code: number | null;
  output: string;
}

async function run(command: string, args: readonly string[], echo: boolean): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(child);
    const chunks: Buffer[] = [];
    const collect = (chunk: Buffer): void => {
      chunks.push(chunk);
      // Progress goes to stderr: stdout may be a test reporter's or a script's result channel.
      if (echo) process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

async function hasMoto(python: string): Promise<boolean> {
  if (!existsSync(python)) return false;
  const result = await run(python, ['-c', 'import moto.server'], false);
  return result.code === 0;
}

function venvPython(venv: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A cross-process lock: `mkdir` is atomic, so exactly one caller creates the directory.
 * The owner's pid is written inside so a lock left by a killed process can be broken.
 */
async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(lockDir)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for the moto install lock ${lockDir}; remove it if no install is running`);
    }
    if (!announced) {
      process.stderr.write(`[testkit] waiting for another process installing moto (lock ${lockDir})\n`);
      announced = true;
    }
    await sleep(500);
  }
  try {
    await writeFile(join(lockDir, 'pid'), String(process.pid));
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function isStale(lockDir: string): Promise<boolean> {
  try {
    const pid = Number((await readFile(join(lockDir, 'pid'), 'utf8')).trim());
    if (Number.isInteger(pid) && pid > 0) return !isAlive(pid);
  } catch {
    // No pid file yet: the owner may be between mkdir and writeFile; judge by age instead.
  }
  try {
    return Date.now() - (await stat(lockDir)).mtimeMs > LOCK_STALE_MS;
  } catch {
    return false;
  }
}

async function installVenv(root: string): Promise<string> {
  const venv = join(root, '.venv');
  const python = venvPython(venv);
  // The lock lives outside the repository so a crash never leaves an untracked file behind.
  const lockDir = join(tmpdir(), `aws-secrets-actions-venv-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.lock`);
  return withLock(lockDir, async () => {
    // Another process may have finished the install while this one waited for the lock.
    if (await hasMoto(python)) return python;
    const bootstrap = process.env.PYTHON ?? 'python3';
    // A venv whose interpreter no longer runs (e.g. its base Python was upgraded) is rebuilt.
    const usable = existsSync(python) && (await run(python, ['-c', 'import sys'], false)).code === 0;
    if (!usable) {
      process.stderr.write(`[testkit] creating a Python virtual environment in ${venv}\n`);
      const created = await run(bootstrap, ['-m', 'venv', '--clear', venv], true);
      if (created.code !== 0) {
        throw new Error(`'${bootstrap} -m venv ${venv}' failed with exit code ${String(created.code)}:\n${created.output}`);
      }
    }
    process.stderr.write(`[testkit] installing ${MOTO_REQUIREMENT} into ${venv} (about a minute the first time)\n`);
    const installed = await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', MOTO_REQUIREMENT], true);
    if (installed.code !== 0) {
      throw new Error(`pip install ${MOTO_REQUIREMENT} failed with exit code ${String(installed.code)}:\n${installed.output}`);
    }
    if (!(await hasMoto(python))) {
      throw new Error(`${python} still cannot import moto.server after pip install`);
    }
    process.stderr.write('[testkit] moto installed\n');
    return python;
  });
}

/**
 * Returns the path of a Python interpreter that can run `moto.server`, installing moto if needed.
 *
 * - `MOTO_PYTHON`, when set, is returned as is.
 * - Otherwise `<repo root>/.venv` (gitignored) is used; when its Python cannot import
 *   `moto.server`, the venv is created with `python3 -m venv` (or `$PYTHON`) and
 *   `moto[server]==5.2.*` is installed with pip, with progress on stderr.
 *
 * Safe to call from several processes at once: a lock directory in the OS temp dir lets only
 * one of them install while the others wait. Within one process the result is memoised.
 */
export async function ensureMotoInstalled(): Promise<string> {
  const fromEnv = process.env.MOTO_PYTHON;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  installation ??= (async () => {
    const root = repoRoot();
    const python = venvPython(join(root, '.venv'));
    if (await hasMoto(python)) return python;
    return installVenv(root);
  })();
  try {
    return await installation;
  } catch (error) {
    installation = undefined;
    throw error;
  }
}

/** Options of {@link startMoto}. */
export interface StartMotoOptions {
  /** Python with moto installed; defaults to {@link ensureMotoInstalled}'s answer. */
  python?: string;
  /** How long to wait for `/moto-api/data.json` to answer; 60 s by default. */
  startTimeoutMs?: number;
}

/** A running moto server. */
export interface MotoServer {
  /** Base URL for `AWS_ENDPOINT_URL` and SDK clients, e.g. `http://127.0.0.1:49152`. */
  readonly endpoint: string;
  /** The TCP port on 127.0.0.1. */
  readonly port: number;
  /** Process id of the moto server. */
  readonly pid: number;
  /** Wipes all state (`POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** Stops the server and waits for the process to exit. Idempotent. */
  stop(): Promise<void>;
}

const STDERR_KEEP = 64 * 1024;

/**
 * Starts `python -m moto.server -H 127.0.0.1 -p PORT` on a free port and waits until
 * `GET /moto-api/data.json` answers.
 *
 * The process is killed when the current process exits, even if {@link MotoServer.stop}
 * is never called.
 *
 * @throws Error with moto's stderr when it exits early or is not ready within the timeout.
 */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const python = options.python ?? (await ensureMotoInstalled());
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const port = await findFreePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  killOnExit(child);

  // Keep only the tail: moto logs every request to stderr, and the pipes must be drained anyway.
  let stderrTail = '';
  const keep = (chunk: Buffer): void => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_KEEP);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError !== undefined) {
      throw new Error(`Could not start moto with ${python}: ${spawnError.message}`, { cause: spawnError });
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto exited with ${String(child.exitCode ?? child.signalCode)} before answering on ${endpoint}:\n${stderrTail}`);
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stopChild(child, 1_000);
      throw new Error(`moto did not answer ${endpoint}/moto-api/data.json within ${timeoutMs} ms:\n${stderrTail}`);
    }
    await sleep(200);
  }

  return {
    endpoint,
    port,
    pid: child.pid!,
    async reset(): Promise<void> {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`POST ${endpoint}/moto-api/reset answered ${response.status}`);
    },
    async stop(): Promise<void> {
      await stopChild(child);
    },
  };
}
