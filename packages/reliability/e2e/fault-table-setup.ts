import { writeFile } from 'node:fs/promises';
import { clearRows, formatFaultTable, loadRows, TABLE_FILE } from './faults/fault-table.js';

/**
 * A vitest global setup: forgets the fault rows of the last run, and once every
 * file has finished prints the fault table and writes it as Markdown to
 * `.results/fault-table.md` (only when a fault suite ran).
 */
export default async function setupFaultTable(): Promise<() => Promise<void>> {
  await clearRows();
  return async () => {
    const rows = await loadRows();
    if (rows.length === 0) return;
    const table = formatFaultTable(rows);
    await writeFile(TABLE_FILE, `${table}\n`);
    console.log(`\nFault table (${rows.length} cases), also in ${TABLE_FILE}:\n${table}\n`);
  };
}
