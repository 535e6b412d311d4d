import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { killOnExit } from './child-processes.js';
import { isLeakHunt, LEAK_HUNT_STEP_ENV } from './leak-hunt.js';
import { fileCommandsToRecord, parseFileCommands, parsePathFile } from './file-commands.js';
import type { FileCommandEntry } from './file-commands.js';
import { masksFromAddMask, parseWorkflowCommands, renderLog } from './workflow-commands.js';
import type { WorkflowCommand } from './workflow-commands.js';

/** Which entry point of a node action to run. */
export type ActionStep = 'main' | 'post';

/** Options of {@link runAction}. */
export interface RunActionOptions {
  /** Absolute directory holding `action.yml`. */
  actionDir: string;
  /** `main` (default) or `post`. */
  step?: ActionStep;
  /** Inputs by their `action.yml` name; every name must be declared there. */
  inputs?: Record<string, string>;
  /** Env vars put on top of the runner's; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Saved state, passed as `STATE_<name>`. */
  state?: Record<string, string>;
  /** `GITHUB_WORKSPACE` and the working directory; a fresh temp dir by default. */
  workspace?: string;
  /** Kill the step after this long; 60 s by default. */
  timeoutMs?: number;
  /** Masks registered by earlier steps of the job; they apply to {@link StepResult.log}. */
  masks?: readonly string[];
}

/** What one step left behind, read the way the runner reads it. */
export interface StepResult {
  /** Exit code, or `null` when the process was ended by a signal. */
  exitCode: number | null;
  /** The signal that ended the process, if any. */
  signal: NodeJS.Signals | null;
  /** Everything the step wrote to stdout, raw (unmasked). */
  stdout: string;
  /** Everything the step wrote to stderr, raw (unmasked). */
  stderr: string;
  /** Workflow commands parsed from stdout, in order. */
  commands: WorkflowCommand[];
  /** Every mask string the step registered, each `::add-mask::` expanded as the runner does. */
  masks: string[];
  /** Messages of `::error` commands. */
  errors: string[];
  /** Messages of `::warning` commands. */
  warnings: string[];
  /** Messages of `::notice` commands. */
  notices: string[];
  /** Messages of `::debug` commands. */
  debugLines: string[];
  /** `GITHUB_ENV` folded into a record (later entries win). `NODE_OPTIONS` is left out, as the runner refuses it. */
  env: Record<string, string>;
  /** `GITHUB_ENV` entries in order, as written. */
  envEntries: FileCommandEntry[];
  /** `GITHUB_OUTPUT` (and deprecated `::set-output` commands) folded into a record. */
  outputs: Record<string, string>;
  /** `GITHUB_STATE` (and deprecated `::save-state` commands) folded into a record. */
  state: Record<string, string>;
  /** `GITHUB_STEP_SUMMARY` contents. */
  summary: string;
  /** Directories added to `GITHUB_PATH`. */
  paths: string[];
  /** Errors the runner itself would report, e.g. refusing `NODE_OPTIONS` from `GITHUB_ENV`. */
  runnerErrors: string[];
  /** stdout as the job log would show it: masked, commands hidden (see `renderLog`). */
  log: string;
  /** The step's temp dir (file-command files, `RUNNER_TEMP`); see {@link cleanupStepTempDirs}. */
  tempDir: string;
  /** Wall-clock time of the process. */
  durationMs: number;
}

interface ActionManifest {
  name: string;
  using: string;
  entries: Partial<Record<ActionStep, string>>;
  inputs: Map<string, string | undefined>;
}

const SUPPORTED_RUNTIMES = new Set(['node20', 'node24']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readManifest(actionDir: string): Promise<ActionManifest> {
  let file = join(actionDir, 'action.yml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    file = join(actionDir, 'action.yaml');
    text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw new Error(`No action.yml in ${actionDir}`, { cause: error });
    });
  }
  const doc: unknown = parseYaml(text);
  if (!isRecord(doc) || !isRecord(doc.runs)) throw new Error(`${file} has no 'runs' mapping`);
  const runs = doc.runs;
  const using = runs.using;
  if (typeof using !== 'string' || !SUPPORTED_RUNTIMES.has(using)) {
    throw new Error(`${file}: runs.using must be node20 or node24, got ${JSON.stringify(using)}`);
  }
  const entries: Partial<Record<ActionStep, string>> = {};
  if (typeof runs.main === 'string') entries.main = runs.main;
  if (typeof runs.post === 'string') entries.post = runs.post;
  const inputs = new Map<string, string | undefined>();
  if (isRecord(doc.inputs)) {
    for (const [name, spec] of Object.entries(doc.inputs)) {
      const fallback = isRecord(spec) ? spec.default : undefined;
      if (fallback === undefined || fallback === null) {
        inputs.set(name, undefined);
      } else if (typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean') {
        // The runner evaluates defaults to strings: `default: false` arrives as 'false'.
        inputs.set(name, String(fallback));
      } else {
        throw new Error(`${file}: the default of input '${name}' must be a scalar`);
      }
    }
  }
  return { name: typeof doc.name === 'string' ? doc.name : basename(actionDir), using, entries, inputs };
}

/** The env var name the runner uses for an input: `INPUT_` + name upper-cased, spaces → `_`, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replaceAll(' ', '_').toUpperCase()}`;
}

const tempDirs = new Set<string>();
let cleanupInstalled = false;

/**
 * Removes the temp dirs of every step this process has run (see {@link StepResult.tempDir}).
 *
 * They are also removed when the process exits normally, but test-runner workers are often
 * ended without an `exit` event: call this from `afterAll`. `TESTKIT_KEEP_TEMP=1` keeps them.
 */
export async function cleanupStepTempDirs(): Promise<void> {
  const dirs = [...tempDirs];
  tempDirs.clear();
  await Promise.all(dirs.map(async (dir) => rm(dir, { recursive: true, force: true })));
}

async function makeStepTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'testkit-step-'));
  if (process.env.TESTKIT_KEEP_TEMP !== '1') {
    if (!cleanupInstalled) {
      process.on('exit', () => {
        for (const path of tempDirs) rmSync(path, { recursive: true, force: true });
      });
      cleanupInstalled = true;
    }
    tempDirs.add(dir);
  }
  return dir;
}

const BASE_ENV = {
  GITHUB_ACTIONS: 'true',
  CI: 'true',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_REPOSITORY_OWNER: 'octo-org',
  GITHUB_RUN_ID: '1234567890',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKFLOW: 'CI',
  GITHUB_JOB: 'test',
  GITHUB_ACTOR: 'octocat',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_REF_TYPE: 'branch',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'https://api.github.com',
  RUNNER_OS: 'Linux',
  RUNNER_ARCH: 'X64',
  RUNNER_NAME: 'testkit',
  // Not set by the runner: keeps the AWS SDK off the instance metadata service (no network
  // here) and away from the developer's ~/.aws. A test can remove or override them via `env`.
  AWS_EC2_METADATA_DISABLED: 'true',
} as const;

interface Spawned {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Everything the step wrote to stdout, raw (unmasked). */
  stdout: string;
  /** Everything the step wrote to stderr, raw (unmasked). */
  stderr: string;
  durationMs: number;
}

async function spawnStep(bundle: string, cwd: string, env: Record<string, string>, timeoutMs: number, label: string): Promise<Spawned> {
  const started = Date.now();
  return new Promise<Spawned>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bundle], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(child);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Could not start ${label}: ${error.message}`, { cause: error }));
    });
    // 'close' rather than 'exit': it fires after both pipes are drained, so no output is lost.
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      if (timedOut) {
        reject(new Error(`${label} did not finish within ${timeoutMs} ms and was killed.\n--- stdout (tail) ---\n${out.slice(-2000)}\n--- stderr (tail) ---\n${err.slice(-2000)}`));
        return;
      }
      resolvePromise({ exitCode, signal, stdout: out, stderr: err, durationMs: Date.now() - started });
    });
  });
}

function commandRecord(commands: readonly WorkflowCommand[], name: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const command of commands) {
    const key = command.properties.name;
    if (command.command === name && key !== undefined) record[key] = command.message;
  }
  return record;
}

/**
 * Runs one step of a node action the way the GitHub runner does, and reads back what it left.
 *
 * Reads `action.yml`, requires `runs.using` node20/node24, applies input defaults (`required`
 * is not enforced, like the runner), and runs `node <runs.main|runs.post>` with a clean env:
 * only `PATH`, `HOME`, `SYSTEMROOT` are taken from this process, plus the runner's `GITHUB_*`
 * and `RUNNER_*` variables, fresh empty file-command files, `INPUT_*`, `STATE_*` and then
 * `options.env`. The bundle runs on this process's Node, whatever `runs.using` says.
 *
 * @throws Error for an input not declared in `action.yml` (a typo in the test), a missing
 *   entry point, or a step that outlives `timeoutMs` (it is killed).
 */
export async function runAction(options: RunActionOptions): Promise<StepResult> {
  const step = options.step ?? 'main';
  const manifest = await readManifest(options.actionDir);
  const entry = manifest.entries[step];
  if (entry === undefined) throw new Error(`${manifest.name}: action.yml has no runs.${step}`);
  const bundle = resolve(options.actionDir, entry);

  const inputs = new Map<string, string>();
  for (const [name, fallback] of manifest.inputs) if (fallback !== undefined) inputs.set(name, fallback);
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (!manifest.inputs.has(name)) {
      throw new Error(`${manifest.name}: input '${name}' is not declared in action.yml (declared: ${[...manifest.inputs.keys()].join(', ')})`);
    }
    inputs.set(name, value);
  }

  const tempDir = await makeStepTempDir();
  const runnerTemp = join(tempDir, 'runner_temp');
  await mkdir(runnerTemp);
  const workspace = options.workspace ?? join(tempDir, 'workspace');
  await mkdir(workspace, { recursive: true });
  const files = {
    GITHUB_ENV: join(tempDir, 'env'),
    GITHUB_OUTPUT: join(tempDir, 'output'),
    GITHUB_STATE: join(tempDir, 'state'),
    GITHUB_STEP_SUMMARY: join(tempDir, 'step_summary'),
    GITHUB_PATH: join(tempDir, 'path'),
    GITHUB_EVENT_PATH: join(tempDir, 'event.json'),
  };
  await Promise.all([
    ...[files.GITHUB_ENV, files.GITHUB_OUTPUT, files.GITHUB_STATE, files.GITHUB_STEP_SUMMARY, files.GITHUB_PATH].map(async (file) => writeFile(file, '')),
    writeFile(files.GITHUB_EVENT_PATH, JSON.stringify({ ref: BASE_ENV.GITHUB_REF, after: BASE_ENV.GITHUB_SHA, repository: { full_name: BASE_ENV.GITHUB_REPOSITORY } })),
  ]);

  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  // In the leak-hunt pass every step runs as in a debug re-run; options.env may still override it.
  Object.assign(env, BASE_ENV, isLeakHunt() ? LEAK_HUNT_STEP_ENV : {}, files, {
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION: manifest.name,
    RUNNER_TEMP: runnerTemp,
    AWS_CONFIG_FILE: join(tempDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(tempDir, 'no-aws-credentials'),
  });
  for (const [name, value] of inputs) env[inputEnvName(name)] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) Reflect.deleteProperty(env, name);
    else env[name] = value;
  }

  const ran = await spawnStep(bundle, workspace, env, options.timeoutMs ?? 60_000, `${manifest.name} (${step} step, ${entry})`);

  const [envText, outputText, stateText, summary, pathText] = await Promise.all(
    [files.GITHUB_ENV, files.GITHUB_OUTPUT, files.GITHUB_STATE, files.GITHUB_STEP_SUMMARY, files.GITHUB_PATH].map(async (file) => readFile(file, 'utf8')),
  ) as [string, string, string, string, string];
  const commands = parseWorkflowCommands(ran.stdout);
  const messagesOf = (name: string): string[] => commands.filter((c) => c.command === name).map((c) => c.message);
  const masks: string[] = [];
  for (const message of messagesOf('add-mask')) {
    for (const mask of masksFromAddMask(message)) if (!masks.includes(mask)) masks.push(mask);
  }
  const envEntries = parseFileCommands(envText);
  const runnerErrors: string[] = [];
  const exported = fileCommandsToRecord(envEntries.filter((entry) => {
    if (entry.name.toUpperCase() !== 'NODE_OPTIONS') return true;
    runnerErrors.push("Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.");
    return false;
  }));

  return {
    exitCode: ran.exitCode,
    signal: ran.signal,
    stdout: ran.stdout,
    stderr: ran.stderr,
    commands,
    masks,
    errors: messagesOf('error'),
    warnings: messagesOf('warning'),
    notices: messagesOf('notice'),
    debugLines: messagesOf('debug'),
    env: exported,
    envEntries,
    outputs: { ...commandRecord(commands, 'set-output'), ...fileCommandsToRecord(parseFileCommands(outputText)) },
    state: { ...commandRecord(commands, 'save-state'), ...fileCommandsToRecord(parseFileCommands(stateText)) },
    summary,
    paths: parsePathFile(pathText),
    runnerErrors,
    log: renderLog(ran.stdout, { masks: options.masks ?? [], debug: env.ACTIONS_STEP_DEBUG === 'true' }),
    tempDir,
    durationMs: ran.durationMs,
  };
}

/**
 * Runs the `post` step after `main`, as at the end of the job: with `STATE_*` from the main
 * step's saved state, the variables the main step exported to `GITHUB_ENV` (with
 * `options.env`, the step's own `env:`, on top), and the main step's masks still in force.
 */
export async function runPostStep(options: Omit<RunActionOptions, 'step' | 'state'>, main: StepResult): Promise<StepResult> {
  return runAction({
    ...options,
    step: 'post',
    state: main.state,
    env: { ...main.env, ...options.env },
    masks: [...(options.masks ?? []), ...main.masks],
  });
}
