/**
 * `npm run bench`: the benchmark of issue 3's speed section. Runs get-secrets' committed bundle
 * and a sequential one-`GetSecretValue`-per-secret baseline against moto behind a proxy that
 * adds 25 ms to every request, and prints markdown tables (stdout) of wall times and API calls
 * for N = 1, 20, 100, 500 secrets, bundle sizes, start-up times, and the targets' verdicts.
 * Progress goes to stderr.
 *
 * Exits non-zero when a run fails (a benchmark of a failing run means nothing), not when a
 * target is missed: the verdicts say that.
 */
import { cpus } from 'node:os';
import { startAwsProxy } from '../aws-proxy.js';
import type { AwsProxy } from '../aws-proxy.js';
import { startMoto } from '../moto.js';
import type { MotoServer } from '../moto.js';
import { startOidcTokenServer } from '../oidc-server.js';
import type { OidcTokenServer } from '../oidc-server.js';
import { actionDir } from '../paths.js';
import { cleanupStepTempDirs, runAction } from '../runner.js';
import { createSecrets } from '../seed.js';
import { buildBaselineAction } from './baseline-bundle.js';
import { allBundleFiles } from './bundle-sizes.js';
import type { BundleFile } from './bundle-sizes.js';
import { baselineContender, getSecretsContender } from './contenders.js';
import type { BenchServices, Contender } from './contenders.js';
import { benchSecrets, benchSize } from './fetch-bench.js';
import type { RunRecord, SizeResult } from './fetch-bench.js';
import { formatCalls, formatKiB, formatMs, formatRatio, formatSeconds } from './format.js';
import { markdownTable } from './markdown.js';
import { measureStartup, timeBareNode } from './startup.js';
import type { StartupResult, StartupSubject } from './startup.js';
import { SPEEDUP_N, fetchCallsVerdict, speedupVerdict, startupVerdict } from './targets.js';
import type { Verdict } from './targets.js';

/** Sizes and timed runs per size; 3 at N = 500 keeps the baseline's share near a minute. */
const SIZES = [
  { n: 1, runs: 5 },
  { n: 20, runs: 5 },
  { n: 100, runs: 5 },
  { n: 500, runs: 3 },
] as const;
/** The latency the issue's figures for the official action were measured with. */
const LATENCY_MS = 25;
const STARTUP_ROUNDS = 15;
const BARE_NODE = "`node -e ''`";
const GET_SECRETS_MAIN = 'get-secrets main (`secret-ids: a,b,c`, refused by input validation)';
const BASELINE_MAIN = 'baseline (empty `secret-ids`)';

function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** '5 runs at N = 1, 20, 100 and 3 at N = 500', from {@link SIZES}. */
function runsPhrase(): string {
  const groups: { runs: number; ns: number[] }[] = [];
  for (const { n, runs } of SIZES) {
    const last = groups.at(-1);
    if (last?.runs === runs) last.ns.push(n);
    else groups.push({ runs, ns: [n] });
  }
  return groups.map(({ runs, ns }, i) => `${runs}${i === 0 ? ' runs' : ''} at N = ${ns.join(', ')}`).join(' and ');
}

function callsCell(runs: readonly RunRecord[]): string {
  const distinct = [...new Set(runs.map((run) => formatCalls(run.tokenRequests, run.counts)))];
  return distinct.length === 1 ? distinct[0]! : `${distinct.join(' / ')} (varies)`;
}

function fetchTable(results: readonly SizeResult[]): string {
  const rows = results.map(({ n, contenders: [ours, baseline] }) => [
    String(n),
    formatSeconds(ours!.medianMs),
    callsCell(ours!.runs),
    formatSeconds(baseline!.medianMs),
    callsCell(baseline!.runs),
    formatRatio(baseline!.medianMs / ours!.medianMs),
  ]);
  return markdownTable(
    [
      { header: 'N', align: 'right' },
      { header: 'get-secrets median', align: 'right' },
      { header: 'get-secrets calls' },
      { header: 'baseline median', align: 'right' },
      { header: 'baseline calls' },
      { header: 'speed-up', align: 'right' },
    ],
    rows,
  );
}

function sizeTable(files: readonly BundleFile[]): string {
  const rows: string[][] = [];
  for (const bundle of new Set(files.map((file) => file.bundle))) {
    const own = files.filter((file) => file.bundle === bundle);
    for (const file of own) {
      rows.push([bundle, file.role, file.path, file.bytes === undefined ? 'missing' : String(file.bytes), file.bytes === undefined ? '—' : formatKiB(file.bytes)]);
    }
    const total = own.reduce((sum, file) => sum + (file.bytes ?? 0), 0);
    const incomplete = own.some((file) => file.bytes === undefined);
    rows.push([bundle, 'total', incomplete ? '(files missing)' : '', String(total), formatKiB(total)]);
  }
  return markdownTable(
    [{ header: 'bundle' }, { header: 'step' }, { header: 'file' }, { header: 'bytes', align: 'right' }, { header: 'KiB', align: 'right' }],
    rows,
  );
}

function startupTable(results: readonly StartupResult[], bareMedianMs: number): string {
  const rows = results.map((result) => [
    result.label,
    formatMs(result.medianMs),
    formatMs(Math.min(...result.timesMs)),
    formatMs(Math.max(...result.timesMs)),
    result.label === BARE_NODE ? '—' : formatMs(result.medianMs - bareMedianMs),
  ]);
  return markdownTable(
    [
      { header: 'process' },
      { header: 'median', align: 'right' },
      { header: 'min', align: 'right' },
      { header: 'max', align: 'right' },
      { header: 'above bare node', align: 'right' },
    ],
    rows,
  );
}

function verdictTable(verdicts: readonly Verdict[]): string {
  return markdownTable(
    [{ header: 'target' }, { header: 'expected' }, { header: 'measured' }, { header: 'verdict' }],
    verdicts.map((v) => [v.target, v.expected, v.measured, v.pass ? 'PASS' : 'FAIL']),
  );
}

function startupSubjects(getSecrets: Contender, baseline: Contender, getSecretsDir: string): StartupSubject[] {
  const early = (contender: Contender) => async (): Promise<number> => {
    const result = await contender.startup();
    if (!contender.stoppedEarly(result)) {
      throw new Error(`${contender.name} did not stop right after start (exit code ${String(result.exitCode)}; errors: ${result.errors.join(' | ') || 'none'})`);
    }
    return result.durationMs;
  };
  return [
    { label: BARE_NODE, run: timeBareNode },
    { label: GET_SECRETS_MAIN, run: early(getSecrets) },
    {
      label: 'get-secrets post (nothing to clean)',
      run: async () => {
        const result = await runAction({ actionDir: getSecretsDir, step: 'post' });
        if (result.exitCode !== 0) throw new Error(`get-secrets' post step failed with nothing to clean (exit code ${String(result.exitCode)})`);
        return result.durationMs;
      },
    },
    { label: BASELINE_MAIN, run: early(baseline) },
  ];
}

function startupMedian(results: readonly StartupResult[], label: string): number {
  const result = results.find((candidate) => candidate.label === label);
  if (result === undefined) throw new Error(`No start-up result for ${label}`);
  return result.medianMs;
}

function verdicts(results: readonly SizeResult[], startup: readonly StartupResult[]): Verdict[] {
  const list: Verdict[] = [];
  for (const { n, contenders: [ours] } of results) {
    // Every timed run must be at the floor; show the first that is not.
    const perRun = ours!.runs.map((run) => fetchCallsVerdict(n, run.tokenRequests, run.counts));
    list.push(perRun.find((verdict) => !verdict.pass) ?? perRun[0]!);
  }
  const atSpeedupN = results.find((result) => result.n === SPEEDUP_N);
  if (atSpeedupN !== undefined) list.push(speedupVerdict(atSpeedupN.contenders[0]!.medianMs, atSpeedupN.contenders[1]!.medianMs));
  list.push(startupVerdict(startupMedian(startup, GET_SECRETS_MAIN), startupMedian(startup, BASELINE_MAIN)));
  return list;
}

async function main(): Promise<void> {
  const started = Date.now();
  let moto: MotoServer | undefined;
  let oidc: OidcTokenServer | undefined;
  let proxy: AwsProxy | undefined;
  try {
    progress('bundling the sequential baseline with ncc');
    const baselineDir = await buildBaselineAction();
    // Sized now, right after the build: these are the bundles the runs below measure.
    const files = await allBundleFiles(baselineDir);
    for (const file of files.filter((candidate) => candidate.bytes === undefined)) progress(`note: ${file.path} is missing`);
    progress('starting moto and the OIDC token endpoint');
    // One after the other, so `finally` can stop whichever started if the next one fails.
    moto = await startMoto();
    oidc = await startOidcTokenServer();
    proxy = await startAwsProxy({ target: moto.endpoint, latencyMs: LATENCY_MS });
    const services: BenchServices = { proxy, oidc };
    const getSecretsDir = actionDir('get-secrets');
    const getSecrets = getSecretsContender(getSecretsDir, services);
    const baseline = baselineContender(baselineDir, services);

    const secretsBySize = SIZES.map(({ n }) => benchSecrets(n));
    progress(`seeding ${secretsBySize.flat().length} secrets`);
    // Straight to moto: seeding is not part of what the proxy counts.
    await createSecrets(moto.endpoint, secretsBySize.flat());

    const results: SizeResult[] = [];
    for (const [i, { n, runs }] of SIZES.entries()) {
      progress(`N = ${n}: one warm-up and ${runs} timed runs each`);
      results.push(await benchSize(services, [getSecrets, baseline], secretsBySize[i]!, runs, progress));
    }

    progress(`start-up: one warm-up and ${STARTUP_ROUNDS} rounds`);
    const startup = await measureStartup(services, startupSubjects(getSecrets, baseline, getSecretsDir), STARTUP_ROUNDS, progress);

    const cpu = cpus();
    print('## Benchmark: get-secrets against a sequential baseline\n');
    print(
      `\`npm run bench\` on Node ${process.version}, ${process.platform} ${process.arch}, ${cpu.length} CPU(s)${cpu[0] === undefined ? '' : ` (${cpu[0].model.trim()})`}. ` +
        `moto in server mode behind a proxy adding ${LATENCY_MS} ms to every request. ` +
        'Times are wall time from spawn to exit of the bundle, run as the runner runs it.\n',
    );
    print('### Fetching N secrets by explicit id\n');
    print(
      `Median of ${runsPhrase()}, after one untimed warm-up run of each action at each N. ` +
        'get-secrets assumes a role with a token from the local OIDC endpoint; the baseline fetches one `GetSecretValue` per secret in sequence, ' +
        'as aws-actions/aws-secretsmanager-get-secrets v3 does, with static credentials from the env.\n',
    );
    print(fetchTable(results));
    print('\n### Bundle sizes\n');
    print(sizeTable(files));
    print(`\n### Start-up with no work\n`);
    print(`Median of ${STARTUP_ROUNDS} runs after one warm-up; no run reaches AWS or the token endpoint.\n`);
    print(startupTable(startup, startupMedian(startup, BARE_NODE)));
    print('\n### Targets (issue 3)\n');
    const list = verdicts(results, startup);
    print(verdictTable(list));
    progress(`${list.filter((v) => v.pass).length}/${list.length} targets met; done in ${formatSeconds(Date.now() - started)}`);
  } finally {
    await Promise.all([proxy?.stop(), oidc?.stop(), moto?.stop()]);
    await cleanupStepTempDirs();
  }
}

main().catch((error: unknown) => {
  const cause = error instanceof Error && error.cause instanceof Error ? `\ncaused by: ${error.cause.message}` : '';
  progress(`FAILED: ${error instanceof Error ? error.message : String(error)}${cause}`);
  process.exitCode = 1;
});
