/**
 * `npm run bench:load`: the fleet picture of matrix builds. Launches many get-secrets runs of the
 * committed bundle at once, as separate processes, against one moto server behind the counting
 * proxy with a quota limiter that throttles the way AWS does (token bucket per quota), and
 * prints (stdout, and `packages/testkit/.bench/load.md`) whether every run succeeded, p50/p95/max
 * wall time per run, calls and throttled calls per operation, and the leak check's verdict.
 * Progress goes to stderr.
 *
 * Exits non-zero when a run of a must-succeed round failed or anything leaked.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAwsProxy } from '../aws-proxy.js';
import type { AwsProxy } from '../aws-proxy.js';
import { startMoto } from '../moto.js';
import type { MotoServer } from '../moto.js';
import { startOidcTokenServer } from '../oidc-server.js';
import type { OidcTokenServer } from '../oidc-server.js';
import { actionDir, repoRoot } from '../paths.js';
import { AWS_DEFAULT_QUOTAS, scaleQuotas } from '../quota-limiter.js';
import { cleanupStepTempDirs } from '../runner.js';
import { runFleet } from './load-fleet.js';
import type { FleetResult, FleetRound } from './load-fleet.js';
import { JOB_SHAPE, loadJob, seedLoadJob } from './load-job.js';
import { loadReport } from './load-report.js';
import { formatSeconds } from './format.js';

/** The same added latency as `npm run bench`, so a run's calls spread as they would against AWS. */
const LATENCY_MS = 25;

/**
 * One job alone (this machine's time for a run), a matrix of 50 under AWS's quotas (the issue's
 * case), a bigger one, and 50 under a tenth and a 25th of the quotas: the demand per second of a
 * fleet 10 or 25 times as large, to show where throttling starts and where retries stop absorbing it.
 * Those two are the edge by design: whether a run there outlasts the spell depends on its jitter,
 * so their failures are reported, not fatal.
 */
const ROUNDS: readonly (FleetRound & { readonly mustSucceed: boolean })[] = [
  { title: '1 job alone, AWS default quotas', jobs: 1, quotas: AWS_DEFAULT_QUOTAS, mustSucceed: true },
  { title: '50 jobs, AWS default quotas', jobs: 50, quotas: AWS_DEFAULT_QUOTAS, mustSucceed: true },
  { title: '200 jobs, AWS default quotas', jobs: 200, quotas: AWS_DEFAULT_QUOTAS, mustSucceed: true },
  { title: '50 jobs, 1/10 of AWS quotas', jobs: 50, quotas: scaleQuotas(AWS_DEFAULT_QUOTAS, 0.1), mustSucceed: false },
  { title: '50 jobs, 1/25 of AWS quotas', jobs: 50, quotas: scaleQuotas(AWS_DEFAULT_QUOTAS, 0.04), mustSucceed: false },
];

function progress(line: string): void {
  process.stderr.write(`[bench:load] ${line}\n`);
}

async function main(): Promise<void> {
  const started = Date.now();
  let moto: MotoServer | undefined;
  let oidc: OidcTokenServer | undefined;
  let proxy: AwsProxy | undefined;
  try {
    progress('starting moto, the OIDC token endpoint and the proxy');
    moto = await startMoto();
    oidc = await startOidcTokenServer();
    proxy = await startAwsProxy({ target: moto.endpoint, latencyMs: LATENCY_MS });
    const job = loadJob();
    progress(`seeding ${job.secrets.length} secrets and ${job.parameters.length} parameters`);
    await seedLoadJob(moto.endpoint, job);

    const results: FleetResult[] = [];
    for (const round of ROUNDS) {
      progress(`${round.title}: launching ${round.jobs} runs at once`);
      const result = await runFleet(actionDir('get-secrets'), { proxy, oidc }, job, round);
      const failed = result.records.filter((record) => record.failure !== undefined).length;
      const throttled = Object.values(result.throttled).reduce((sum, n) => sum + n, 0);
      progress(`${round.title}: ${round.jobs - failed}/${round.jobs} succeeded, ${throttled} throttled call(s), fleet ${formatSeconds(result.wallMs)}`);
      results.push(result);
    }

    const markdown = loadReport(results, { latencyMs: LATENCY_MS, jobShape: JOB_SHAPE });
    const file = join(repoRoot(), 'packages', 'testkit', '.bench', 'load.md');
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, `${markdown}\n`);
    process.stdout.write(`${markdown}\n`);
    progress(`written to ${file}; done in ${formatSeconds(Date.now() - started)}`);

    const problems: string[] = [];
    for (const [i, result] of results.entries()) {
      const failures = result.records.filter((record) => record.failure !== undefined);
      if (ROUNDS[i]!.mustSucceed && failures.length > 0) problems.push(`${result.round.title}: ${failures.length} run(s) failed; first:\n${failures[0]!.failure!}`);
      const leaks = result.records.flatMap((record) => record.leaks);
      if (leaks.length > 0) problems.push(`${result.round.title}: leaks found:\n${leaks.join('\n')}`);
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));
  } finally {
    await Promise.all([proxy?.stop(), oidc?.stop(), moto?.stop()]);
    await cleanupStepTempDirs();
  }
}

main().catch((error: unknown) => {
  progress(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
