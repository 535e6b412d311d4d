import { SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PUT_PARAMETER_SENDS, putParameterOnce } from './put-parameter-once.js';
import { startScriptedEndpoint, type ScriptedAnswer, type ScriptedEndpoint } from './scripted-endpoint.test-helper.js';
import { ThrottlingTolerantRetryStrategy } from './throttling-retry.js';

const UNAVAILABLE: ScriptedAnswer = { status: 503, body: '{"__type":"ServiceUnavailableException","message":"try later"}' };
const DENIED: ScriptedAnswer = { status: 400, body: '{"__type":"AccessDeniedException","message":"not allowed"}' };
const WRITTEN: ScriptedAnswer = { status: 200, body: '{"Version":4,"Tier":"Standard"}' };
const parameter = (value: string, version: number): ScriptedAnswer => ({ status: 200, body: JSON.stringify({ Parameter: { Name: '/app/token', Value: value, Version: version } }) });

const PUT = 'AmazonSSM.PutParameter';
const GET = 'AmazonSSM.GetParameter';

describe('putParameterOnce through the SDK', () => {
  let endpoint: ScriptedEndpoint | undefined;
  beforeEach(() => {
    // Full jitter times 0: every backoff is 0 ms.
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await endpoint?.stop();
    endpoint = undefined;
  });

  async function put(scripts: { put: readonly ScriptedAnswer[]; get: readonly ScriptedAnswer[] }): Promise<{ outcome: unknown; calls: Record<'put' | 'get', number> }> {
    endpoint = await startScriptedEndpoint({ [PUT]: scripts.put, [GET]: scripts.get });
    const client = new SSMClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      retryStrategy: new ThrottlingTolerantRetryStrategy(),
    });
    const outcome = await putParameterOnce(client, { Name: '/app/token', Value: 'new-value', Type: 'SecureString', Overwrite: true }, 3).then(
      (output) => output,
      (error: unknown) => error,
    );
    client.destroy();
    return { outcome, calls: { put: endpoint.calls(PUT), get: endpoint.calls(GET) } };
  }

  it('sends once when the write is answered', async () => {
    expect(await put({ put: [WRITTEN], get: [] })).toEqual({ outcome: { Version: 4 }, calls: { put: 1, get: 0 } });
  });

  it('does not resend a write whose answer was lost after it landed: reads it back and takes its version', async () => {
    expect(await put({ put: ['reset'], get: [parameter('new-value', 4)] })).toEqual({ outcome: { Version: 4 }, calls: { put: 1, get: 1 } });
  });

  it('sends again when the read-back shows the write did not land, until it is answered', async () => {
    expect(await put({ put: [UNAVAILABLE, UNAVAILABLE, WRITTEN], get: [parameter('old-value', 3)] })).toEqual({ outcome: { Version: 4 }, calls: { put: 3, get: 2 } });
  });

  it('does not count an older version holding the same value as this write', async () => {
    const { outcome, calls } = await put({ put: ['reset', WRITTEN], get: [parameter('new-value', 3)] });
    expect([outcome, calls]).toEqual([{ Version: 4 }, { put: 2, get: 1 }]);
  });

  it(`gives up after ${PUT_PARAMETER_SENDS} sends with the last attempt's error`, async () => {
    const { outcome, calls } = await put({ put: [UNAVAILABLE], get: [parameter('old-value', 3)] });
    expect(outcome).toMatchObject({ name: 'ServiceUnavailableException', message: 'try later' });
    expect(calls).toEqual({ put: 3, get: 3 });
  });

  it('throws a definite failure at once, without reading back', async () => {
    const { outcome, calls } = await put({ put: [DENIED], get: [] });
    expect(outcome).toMatchObject({ name: 'AccessDeniedException', message: 'not allowed' });
    expect(calls).toEqual({ put: 1, get: 0 });
  });
});
