import { describe, expect, it } from 'vitest';
import { failureMessage, useHarness } from './harness.js';

const h = useHarness();
const STALE = 'stale000-0000-4000-8000-000000000001';

describe('rotate-secret on-pending', () => {
  it('fail (default): refuses to rotate, naming the stuck version and its age', async () => {
    const [name] = await h.seed(['stuck']);
    await h.stalePending(name!, STALE);

    const result = await h.run({ 'secret-ids': name! });

    const message = failureMessage(result);
    const prefix = `rotate-secret: Rotation failed for 1 secret:\n  - '${name!}': could not rotate (Secret '${name!}' has an unfinished rotation: version '${STALE}' holds AWSPENDING but AWSCURRENT is '${await h.currentVersion(name!)}', created `;
    expect(message.startsWith(prefix), message).toBe(true);
    expect(message.slice(prefix.length)).toMatch(/^\d+ s ago \(\d{4}-\d\d-\d\dT[\d:.]+Z\)\. Set 'on-pending' to 'wait' or 'clear', or finish or cancel that rotation\.\)$/);
    expect(h.proxy.count('secretsmanager:RotateSecret')).toBe(0);
    expect(h.proxy.count('secretsmanager:ListSecretVersionIds')).toBe(1);
    expect((await h.stages(name!))[STALE]).toEqual(['AWSPENDING']);
    h.expectNoLeaks(result);
  });

  it('clear: removes the stale AWSPENDING label, then rotates', async () => {
    const [name] = await h.seed(['cleared']);
    await h.stalePending(name!, STALE);
    const old = await h.currentVersion(name!);

    const result = await h.run({ 'secret-ids': name!, 'on-pending': 'clear' });

    expect(result.exitCode, result.log).toBe(0);
    const version = (JSON.parse(result.outputs['version-ids']!) as Record<string, string>)[name!]!;
    expect(await h.stages(name!)).toEqual({ [old]: ['AWSPREVIOUS'], [STALE]: [], [version]: ['AWSCURRENT'] });
    expect(result.log).toContain(`'${name!}': removed AWSPENDING from the unfinished version '${STALE}' (on-pending: clear).`);
    expect(h.proxy.count('secretsmanager:UpdateSecretVersionStage')).toBe(1);
    h.expectNoLeaks(result);
  });

  it('wait: waits for the unfinished rotation to clear, then rotates', async () => {
    const [name] = await h.seed(['waits']);
    await h.stalePending(name!, STALE);
    const old = await h.currentVersion(name!);

    const started = h.run({ 'secret-ids': name!, 'on-pending': 'wait', 'timeout-seconds': '20' });
    // The other rotation finishes on its own a moment later.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(h.proxy.count('secretsmanager:RotateSecret')).toBe(0);
    await h.stalePendingRemoved(name!, STALE);
    const result = await started;

    expect(result.exitCode, result.log).toBe(0);
    const version = (JSON.parse(result.outputs['version-ids']!) as Record<string, string>)[name!]!;
    expect(await h.stages(name!)).toEqual({ [old]: ['AWSPREVIOUS'], [STALE]: [], [version]: ['AWSCURRENT'] });
    expect(result.log).toContain(`'${name!}': waiting for an unfinished rotation (version '${STALE}' holds AWSPENDING but AWSCURRENT is '${old}').`);
    h.expectNoLeaks(result);
  });

  it('wait: gives up after timeout-seconds when the other rotation never finishes', async () => {
    const [name] = await h.seed(['forever']);
    await h.stalePending(name!, STALE);

    const result = await h.run({ 'secret-ids': name!, 'on-pending': 'wait', 'timeout-seconds': '1' });

    expect(failureMessage(result)).toBe(
      `rotate-secret: Rotation failed for 1 secret:\n  - '${name!}': could not rotate (Secret '${name!}' still has an unfinished rotation after 1 s: version '${STALE}' holds AWSPENDING but AWSCURRENT is '${await h.currentVersion(name!)}'.)`,
    );
    expect(h.proxy.count('secretsmanager:RotateSecret')).toBe(0);
    h.expectNoLeaks(result);
  });
});
