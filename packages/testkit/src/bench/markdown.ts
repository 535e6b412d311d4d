/** One column of a {@link markdownTable}: its header and how its cells are aligned. */
export interface TableColumn {
  header: string;
  /** `left` by default; numbers read better `right`. */
  align?: 'left' | 'right';
}

function escapeCell(cell: string): string {
  // A bare | would end the cell early; newlines would end the row.
  return cell.replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}

/**
 * Renders a GitHub-flavoured markdown table, each column padded to its widest cell so the
 * table also reads well in a terminal. `|` in a cell is escaped; a newline becomes a space.
 *
 * @throws Error when a row does not have one cell per column.
 * @example
 * ```ts
 * markdownTable([{ header: 'N', align: 'right' }, { header: 'time' }], [['1', '0.31 s']]);
 * // |   N | time   |
 * // | --: | :----- |
 * // |   1 | 0.31 s |
 * ```
 */
export function markdownTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row, index) => {
    if (row.length !== columns.length) {
      throw new Error(`Row ${index + 1} has ${row.length} cell(s); the table has ${columns.length} column(s)`);
    }
    return row.map(escapeCell);
  });
  const headers = columns.map((column) => escapeCell(column.header));
  // At least 3 wide: the separator needs room for ':' and a dash or two.
  const widths = headers.map((header, i) => Math.max(3, header.length, ...cells.map((row) => row[i]!.length)));
  const pad = (text: string, i: number): string =>
    columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (row: readonly string[]): string => `| ${row.map(pad).join(' | ')} |`;
  const separator = `| ${columns.map((column, i) => (column.align === 'right' ? `${'-'.repeat(widths[i]! - 1)}:` : `:${'-'.repeat(widths[i]! - 1)}`)).join(' | ')} |`;
  return [line(headers), separator, ...cells.map(line)].join('\n');
}
