import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLeakHunt } from '@aws-secrets-actions/testkit';

/** One fault case's outcome, a row of the fault table. */
export interface FaultRow {
  readonly action: string;
  /** The faulted operation, e.g. `secretsmanager:PutSecretValue` or `token endpoint`. */
  readonly operation: string;
  readonly fault: string;
  /** `transient (K=2)` or `persistent`. */
  readonly shape: string;
  readonly outcome: 'success' | 'failed cleanly';
  /** Calls of the faulted operation the step made. */
  readonly attempts: number;
  readonly seconds: number;
}

/** Where the table and the per-file rows are written: `packages/reliability/.results/`. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.results');
const ROWS_DIR = join(RESULTS_DIR, 'fault-rows');
/** The Markdown table, for the README to quote. */
export const TABLE_FILE = join(RESULTS_DIR, 'fault-table.md');

/**
 * The rows as a Markdown table, sorted by action, operation, fault and shape.
 *
 * @example
 * formatFaultTable([{ action: 'put-secret', operation: 'secretsmanager:PutSecretValue', fault: 'throttling', shape: 'persistent', outcome: 'failed cleanly', attempts: 3, seconds: 1.42 }]);
 * // '| action | operation | fault | shape | outcome | attempts | time (s) |\n|---|…\n| put-secret | secretsmanager:PutSecretValue | throttling | persistent | failed cleanly | 3 | 1.4 |'
 */
export function formatFaultTable(rows: readonly FaultRow[]): string {
  const sorted = [...rows].sort((a, b) =>
    [a.action, a.operation, a.fault, a.shape].join('\u0000').localeCompare([b.action, b.operation, b.fault, b.shape].join('\u0000')),
  );
  return [
    '| action | operation | fault | shape | outcome | attempts | time (s) |',
    '|---|---|---|---|---|---:|---:|',
    ...sorted.map((row) => `| ${row.action} | ${row.operation} | ${row.fault} | ${row.shape} | ${row.outcome} | ${row.attempts} | ${row.seconds.toFixed(1)} |`),
  ].join('\n');
}

/** Saves one test file's rows; each file runs in its own worker, so they meet on disk. The debug re-run's rows are not the table's. */
export async function saveRows(action: string, rows: readonly FaultRow[]): Promise<void> {
  if (rows.length === 0 || isLeakHunt()) return;
  await mkdir(ROWS_DIR, { recursive: true });
  await writeFile(join(ROWS_DIR, `${action}.json`), JSON.stringify(rows));
}

/** Forgets the rows of an earlier run. */
export async function clearRows(): Promise<void> {
  await rm(ROWS_DIR, { recursive: true, force: true });
}

/** Every row saved in this run; empty when no fault suite ran. */
export async function loadRows(): Promise<FaultRow[]> {
  const files = await readdir(ROWS_DIR).catch(() => []);
  const rows: FaultRow[] = [];
  for (const file of files.sort()) rows.push(...(JSON.parse(await readFile(join(ROWS_DIR, file), 'utf8')) as FaultRow[]));
  return rows;
}
