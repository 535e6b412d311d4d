import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, runPostStep } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { ACTION_DIR, failureMessage, useHarness, withRole } from './harness.js';

const h = useHarness();

/** Values that a naive dotenv writer would mangle. */
const AWKWARD = {
  QUOTES: `it's "quoted" \\ back\\slash`,
  MULTI: 'line one\nline two\n  indented\n',
  DOLLAR: '$HOME ${PATH} `whoami` $(id)',
  CRLF: 'carriage\r\nreturn',
};

describe('get-secrets output modes', () => {
  it('sets step outputs and no env vars with set-outputs: true and export-env: false', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}out`, value: '{"a":"out-a-1a","b":"out-b-1a"}' }]);
    const result = await h.run(withRole({ 'secret-ids': `O,${p}out`, 'parse-json-secrets': 'true', 'export-env': 'false', 'set-outputs': 'true' }));

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({});
    expect(result.outputs).toEqual({ O_A: 'out-a-1a', O_B: 'out-b-1a' });
    expect(result.state).toEqual({ 'exported-names': '[]' });
    h.expectNoLeaks(result, ['out-a-1a', 'out-b-1a']);
  });

  it('writes a 0600 dotenv file that a shell reads back byte for byte, and the post step deletes it', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}awkward`, value: JSON.stringify(AWKWARD) }]);
    const workspace = mkdtempSync(join(tmpdir(), 'gs-ws-'));
    const result = await runAction({
      actionDir: ACTION_DIR,
      workspace,
      inputs: withRole({ 'secret-ids': `,${p}awkward`, 'parse-json-secrets': 'true', 'env-file': 'secrets.env', 'export-env': 'false' }),
      env: { ...h.oidc.env(), AWS_ENDPOINT_URL: h.proxy.endpoint },
    });

    expect(result.exitCode).toBe(0);
    const file = join(workspace, 'secrets.env');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const readBack = execFileSync('sh', ['-c', 'set -a; . "$1"; node -e "process.stdout.write(JSON.stringify({QUOTES:process.env.QUOTES,MULTI:process.env.MULTI,DOLLAR:process.env.DOLLAR,CRLF:process.env.CRLF}))"', 'sh', file], {
      env: { PATH: process.env['PATH'] },
    }).toString('utf8');
    expect(JSON.parse(readBack)).toEqual(AWKWARD);
    expect(result.state).toEqual({ 'exported-names': '[]', 'env-file': file });
    h.expectNoLeaks(result, Object.values(AWKWARD));

    const post = await runPostStep({ actionDir: ACTION_DIR, workspace }, result);
    expect(post.exitCode).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it.each([
    { name: 'an existing file', setup: (dir: string) => { writeFileSync(join(dir, 'taken.env'), 'keep me'); }, path: 'taken.env', problem: 'the file already exists (or is a link); give a path to a new file' },
    { name: 'a symlink', setup: (dir: string) => { symlinkSync('/tmp/elsewhere-target', join(dir, 'link.env')); }, path: 'link.env', problem: 'the file already exists (or is a link); give a path to a new file' },
    { name: 'a path outside the workspace', setup: () => undefined, path: '/etc/secrets.env', problem: 'it must be inside the workspace (GITHUB_WORKSPACE) or the runner temp dir (RUNNER_TEMP)' },
    { name: 'a missing directory', setup: () => undefined, path: 'no/such/dir/x.env', problem: 'its directory does not exist' },
  ])('refuses an env-file that is $name, before any AWS call', async ({ setup, path, problem }) => {
    const workspace = mkdtempSync(join(tmpdir(), 'gs-ws-'));
    setup(workspace);
    const result = await runAction({
      actionDir: ACTION_DIR,
      workspace,
      inputs: withRole({ 'secret-ids': 'anything', 'env-file': path }),
      env: { ...h.oidc.env(), AWS_ENDPOINT_URL: h.proxy.endpoint },
    });

    expect(failureMessage(result)).toBe(`get-secrets: Input 'env-file' '${path}': ${problem}.`);
    expect(h.proxy.calls).toEqual([]);
    if (path === 'taken.env') expect(readFileSync(join(workspace, path), 'utf8')).toBe('keep me');
  });

  it('refuses a run that would deliver nothing', async () => {
    const result = await h.run(withRole({ 'secret-ids': 'anything', 'export-env': 'false' }));
    expect(failureMessage(result)).toBe("get-secrets: Nothing would be delivered: 'export-env' is false, 'set-outputs' is false and 'env-file' is empty.");
    expect(h.proxy.calls).toEqual([]);
  });
});

describe('get-secrets on-missing', () => {
  it.each([
    { mode: 'warn', warnings: 1 },
    { mode: 'skip', warnings: 0 },
  ])('exports the rest and reports the missing reference with on-missing: $mode', async ({ mode, warnings }) => {
    const p = h.prefix;
    await h.seed([{ name: `${p}here`, value: '{"k":"here-2b"}' }]);
    const result = await h.run(
      withRole({ 'secret-ids': [`HERE,${p}here#k`, `GONE,${p}gone`, `KEY,${p}here#absent`].join('\n'), 'on-missing': mode }),
    );

    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({ HERE: 'here-2b' });
    expect(result.warnings).toHaveLength(warnings * 2);
    expect(result.stdout).toContain(`Skipped 'GONE,${p}gone' (on-missing: ${mode}): BatchGetSecretValue for secret '${p}gone' in us-east-1 failed: ResourceNotFoundException`);
    expect(result.stdout).toContain(`Skipped 'KEY,${p}here#absent' (on-missing: ${mode}): the key 'absent' is not in '${p}here'`);
    expect(result.summary).toContain(`Skipped (on-missing): <code>GONE,${p}gone</code>`);
    h.expectNoLeaks(result, ['here-2b']);
  });

  it('still fails on a denial with on-missing: skip, exporting nothing', async () => {
    const p = h.prefix;
    await h.seed([{ name: `${p}ok`, value: 'ok-3c' }]);
    h.proxy.setInterceptor(({ operation }) =>
      operation === 'secretsmanager:GetSecretValue'
        ? { respond: { status: 400, body: '{"__type":"AccessDeniedException","message":"not allowed"}' } }
        : undefined,
    );
    const result = await h.run(withRole({ 'secret-ids': [`OK,${p}ok`, `PINNED,${p}ok?stage=AWSCURRENT`].join('\n'), 'on-missing': 'skip' }));

    expect(failureMessage(result)).toContain(`  - 'PINNED,${p}ok?stage=AWSCURRENT': GetSecretValue for secret '${p}ok' stage 'AWSCURRENT' in us-east-1 failed: AccessDeniedException: not allowed`);
    expect(result.env).toEqual({});
  });
});

describe('get-secrets audit trail', () => {
  it('lists every name with its source and version in the summary and the log, never a value', async () => {
    const p = h.prefix;
    const arns = await h.seed([
      { name: `${p}audit`, value: '{"user":"audit-user-4d","password":"audit-pw-4d"}' },
    ]);
    const result = await h.run(withRole({ 'secret-ids': `A,${p}audit`, 'parse-json-secrets': 'true' }));

    expect(result.exitCode).toBe(0);
    const rows = result.summary.split('\n').filter((line) => line.startsWith('| <code>'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`^\\| <code>A_USER</code> \\| <code>${p}audit#user</code> \\| <code>[0-9a-f-]{36} \\(AWSCURRENT\\)</code> \\| \\d{4}-\\d{2}-\\d{2}T`));
    expect(rows[1]).toMatch(new RegExp(`^\\| <code>A_PASSWORD</code> \\| <code>${p}audit#password</code> \\|`));
    expect(result.log).toContain(`A_USER ← ${p}audit#user @ `);
    expect(arns[`${p}audit`]).toBeDefined();
    h.expectNoLeaks(result, ['audit-user-4d', 'audit-pw-4d']);
  });
});
