import { randomBytes } from 'node:crypto';
import { createSecrets } from '@aws-secrets-actions/testkit';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CAUSE, casesFor, expectedAttempts } from './faults/expectations.js';
import { expectSuccess, failureMessage, rowOf, shapeOf, startFaultRig, TOKEN_ENDPOINT, type FaultCase } from './faults/fault-rig.js';
import { saveRows, type FaultRow } from './faults/fault-table.js';

const ACTION = 'get-secrets';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/faults-get-secrets';
/** How each operation is named in the step's error. */
const NAMED_AS: Record<string, string> = {
  'secretsmanager:BatchGetSecretValue': 'BatchGetSecretValue',
  'sts:AssumeRoleWithWebIdentity': 'AssumeRoleWithWebIdentity',
  [TOKEN_ENDPOINT]: 'GitHub OIDC token',
};

const CASES: FaultCase[] = [
  ...casesFor('secretsmanager:BatchGetSecretValue', ['throttling', 'internal-failure', 'service-unavailable', 'connection-reset', 'slow-response', 'malformed-json']),
  ...casesFor('sts:AssumeRoleWithWebIdentity', ['throttling', 'service-unavailable', 'connection-reset', 'slow-response', 'malformed-json']),
  ...casesFor(TOKEN_ENDPOINT, ['unavailable', 'unauthorized', 'empty-body']),
];

const rows: FaultRow[] = [];
afterAll(async () => {
  await saveRows(ACTION, rows);
});

describe.concurrent('get-secrets under faults', () => {
  it.each(CASES.map((faultCase) => ({ ...faultCase, label: `${faultCase.operation} ${faultCase.fault} ${shapeOf(faultCase)}` })))('$label', async (faultCase) => {
    const motoEndpoint = inject('motoEndpoint');
    const name = `faults-get-${randomBytes(4).toString('hex')}/db`;
    const value = `value-${randomBytes(12).toString('hex')}`;
    await createSecrets(motoEndpoint, [{ name, value }]);
    const rig = await startFaultRig(motoEndpoint);
    try {
      rig.inject(faultCase);
      const { result, seconds } = await rig.run(ACTION, { 'secret-ids': `DB_PASSWORD,${name}`, 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1' });
      const attempts = rig.attempts(faultCase);
      rows.push(rowOf(ACTION, faultCase, result, attempts, seconds));
      rig.expectNoLeaks(result, [value]);
      const expected = expectedAttempts(faultCase);
      if (expected.succeeds) {
        expectSuccess(result);
        expect(result.env).toEqual({ DB_PASSWORD: value });
      } else {
        const message = failureMessage(result);
        expect(message).toContain(NAMED_AS[faultCase.operation]);
        expect(message).toContain(CAUSE[faultCase.fault]);
        expect(result.env).toEqual({});
        expect(result.outputs).toEqual({});
      }
      expect(attempts).toBe(expected.attempts);
    } finally {
      await rig.stop();
    }
  });
});
