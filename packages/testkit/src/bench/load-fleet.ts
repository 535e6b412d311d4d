import { createQuotaLimiter } from '../quota-limiter.js';
import type { Quota } from '../quota-limiter.js';
import { cleanupStepTempDirs } from '../runner.js';
import type { BenchServices } from './contenders.js';
import { runLoadJob } from './load-job.js';
import type { JobRecord, LoadJob } from './load-job.js';
import { peakPerSecond } from './load-stats.js';

/** One fleet to launch: how many jobs, under which quotas. */
export interface FleetRound {
  readonly title: string;
  readonly jobs: number;
  readonly quotas: readonly Quota[];
}

/** What one fleet did. */
export interface FleetResult {
  readonly round: FleetRound;
  readonly records: readonly JobRecord[];
  /** From the first spawn to the last exit. */
  readonly wallMs: number;
  /** Requests to the OIDC token endpoint (not behind the proxy). */
  readonly tokenRequests: number;
  /** Every call per operation, throttled ones included, as the proxy counted them. */
  readonly calls: Readonly<Record<string, number>>;
  /** Calls answered with a throttling error, per operation. */
  readonly throttled: Readonly<Record<string, number>>;
  /** Calls that failed for another reason than the quota (an error status from the emulator), per operation. */
  readonly otherErrors: Readonly<Record<string, number>>;
  /** The most calls of each operation within any one second. */
  readonly peakPerSecond: Readonly<Record<string, number>>;
}

/**
 * Launches `round.jobs` runs of get-secrets at once — separate processes, as a matrix starting
 * together does — through the proxy with a fresh quota limiter, and waits for all of them.
 */
export async function runFleet(actionDir: string, services: BenchServices, job: LoadJob, round: FleetRound): Promise<FleetResult> {
  const limiter = createQuotaLimiter({ quotas: round.quotas });
  services.proxy.resetCounts();
  services.proxy.setInterceptor(limiter.interceptor);
  const tokensBefore = services.oidc.requests.length;
  const started = performance.now();
  try {
    const records = await Promise.all(
      Array.from({ length: round.jobs }, async (_, i) => runLoadJob(actionDir, services, job, `${round.title}, job ${i + 1}/${round.jobs}`)),
    );
    const throttled = limiter.throttled();
    const otherErrors: Record<string, number> = {};
    for (const call of services.proxy.calls) if (call.status >= 400) otherErrors[call.operation] = (otherErrors[call.operation] ?? 0) + 1;
    for (const [operation, count] of Object.entries(throttled)) otherErrors[operation] = (otherErrors[operation] ?? 0) - count;
    return {
      round,
      records,
      wallMs: performance.now() - started,
      tokenRequests: services.oidc.requests.length - tokensBefore,
      calls: services.proxy.counts(),
      throttled,
      otherErrors: Object.fromEntries(Object.entries(otherErrors).filter(([, count]) => count > 0)),
      peakPerSecond: peakPerSecond(limiter.events),
    };
  } finally {
    services.proxy.setInterceptor(undefined);
    await cleanupStepTempDirs();
  }
}
