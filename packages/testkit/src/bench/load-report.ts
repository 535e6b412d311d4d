import { cpus } from 'node:os';
import type { Quota } from '../quota-limiter.js';
import { formatCalls, formatSeconds } from './format.js';
import type { FleetResult } from './load-fleet.js';
import { markdownTable } from './markdown.js';
import { percentile } from './stats.js';

/** How the fleets were run, for the report's opening paragraph. */
export interface LoadSetup {
  readonly latencyMs: number;
  readonly jobShape: { readonly namedSecrets: number; readonly prefixSecrets: number; readonly parameters: number };
}

function sum(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}

function quotaOf(quotas: readonly Quota[], operation: string): string {
  const quota = quotas.find((candidate) => candidate.operations.includes(operation));
  if (quota === undefined) return 'none';
  const shared = quota.operations.length > 1 ? ' (shared)' : '';
  return `${Number(quota.perSecond.toFixed(2))}/s${shared}`;
}

/** Why a run failed, as its first listed reference says (`ThrottlingException: Rate exceeded`), else its first line. */
function failureReason(failure: string): string {
  const reason = failure.split('\n').find((line) => line.trimStart().startsWith("- '") && line.includes(' failed: '));
  return reason === undefined ? failure.split('\n')[0]! : reason.slice(reason.lastIndexOf(' failed: ') + ' failed: '.length).trim();
}

function fleetTable(results: readonly FleetResult[]): string {
  const rows = results.map((result) => {
    const times = result.records.map((record) => record.durationMs);
    const failed = result.records.filter((record) => record.failure !== undefined).length;
    const leaking = result.records.filter((record) => record.leaks.length > 0).length;
    return [
      result.round.title,
      failed === 0 ? `yes (${result.records.length}/${result.records.length})` : `NO (${result.records.length - failed}/${result.records.length})`,
      formatSeconds(percentile(times, 50)),
      formatSeconds(percentile(times, 95)),
      formatSeconds(Math.max(...times)),
      formatSeconds(result.wallMs),
      String(sum(result.throttled)),
      leaking === 0 ? `clean (${result.records.length} runs)` : `${leaking} run(s) LEAK`,
    ];
  });
  return markdownTable(
    [
      { header: 'fleet' },
      { header: 'all succeeded' },
      { header: 'p50 run', align: 'right' },
      { header: 'p95 run', align: 'right' },
      { header: 'max run', align: 'right' },
      { header: 'fleet wall', align: 'right' },
      { header: 'throttled calls', align: 'right' },
      { header: 'leak check' },
    ],
    rows,
  );
}

function callsTable(results: readonly FleetResult[]): string {
  const rows: string[][] = [];
  for (const result of results) {
    rows.push([result.round.title, 'token (OIDC endpoint)', 'none', String(result.tokenRequests), '0', '—', '—']);
    for (const operation of Object.keys(result.calls).sort()) {
      rows.push([
        result.round.title,
        operation,
        quotaOf(result.round.quotas, operation),
        String(result.calls[operation]),
        String(result.throttled[operation] ?? 0),
        String(result.otherErrors[operation] ?? 0),
        String(result.peakPerSecond[operation] ?? 0),
      ]);
    }
  }
  return markdownTable(
    [
      { header: 'fleet' },
      { header: 'operation' },
      { header: 'quota' },
      { header: 'calls', align: 'right' },
      { header: 'throttled', align: 'right' },
      { header: 'other errors', align: 'right' },
      { header: 'peak calls in 1 s', align: 'right' },
    ],
    rows,
  );
}

/** Calls one job needs when nothing is throttled: what got through, divided by the fleet size. */
function callsPerJob(result: FleetResult): string {
  const jobs = result.records.length;
  const admitted: Record<string, number> = {};
  for (const [operation, calls] of Object.entries(result.calls)) admitted[operation] = (calls - (result.throttled[operation] ?? 0)) / jobs;
  return formatCalls(result.tokenRequests / jobs, admitted);
}

function failureLines(results: readonly FleetResult[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const failures = result.records.flatMap((record) => (record.failure === undefined ? [] : [failureReason(record.failure)]));
    if (failures.length === 0) continue;
    const counts = new Map<string, number>();
    for (const reason of failures) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    const reasons = [...counts].map(([reason, count]) => `${count} × \`${reason}\``).join('; ');
    lines.push(`- ${result.round.title}: ${failures.length} run(s) failed, exporting nothing. Reasons (first failed reference of each run): ${reasons}.`);
  }
  return lines;
}

/** The load bench's Markdown report. */
export function loadReport(results: readonly FleetResult[], setup: LoadSetup): string {
  const cpu = cpus();
  const { namedSecrets, prefixSecrets, parameters } = setup.jobShape;
  const parts = [
    '## Load: a fleet of get-secrets jobs under AWS quotas\n',
    `\`npm run bench:load\` on Node ${process.version}, ${process.platform} ${process.arch}, ${cpu.length} CPU(s)${cpu[0] === undefined ? '' : ` (${cpu[0].model.trim()})`}. ` +
      `Every job is a separate process running get-secrets' committed bundle as the runner does, all of a fleet launched at the same instant, ` +
      `against one moto server behind a proxy adding ${setup.latencyMs} ms per request and answering \`ThrottlingException: Rate exceeded\` (HTTP 400) ` +
      'beyond a token bucket per quota (rate per second, burst one second\'s worth, full at the start). ' +
      `Each job assumes a role with a token from the local OIDC endpoint and reads ${namedSecrets} secrets by name, one prefix matching ${prefixSecrets} secrets, ` +
      `and ${parameters} SecureString parameters by name. Run times are spawn to exit of each process; the leak check runs on every run.\n`,
    fleetTable(results),
    '',
    `Calls per job when nothing is throttled: ${results[0] === undefined ? 'n/a' : callsPerJob(results[0])}.\n`,
    '### Calls per operation\n',
    '"calls" counts every attempt, throttled ones included; "other errors" are error statuses from the emulator itself; "peak calls in 1 s" is the most attempts within any one-second window.\n',
    callsTable(results),
  ];
  const failures = failureLines(results);
  if (failures.length > 0) parts.push('', '### Failed runs\n', ...failures);
  return parts.join('\n');
}
