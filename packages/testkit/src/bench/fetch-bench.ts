import { randomBytes } from 'node:crypto';
import { cleanupStepTempDirs } from '../runner.js';
import type { StepResult } from '../runner.js';
import type { SeedSecret } from '../seed.js';
import { applyMasks } from '../workflow-commands.js';
import type { BenchServices, Contender } from './contenders.js';
import { formatCalls, formatSeconds } from './format.js';
import { median } from './stats.js';

/** One run of one contender: its wall time and the calls it made. */
export interface RunRecord {
  durationMs: number;
  /** Requests to the OIDC token endpoint (it is not behind the AWS proxy). */
  tokenRequests: number;
  /** AWS calls per operation, as the proxy counted them. */
  counts: Record<string, number>;
}

/** The timed runs of one contender at one N. */
export interface ContenderResult {
  name: string;
  runs: RunRecord[];
  medianMs: number;
}

/** Everything measured at one N. */
export interface SizeResult {
  n: number;
  contenders: ContenderResult[];
}

/**
 * The secrets of size N: `bench/<N>/s001` … with distinctive values, so a value exported under
 * the wrong name cannot pass the check.
 */
export function benchSecrets(n: number): SeedSecret[] {
  const run = randomBytes(4).toString('hex');
  return Array.from({ length: n }, (_, i) => {
    const index = String(i + 1).padStart(3, '0');
    return { name: `bench/${n}/s${index}`, value: `bench-value-${n}-${index}-${run}` };
  });
}

/** The env name both contenders give a plain secret name: non-alphanumerics become `_`, upper case. */
function envNameOf(secretName: string): string {
  return secretName.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Throws unless the step exited 0 and exported exactly `expected`. The message names variables,
 * never values; the step's stderr is shown masked with the step's own masks.
 */
export function checkRun(label: string, result: StepResult, expected: Readonly<Record<string, string>>): void {
  if (result.exitCode !== 0) {
    const errors = result.errors.map((error) => `  ::error:: ${error}`).join('\n');
    const stderr = result.stderr.trim() === '' ? '' : `\n--- stderr (tail, masked) ---\n${tail(applyMasks(result.stderr, result.masks))}`;
    throw new Error(`${label} failed with exit code ${String(result.exitCode ?? result.signal)}.\n${errors}\n--- log (tail) ---\n${tail(result.log)}${stderr}`);
  }
  const missing = Object.keys(expected).filter((name) => !(name in result.env));
  const wrong = Object.keys(expected).filter((name) => name in result.env && result.env[name] !== expected[name]);
  const extra = Object.keys(result.env).filter((name) => !(name in expected));
  if (missing.length + wrong.length + extra.length > 0) {
    const list = (names: string[]): string => (names.length === 0 ? 'none' : `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`);
    throw new Error(
      `${label} exported ${Object.keys(result.env).length} variable(s), expected ${Object.keys(expected).length}: ` +
        `missing ${missing.length} (${list(missing)}), wrong value ${wrong.length} (${list(wrong)}), unexpected ${extra.length} (${list(extra)})`,
    );
  }
}

async function measureRun(services: BenchServices, contender: Contender, label: string, secrets: readonly SeedSecret[]): Promise<RunRecord> {
  services.proxy.resetCounts();
  const tokensBefore = services.oidc.requests.length;
  const result = await contender.fetch(secrets.map((secret) => secret.name));
  const record = { durationMs: result.durationMs, tokenRequests: services.oidc.requests.length - tokensBefore, counts: services.proxy.counts() };
  checkRun(label, result, Object.fromEntries(secrets.map((secret) => [envNameOf(secret.name), secret.value!])));
  return record;
}

/**
 * Runs every contender on `secrets`: one untimed warm-up each, then `runs` timed runs, the
 * contenders taking turns so a slow spell of the machine hits them alike. Every run is checked.
 *
 * @throws Error from {@link checkRun} for the first run that failed.
 */
export async function benchSize(
  services: BenchServices,
  contenders: readonly Contender[],
  secrets: readonly SeedSecret[],
  runs: number,
  progress: (line: string) => void,
): Promise<SizeResult> {
  const n = secrets.length;
  for (const contender of contenders) {
    await measureRun(services, contender, `${contender.name} at N = ${n} (warm-up)`, secrets);
  }
  const records = contenders.map(() => [] as RunRecord[]);
  for (let run = 1; run <= runs; run++) {
    const times: string[] = [];
    for (const [i, contender] of contenders.entries()) {
      const record = await measureRun(services, contender, `${contender.name} at N = ${n} (run ${run}/${runs})`, secrets);
      records[i]!.push(record);
      times.push(`${contender.name} ${formatSeconds(record.durationMs)}`);
    }
    progress(`N = ${n}, run ${run}/${runs}: ${times.join(', ')}`);
  }
  await cleanupStepTempDirs();
  const result: SizeResult = {
    n,
    contenders: contenders.map((contender, i) => ({ name: contender.name, runs: records[i]!, medianMs: median(records[i]!.map((r) => r.durationMs)) })),
  };
  for (const { name, runs: timed } of result.contenders) {
    const distinct = new Set(timed.map((r) => formatCalls(r.tokenRequests, r.counts)));
    if (distinct.size > 1) progress(`note: ${name} made different calls across runs at N = ${n}: ${[...distinct].join(' | ')}`);
  }
  return result;
}
