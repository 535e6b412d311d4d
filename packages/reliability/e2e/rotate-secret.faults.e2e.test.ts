import { randomBytes } from 'node:crypto';
import { createSecrets, readSecretVersion, startRotationSimulator } from '@aws-secrets-actions/testkit';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CAUSE, casesFor, expectedAttempts } from './faults/expectations.js';
import { expectSuccess, failureMessage, rowOf, shapeOf, startFaultRig, TOKEN_ENDPOINT, type FaultCase } from './faults/fault-rig.js';
import { saveRows, type FaultRow } from './faults/fault-table.js';

const ACTION = 'rotate-secret';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/faults-rotate-secret';
const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:faults-rotator';
const ROTATE = 'secretsmanager:RotateSecret';
const DESCRIBE = 'secretsmanager:DescribeSecret';
const NAMED_AS: Record<string, string> = { [ROTATE]: 'RotateSecret', [DESCRIBE]: 'DescribeSecret', [TOKEN_ENDPOINT]: 'GitHub OIDC token' };

/** The step's first DescribeSecret reads the secret before RotateSecret; the polls that follow are call 2 on. */
const FIRST_POLL = 2;

const CASES: FaultCase[] = [
  ...casesFor(ROTATE, ['throttling', 'internal-failure', 'service-unavailable', 'connection-reset', 'slow-response', 'malformed-json', 'reset-after-write']),
  ...casesFor(DESCRIBE, ['throttling', 'service-unavailable', 'connection-reset', 'slow-response'], FIRST_POLL),
  ...casesFor(TOKEN_ENDPOINT, ['unavailable', 'unauthorized', 'empty-body']),
];

const rows: FaultRow[] = [];
afterAll(async () => {
  await saveRows(ACTION, rows);
});

describe.concurrent('rotate-secret under faults', () => {
  it.each(CASES.map((faultCase) => ({ ...faultCase, label: `${faultCase.operation} ${faultCase.fault} ${shapeOf(faultCase)}` })))('$label', async (faultCase) => {
    const motoEndpoint = inject('motoEndpoint');
    // Each case has its own simulator, so cases running at once never share rotations.
    const simulator = await startRotationSimulator({ target: motoEndpoint, startDelayMs: 100, stepDelayMs: 20 });
    const rig = await startFaultRig(simulator.endpoint);
    try {
      const name = `faults-rotate-${randomBytes(4).toString('hex')}/db`;
      const value = `seed-${randomBytes(12).toString('hex')}`;
      await createSecrets(motoEndpoint, [{ name, value }]);
      await simulator.configureRotation(name, { lambdaArn: LAMBDA_ARN, rules: { AutomaticallyAfterDays: 30 } });
      const before = await readSecretVersion(simulator.endpoint, name);
      rig.inject(faultCase);
      const { result, seconds } = await rig.run(ACTION, { 'secret-ids': name, 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1' });
      await simulator.settled();
      const attempts = rig.attempts(faultCase);
      rows.push(rowOf(ACTION, faultCase, result, attempts, seconds));
      rig.expectNoLeaks(result, [value, ...simulator.createdValues]);
      const after = await readSecretVersion(simulator.endpoint, name);
      const expected = expectedAttempts(faultCase);
      if (expected.succeeds) {
        expectSuccess(result);
        expect(simulator.rotations.map((rotation) => rotation.status)).toEqual(['succeeded']);
        expect(after.versionId).toBe(simulator.rotations[0]?.versionId);
        expect(after.versionId).not.toBe(before.versionId);
      } else {
        const message = failureMessage(result);
        expect(message).toContain(NAMED_AS[faultCase.operation]);
        expect(message).toContain(CAUSE[faultCase.fault]);
        if (faultCase.operation === DESCRIBE) {
          // The rotation had started before the polls failed: the step cannot stop it, so it names the new version for the user to check.
          expect(message).toContain(`new version '${simulator.rotations[0]?.versionId ?? 'none'}'`);
        } else if (faultCase.fault === 'reset-after-write') {
          // RotateSecret reached AWS, which started the one rotation (retries carry the same token); the step just never heard back.
          expect(simulator.rotations).toHaveLength(1);
        } else {
          expect(simulator.rotations).toEqual([]);
          expect(after.versionId).toBe(before.versionId);
        }
      }
      expect(attempts).toBe(expected.attempts);
    } finally {
      await rig.stop();
      await simulator.stop();
    }
  });
});
