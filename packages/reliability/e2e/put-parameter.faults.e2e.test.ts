import { randomBytes } from 'node:crypto';
import { describeParameterState, putParameters } from '@aws-secrets-actions/testkit';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CAUSE, TRANSIENT_K } from './faults/expectations.js';
import { expectSuccess, failureMessage, rowOf, shapeOf, startFaultRig, type FaultCase } from './faults/fault-rig.js';
import { saveRows, type FaultRow } from './faults/fault-table.js';

const ACTION = 'put-secret';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/faults-put-parameter';
const PUT = 'ssm:PutParameter';
/** core's putParameterOnce: PutParameter takes no idempotency token, so each send is its own, after a read-back. */
const SENDS = 3;

const FAULTS = ['throttling', 'internal-failure', 'service-unavailable', 'connection-reset', 'slow-response', 'malformed-json', 'reset-after-write'] as const;
const CASES: FaultCase[] = FAULTS.flatMap((fault) => [
  { operation: PUT, fault, transientCalls: TRANSIENT_K },
  { operation: PUT, fault, transientCalls: undefined },
]);

/**
 * A write whose answer was lost after it landed (reset-after-write) is read back and taken as
 * done after one send, however long the fault lasts; any other fault costs a send each, up to
 * the limit.
 */
function expected(faultCase: FaultCase): { succeeds: boolean; sends: number } {
  if (faultCase.fault === 'reset-after-write') return { succeeds: true, sends: 1 };
  const k = faultCase.transientCalls;
  return k !== undefined && k < SENDS ? { succeeds: true, sends: k + 1 } : { succeeds: false, sends: SENDS };
}

const rows: FaultRow[] = [];
afterAll(async () => {
  await saveRows(`${ACTION}-parameter-store`, rows);
});

describe.concurrent('put-secret to Parameter Store under faults: never a second version for one write', () => {
  it.each(CASES.map((faultCase) => ({ ...faultCase, label: `${faultCase.fault} ${shapeOf(faultCase)}` })))('$label', async (faultCase) => {
    const motoEndpoint = inject('motoEndpoint');
    const name = `/faults-put-${randomBytes(4).toString('hex')}/api-key`;
    const oldValue = `old-${randomBytes(12).toString('hex')}`;
    const newValue = `new-${randomBytes(12).toString('hex')}`;
    await putParameters(motoEndpoint, [{ name, value: oldValue }]);
    const rig = await startFaultRig(motoEndpoint);
    try {
      rig.inject(faultCase);
      const { result, seconds } = await rig.run(ACTION, { 'secret-id': `ssm:${name}`, 'secret-string': newValue, 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1' });
      const sends = rig.proxy.count(PUT);
      rows.push(rowOf(ACTION, faultCase, result, sends, seconds));
      rig.expectNoLeaks(result, [oldValue, newValue]);
      const state = await describeParameterState(motoEndpoint, name);
      const outcome = expected(faultCase);
      if (outcome.succeeds) {
        expectSuccess(result);
        expect(state.history.map((version) => [version.version, version.value])).toEqual([
          [1, oldValue],
          [2, newValue],
        ]);
        expect(result.outputs['version-id']).toBe('2');
      } else {
        const message = failureMessage(result);
        expect(message).toContain('PutParameter');
        expect(message).toContain(CAUSE[faultCase.fault]);
        expect(state.history.map((version) => [version.version, version.value])).toEqual([[1, oldValue]]);
        expect(result.outputs).toEqual({});
      }
      expect(sends).toBe(outcome.sends);
    } finally {
      await rig.stop();
    }
  });
});
