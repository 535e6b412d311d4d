import { describe, expect, it } from 'vitest';
import type { ReferenceFailure } from './errors.js';
import type { PlannedVariable } from './export-plan.js';
import { formatSummary, formatVariableLines } from './summary.js';

const CREATED = new Date('2026-01-02T03:04:05.000Z');

const DB_PASSWORD: PlannedVariable = {
  name: 'DB_PASSWORD',
  value: 'never-shown-1',
  reference: 'DB_PASSWORD,prod/db#password',
  sourceName: 'prod/db',
  arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
  version: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111 (AWSCURRENT)',
  createdDate: CREATED,
  keyPath: ['password'],
};

const ODD_PARAMETER: PlannedVariable = {
  name: 'APP_PIPE',
  value: 'never-shown-2',
  reference: 'ssm:/app/*',
  sourceName: 'ssm:/app/a|b<script>&x',
  arn: undefined,
  version: '3 (prod)',
  createdDate: undefined,
};

const NESTED: PlannedVariable = {
  name: 'CFG_TLS_CA',
  value: 'never-shown-3',
  reference: 'CFG,cfg',
  sourceName: 'cfg',
  arn: undefined,
  version: 'v9 (AWSCURRENT)',
  createdDate: CREATED,
  keyPath: ['tls', 'ca'],
};

describe('formatSummary', () => {
  it('writes one row per variable with its source, version and date, escaping | < > &', () => {
    expect(formatSummary('get-secrets', [DB_PASSWORD, ODD_PARAMETER, NESTED], [])).toBe(
      [
        '### get-secrets',
        '',
        '3 variables set; values are masked and never shown.',
        '',
        '| Name | Source | Version | Created |',
        '| --- | --- | --- | --- |',
        '| <code>DB_PASSWORD</code> | <code>prod/db#password</code> | <code>a1b2c3d4-5678-90ab-cdef-EXAMPLE11111 (AWSCURRENT)</code> | 2026-01-02T03:04:05.000Z |',
        '| <code>APP_PIPE</code> | <code>ssm:/app/a&#124;b&lt;script&gt;&amp;x</code> | <code>3 (prod)</code> |  |',
        '| <code>CFG_TLS_CA</code> | <code>cfg#/tls/ca</code> | <code>v9 (AWSCURRENT)</code> | 2026-01-02T03:04:05.000Z |',
        '',
      ].join('\n'),
    );
  });

  it('lists what on-missing skipped after the table, escaped, in one line', () => {
    const skipped: ReferenceFailure[] = [
      { reference: 'prod/gone', reason: "no secret 'prod/gone'", hints: ['a hint that is not shown'] },
      { reference: 'ssm:/a|<b>', reason: 'no parameter below \'/a|<b>/\'\n::warning::x', hints: [] },
    ];
    expect(formatSummary('get-secrets', [DB_PASSWORD], skipped)).toBe(
      [
        '### get-secrets',
        '',
        '1 variable set; values are masked and never shown.',
        '',
        '| Name | Source | Version | Created |',
        '| --- | --- | --- | --- |',
        '| <code>DB_PASSWORD</code> | <code>prod/db#password</code> | <code>a1b2c3d4-5678-90ab-cdef-EXAMPLE11111 (AWSCURRENT)</code> | 2026-01-02T03:04:05.000Z |',
        '',
        "Skipped (on-missing): <code>prod/gone</code> — no secret 'prod/gone'; <code>ssm:/a&#124;&lt;b&gt;</code> — no parameter below '/a&#124;&lt;b&gt;/'\\n::warning::x",
        '',
      ].join('\n'),
    );
  });

  it('writes an empty table for no variables', () => {
    expect(formatSummary('get-secrets', [], [])).toBe(
      ['### get-secrets', '', '0 variables set; values are masked and never shown.', '', '| Name | Source | Version | Created |', '| --- | --- | --- | --- |', ''].join('\n'),
    );
  });

  it('escapes the title and keeps a neutralised line break on one line', () => {
    expect(formatSummary('a <b>\n::x', [], []).split('\n')[0]).toBe('### a &lt;b&gt;\\n::x');
  });

  it('never contains a value', () => {
    const summary = formatSummary('get-secrets', [DB_PASSWORD, ODD_PARAMETER, NESTED], [{ reference: 'x', reason: 'y', hints: [] }]);
    for (const variable of [DB_PASSWORD, ODD_PARAMETER, NESTED]) expect(summary).not.toContain(variable.value);
  });
});

describe('formatVariableLines', () => {
  it('writes one line per name with its source and version, and no value', () => {
    expect(formatVariableLines([DB_PASSWORD, ODD_PARAMETER, NESTED])).toEqual([
      '  DB_PASSWORD ← prod/db#password @ a1b2c3d4-5678-90ab-cdef-EXAMPLE11111 (AWSCURRENT)',
      '  APP_PIPE ← ssm:/app/a|b<script>&x @ 3 (prod)',
      '  CFG_TLS_CA ← cfg#/tls/ca @ v9 (AWSCURRENT)',
    ]);
  });

  it('neutralises a source or version that could start a workflow command or break the line', () => {
    const odd: PlannedVariable = { ...ODD_PARAMETER, sourceName: 'x\n::add-mask::y', version: '1\r\n::stop-commands::z' };
    expect(formatVariableLines([odd])).toEqual(['  APP_PIPE ← x\\n::add-mask::y @ 1\\r\\n::stop-commands::z']);
  });

  it('writes nothing for no variables', () => {
    expect(formatVariableLines([])).toEqual([]);
  });
});
