import { randomBytes } from 'node:crypto';
import { createSecrets, describeSecretState, readSecretVersion } from '@aws-secrets-actions/testkit';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CAUSE, casesFor, expectedAttempts } from './faults/expectations.js';
import { expectSuccess, failureMessage, rowOf, shapeOf, startFaultRig, TOKEN_ENDPOINT, type FaultCase } from './faults/fault-rig.js';
import { saveRows, type FaultRow } from './faults/fault-table.js';

const ACTION = 'put-secret';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/faults-put-secret';
const PUT = 'secretsmanager:PutSecretValue';
const NAMED_AS: Record<string, string> = { [PUT]: 'PutSecretValue', [TOKEN_ENDPOINT]: 'GitHub OIDC token' };

const CASES: FaultCase[] = [
  ...casesFor(PUT, ['throttling', 'internal-failure', 'service-unavailable', 'connection-reset', 'slow-response', 'malformed-json', 'reset-after-write']),
  ...casesFor(TOKEN_ENDPOINT, ['unavailable', 'unauthorized', 'empty-body']),
];

/**
 * New versions a failed step may leave: one for reset-after-write (moto wrote it, and each retry
 * with the same ClientRequestToken is a no-op), none for every other fault (the proxy answered
 * in moto's place, or dropped a call the client had given up on). Never two.
 */
function newVersionsAfterFailure(faultCase: FaultCase): number {
  return faultCase.fault === 'reset-after-write' ? 1 : 0;
}

const rows: FaultRow[] = [];
afterAll(async () => {
  await saveRows(ACTION, rows);
});

describe.concurrent('put-secret under faults', () => {
  it.each(CASES.map((faultCase) => ({ ...faultCase, label: `${faultCase.operation} ${faultCase.fault} ${shapeOf(faultCase)}` })))('$label', async (faultCase) => {
    const motoEndpoint = inject('motoEndpoint');
    const name = `faults-put-${randomBytes(4).toString('hex')}/api-key`;
    const oldValue = `old-${randomBytes(12).toString('hex')}`;
    const newValue = `new-${randomBytes(12).toString('hex')}`;
    await createSecrets(motoEndpoint, [{ name, value: oldValue }]);
    const [oldVersion] = Object.keys((await describeSecretState(motoEndpoint, name)).versions);
    const rig = await startFaultRig(motoEndpoint);
    try {
      rig.inject(faultCase);
      const { result, seconds } = await rig.run(ACTION, { 'secret-id': name, 'secret-string': newValue, 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1' });
      const attempts = rig.attempts(faultCase);
      rows.push(rowOf(ACTION, faultCase, result, attempts, seconds));
      rig.expectNoLeaks(result, [oldValue, newValue]);
      const versions = (await describeSecretState(motoEndpoint, name)).versions;
      const newVersions = Object.keys(versions).filter((id) => id !== oldVersion);
      const current = await readSecretVersion(motoEndpoint, name);
      const expected = expectedAttempts(faultCase);
      if (expected.succeeds) {
        expectSuccess(result);
        expect(newVersions).toEqual([result.outputs['version-id']]);
        expect(current).toMatchObject({ versionId: result.outputs['version-id'], string: newValue });
      } else {
        const message = failureMessage(result);
        expect(message).toContain(NAMED_AS[faultCase.operation]);
        expect(message).toContain(CAUSE[faultCase.fault]);
        expect(newVersions).toHaveLength(faultCase.operation === TOKEN_ENDPOINT ? 0 : newVersionsAfterFailure(faultCase));
        expect(result.outputs).toEqual({});
      }
      expect(attempts).toBe(expected.attempts);
    } finally {
      await rig.stop();
    }
  });
});
