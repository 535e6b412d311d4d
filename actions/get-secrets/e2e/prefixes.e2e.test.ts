import { describe, expect, it } from 'vitest';
import { useHarness, withRole } from './harness.js';

const h = useHarness();

describe('get-secrets prefixes', () => {
  it('exports every match of a prefix, named from each secret, and nothing outside it', async () => {
    const p = h.prefix;
    await h.seed([
      { name: `${p}app/one`, value: 'app-one-1b' },
      { name: `${p}app/two`, value: '{"k":"app-two-1b"}' },
      { name: `${p}application`, value: 'not-matched-1b' },
    ]);
    const result = await h.run(withRole({ 'secret-ids': `${p}app/*`, 'parse-json-secrets': 'true' }));

    const base = p.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ [`${base}APP_ONE`]: 'app-one-1b', [`${base}APP_TWO_K`]: 'app-two-1b' });
    expect(h.proxy.counts()).toEqual({ 'sts:AssumeRoleWithWebIdentity': 1, 'secretsmanager:ListSecrets': 1, 'secretsmanager:BatchGetSecretValue': 1 });
    h.expectNoLeaks(result, ['app-two-1b']);
  });

  it('pages ListSecrets to the end: 130 matches, no cap at 100', async () => {
    const p = h.prefix;
    const names = Array.from({ length: 130 }, (_, index) => `${p}many/s${String(index).padStart(3, '0')}`);
    await h.seed(names.map((name, index) => ({ name, value: `many-value-${index}-2c` })));
    const result = await h.run(withRole({ 'secret-ids': `${p}many/*` }));

    const base = p.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual(Object.fromEntries(names.map((_, index) => [`${base}MANY_S${String(index).padStart(3, '0')}`, `many-value-${index}-2c`])));
    expect(h.proxy.count('secretsmanager:ListSecrets')).toBe(2);
    // 130 ARNs in ⌈130/20⌉ = 7 batches.
    expect(h.proxy.count('secretsmanager:BatchGetSecretValue')).toBe(7);
    h.expectNoLeaks(result);
  });

  it('keeps paging past an empty first page that carries a NextToken', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}late/one`, value: 'late-value-3d' }]);
    // AWS may answer a page with no secrets but a NextToken; moto never does, so the proxy plays it.
    h.proxy.setInterceptor(({ operation, callNumber, body }) => {
      if (operation !== 'secretsmanager:ListSecrets') return undefined;
      if (callNumber === 1) return { respond: { status: 200, body: '{"SecretList":[],"NextToken":"e2e-empty-page"}' } };
      const request = JSON.parse(body) as Record<string, unknown>;
      expect(request['NextToken']).toBe('e2e-empty-page');
      delete request['NextToken'];
      return { rewriteBody: JSON.stringify(request) };
    });
    const result = await h.run(withRole({ 'secret-ids': `LATE,${p}late/*` }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ LATE: 'late-value-3d' });
    expect(h.proxy.count('secretsmanager:ListSecrets')).toBe(2);
    h.expectNoLeaks(result);
  });
});
