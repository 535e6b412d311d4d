import { describe, expect, it } from 'vitest';
import { markdownTable } from './markdown.js';

describe('markdownTable', () => {
  it('pads every column to its widest cell and aligns right where asked', () => {
    const table = markdownTable(
      [{ header: 'N', align: 'right' }, { header: 'time' }],
      [
        ['1', '0.31 s'],
        ['100', '3.60 s'],
      ],
    );
    expect(table.split('\n')).toEqual([
      '|   N | time   |',
      '| --: | :----- |',
      '|   1 | 0.31 s |',
      '| 100 | 3.60 s |',
    ]);
  });

  it('keeps a separator of at least three characters for a one-letter column', () => {
    expect(markdownTable([{ header: 'a' }], [['b']]).split('\n')).toEqual(['| a   |', '| :-- |', '| b   |']);
  });

  it('renders only the header and separator when there are no rows', () => {
    expect(markdownTable([{ header: 'bundle' }, { header: 'bytes', align: 'right' }], [])).toBe('| bundle | bytes |\n| :----- | ----: |');
  });

  it('escapes a pipe and flattens a newline so a cell cannot break the table', () => {
    expect(markdownTable([{ header: 'x|y' }], [['a|b\nc']]).split('\n')).toEqual(['| x\\|y   |', '| :----- |', '| a\\|b c |']);
  });

  it('refuses a row with the wrong number of cells', () => {
    expect(() => markdownTable([{ header: 'a' }, { header: 'b' }], [['1', '2'], ['3']])).toThrow(
      new Error('Row 2 has 1 cell(s); the table has 2 column(s)'),
    );
  });
});
