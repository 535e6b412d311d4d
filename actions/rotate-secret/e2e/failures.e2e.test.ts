import { describe, expect, it } from 'vitest';
import { failureMessage, useHarness } from './harness.js';

const h = useHarness();

describe('rotate-secret failures', () => {
  it('fails when the rotation fails at testSecret, naming the new version and its stages; AWSCURRENT is unchanged', async () => {
    const [name] = await h.seed(['fails']);
    h.simulator.setBehaviour(name!, { failAt: 'testSecret' });
    const old = await h.currentVersion(name!);

    const result = await h.run({ 'secret-ids': name!, 'timeout-seconds': '2' });

    const version = h.simulator.rotations[0]!.versionId;
    expect(h.simulator.rotations[0]!.completedSteps).toEqual(['createSecret', 'setSecret']);
    // The simulated function gave up leaving AWSPENDING, as a failed Lambda does: seen as a timeout.
    expect(failureMessage(result)).toBe(
      `rotate-secret: Rotation failed for 1 secret:\n  - '${name!}': timed out (not finished after 2 s (the new version holds AWSPENDING)); new version '${version}' holds AWSPENDING`,
    );
    expect(await h.currentVersion(name!)).toBe(old);
    expect(await h.stages(name!)).toEqual({ [old]: ['AWSCURRENT'], [version]: ['AWSPENDING'] });
    expect(result.outputs).toEqual({ 'version-ids': JSON.stringify({ [name!]: version }), rotated: '[]' });
    expect(result.summary).toContain('⏱️ timed out');
    h.expectNoLeaks(result);
  });

  it('with rollback-on-failure, removes the AWSPENDING label it created and leaves AWSCURRENT alone', async () => {
    const [name] = await h.seed(['rollback']);
    h.simulator.setBehaviour(name!, { failAt: 'testSecret' });
    const old = await h.currentVersion(name!);

    const result = await h.run({ 'secret-ids': name!, 'timeout-seconds': '2', 'rollback-on-failure': 'true' });

    const version = h.simulator.rotations[0]!.versionId;
    expect(failureMessage(result)).toBe(
      `rotate-secret: Rotation failed for 1 secret:\n  - '${name!}': timed out (not finished after 2 s (the new version holds AWSPENDING)); new version '${version}' holds no labels; AWSPENDING removed (rollback-on-failure); AWSCURRENT unchanged`,
    );
    expect(await h.currentVersion(name!)).toBe(old);
    const stages = await h.stages(name!);
    expect(stages[old]).toEqual(['AWSCURRENT']);
    expect(Object.values(stages).flat()).not.toContain('AWSPENDING');
    expect(h.proxy.count('secretsmanager:UpdateSecretVersionStage')).toBe(1);
    expect(result.summary).toContain('⏱️ timed out, AWSPENDING removed');
    h.expectNoLeaks(result);
  });

  it('times out on a hanging rotation with a message naming the secret, the version and its stages', async () => {
    const [name] = await h.seed(['hangs']);
    h.simulator.setBehaviour(name!, { hangAt: 'setSecret' });

    const result = await h.run({ 'secret-ids': name!, 'timeout-seconds': '1' });

    const version = h.simulator.rotations[0]!.versionId;
    expect(h.simulator.rotations[0]!.status).toBe('hanging');
    expect(failureMessage(result)).toBe(
      `rotate-secret: Rotation failed for 1 secret:\n  - '${name!}': timed out (not finished after 1 s (the new version holds AWSPENDING)); new version '${version}' holds AWSPENDING`,
    );
    expect(result.durationMs).toBeLessThan(10_000);
    h.expectNoLeaks(result);
  });

  it('reports a failure when AWSPENDING is removed without AWSCURRENT moving', async () => {
    const [name] = await h.seed(['dropped']);
    h.simulator.setBehaviour(name!, { hangAt: 'testSecret' });
    const old = await h.currentVersion(name!);
    // Someone (an operator, or the function's own cleanup) removes the label while the step waits.
    const started = h.run({ 'secret-ids': name!, 'timeout-seconds': '20' });
    while (h.simulator.rotations[0]?.status !== 'hanging') await new Promise((resolve) => setTimeout(resolve, 20));
    const version = h.simulator.rotations[0].versionId;
    await h.stalePendingRemoved(name!, version);

    const result = await started;

    expect(failureMessage(result)).toBe(
      `rotate-secret: Rotation failed for 1 secret:\n  - '${name!}': rotation failed (the new version lost AWSPENDING without becoming AWSCURRENT); new version '${version}' holds no labels`,
    );
    expect(await h.currentVersion(name!)).toBe(old);
    h.expectNoLeaks(result);
  });

  it('fails only the broken secret of several, and still reports the others', async () => {
    const names = await h.seed(['ok', 'broken']);
    h.simulator.setBehaviour(names[1]!, { failAt: 'createSecret' });

    const result = await h.run({ 'secret-ids': names.join('\n'), 'timeout-seconds': '1' });

    const versionIds = JSON.parse(result.outputs['version-ids']!) as Record<string, string>;
    expect(failureMessage(result)).toBe(
      `rotate-secret: Rotation failed for 1 secret:\n  - '${names[1]!}': timed out (not finished after 1 s (the new version was never created)); new version '${versionIds[names[1]!]!}' does not exist`,
    );
    expect(JSON.parse(result.outputs.rotated!)).toEqual([names[0]]);
    expect(await h.currentVersion(names[0]!)).toBe(versionIds[names[0]!]);
    h.expectNoLeaks(result);
  });
});
