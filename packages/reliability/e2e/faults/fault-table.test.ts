import { describe, expect, it } from 'vitest';
import { formatFaultTable, type FaultRow } from './fault-table.js';

const row = (overrides: Partial<FaultRow>): FaultRow => ({
  action: 'put-secret',
  operation: 'secretsmanager:PutSecretValue',
  fault: 'throttling',
  shape: 'persistent',
  outcome: 'failed cleanly',
  attempts: 3,
  seconds: 1.44,
  ...overrides,
});

describe('formatFaultTable', () => {
  it('prints one Markdown row per case, sorted by action, operation, fault and shape, times to a tenth of a second', () => {
    const table = formatFaultTable([
      row({}),
      row({ shape: 'transient (K=2)', outcome: 'success', seconds: 0.96 }),
      row({ action: 'get-secrets', operation: 'token endpoint', fault: 'unavailable', attempts: 11, seconds: 12 }),
    ]);
    expect(table).toBe(
      [
        '| action | operation | fault | shape | outcome | attempts | time (s) |',
        '|---|---|---|---|---|---:|---:|',
        '| get-secrets | token endpoint | unavailable | persistent | failed cleanly | 11 | 12.0 |',
        '| put-secret | secretsmanager:PutSecretValue | throttling | persistent | failed cleanly | 3 | 1.4 |',
        '| put-secret | secretsmanager:PutSecretValue | throttling | transient (K=2) | success | 3 | 1.0 |',
      ].join('\n'),
    );
  });
});
