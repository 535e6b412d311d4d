import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findLeaks } from './leak-check.js';
import { startOidcTokenServer } from './oidc-server.js';
import type { OidcTokenServer } from './oidc-server.js';
import { repoRoot } from './paths.js';
import { cleanupStepTempDirs, inputEnvName, runAction, runPostStep } from './runner.js';

const ACTION_YML = `name: fixture
description: A throwaway action for the runner emulator's tests
inputs:
  name:
    description: who to greet
    required: true
  with-default:
    description: has a default
    default: yes please
  my input:
    description: a name with a space
    default: spaced
  flag:
    description: a YAML boolean default
    default: false
  secret-value:
    description: a value to mask and export
  mode:
    description: ok, fail or hang
    default: ok
runs:
  using: node24
  main: dist/index.js
  post: dist/post.js
`;

// Only fs and crypto, writing what @actions/core 3.x writes.
const MAIN_JS = `import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
const put = (file, name, value) => {
  const d = 'ghadelimiter_' + randomUUID();
  appendFileSync(process.env[file], name + '<<' + d + '\\n' + value + '\\n' + d + '\\n');
};
const esc = (s) => s.replaceAll('%', '%25').replaceAll('\\r', '%0D').replaceAll('\\n', '%0A');
const secret = process.env['INPUT_SECRET-VALUE'] ?? '';
if (secret !== '') process.stdout.write('::add-mask::' + esc(secret) + '\\n');
console.log('name=' + process.env.INPUT_NAME + ' with-default=' + process.env['INPUT_WITH-DEFAULT'] + ' my-input=' + process.env.INPUT_MY_INPUT + ' flag=' + process.env.INPUT_FLAG);
console.log('cwd-is-workspace=' + (process.cwd() === process.env.GITHUB_WORKSPACE) + ' parent-only=' + (process.env.TESTKIT_PARENT_ONLY ?? 'absent') + ' ci=' + process.env.CI + ' repo=' + process.env.GITHUB_REPOSITORY);
console.log('secret is ' + secret.split('\\n')[0]);
console.log('::debug::debug line');
console.log('::warning title=W::careful%0Anow');
put('GITHUB_ENV', 'FIXTURE_SECRET', secret);
put('GITHUB_ENV', 'FIXTURE_PLAIN', 'plain value');
appendFileSync(process.env.GITHUB_ENV, 'FIXTURE_SIMPLE=a=b\\n');
put('GITHUB_OUTPUT', 'greeting', 'hello\\n' + process.env.INPUT_NAME);
put('GITHUB_STATE', 'exported', 'FIXTURE_SECRET,FIXTURE_PLAIN');
appendFileSync(process.env.GITHUB_STEP_SUMMARY, '### Fixture\\n');
appendFileSync(process.env.GITHUB_PATH, '/opt/fixture/bin\\n');
const mode = process.env.INPUT_MODE;
if (mode === 'fail') {
  console.log('::error::asked to fail');
  process.exitCode = 3;
} else if (mode === 'hang') {
  setInterval(() => {}, 1000);
}
`;

const POST_JS = `import { appendFileSync } from 'node:fs';
console.log('state=' + process.env.STATE_exported);
for (const name of process.env.STATE_exported.split(',')) {
  console.log(name + ' present=' + (process.env[name] !== undefined));
  appendFileSync(process.env.GITHUB_ENV, name + '=\\n');
}
console.log('step-env=' + process.env.STEP_ENV);
`;

describe('runAction', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'testkit-fixture-'));
    await mkdir(join(dir, 'dist'));
    await Promise.all([
      writeFile(join(dir, 'action.yml'), ACTION_YML),
      writeFile(join(dir, 'dist', 'index.js'), MAIN_JS),
      writeFile(join(dir, 'dist', 'post.js'), POST_JS),
    ]);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await cleanupStepTempDirs();
  });

  it('passes inputs as INPUT_* with the action.yml defaults for inputs not given', async () => {
    const result = await runAction({ actionDir: dir, inputs: { name: 'Mona', 'my input': 'given' } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('name=Mona with-default=yes please my-input=given flag=false');
  });

  it('runs in the workspace with a clean env: runner variables, not the parent process.env', async () => {
    vi.stubEnv('TESTKIT_PARENT_ONLY', 'leaked');
    try {
      const result = await runAction({ actionDir: dir, inputs: { name: 'x' }, env: { CI: undefined } });
      expect(result.stdout.split('\n')[1]).toBe('cwd-is-workspace=true parent-only=absent ci=undefined repo=octo-org/octo-repo');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('reads GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE, the summary and GITHUB_PATH', async () => {
    const result = await runAction({ actionDir: dir, inputs: { name: 'Mona', 'secret-value': 'top-secret-1\nsecond-line-2' } });
    expect(result.envEntries).toEqual([
      { name: 'FIXTURE_SECRET', value: 'top-secret-1\nsecond-line-2' },
      { name: 'FIXTURE_PLAIN', value: 'plain value' },
      { name: 'FIXTURE_SIMPLE', value: 'a=b' },
    ]);
    expect(result.env).toEqual({ FIXTURE_SECRET: 'top-secret-1\nsecond-line-2', FIXTURE_PLAIN: 'plain value', FIXTURE_SIMPLE: 'a=b' });
    expect(result.outputs).toEqual({ greeting: 'hello\nMona' });
    expect(result.state).toEqual({ exported: 'FIXTURE_SECRET,FIXTURE_PLAIN' });
    expect(result.summary).toBe('### Fixture\n');
    expect(result.paths).toEqual(['/opt/fixture/bin']);
  });

  it('collects masks, annotations and debug lines, and renders the log as the runner would', async () => {
    const result = await runAction({ actionDir: dir, inputs: { name: 'Mona', 'secret-value': 'top-secret-1\nsecond-line-2' } });
    expect(result.masks).toEqual(['top-secret-1\nsecond-line-2', 'top-secret-1', 'second-line-2']);
    expect(result.warnings).toEqual(['careful\nnow']);
    expect(result.debugLines).toEqual(['debug line']);
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => c.command)).toEqual(['add-mask', 'debug', 'warning']);
    expect(result.log).toBe(
      [
        'name=Mona with-default=yes please my-input=spaced flag=false',
        'cwd-is-workspace=true parent-only=absent ci=true repo=octo-org/octo-repo',
        'secret is ***',
        '##[warning]careful\nnow',
        '',
      ].join('\n'),
    );
  });

  it('runs the post step with STATE_*, the env exported by main and the step env on top', async () => {
    const options = { actionDir: dir, inputs: { name: 'Mona', 'secret-value': 's3cr3t-value' }, env: { STEP_ENV: 'from-step' } };
    const main = await runAction(options);
    const post = await runPostStep(options, main);
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toBe('state=FIXTURE_SECRET,FIXTURE_PLAIN\nFIXTURE_SECRET present=true\nFIXTURE_PLAIN present=true\nstep-env=from-step\n');
    expect(post.env).toEqual({ FIXTURE_SECRET: '', FIXTURE_PLAIN: '' });
    expect(post.tempDir).not.toBe(main.tempDir);
  });

  it('reports a non-zero exit code and the ::error message', async () => {
    const result = await runAction({ actionDir: dir, inputs: { name: 'Mona', mode: 'fail' } });
    expect(result.exitCode).toBe(3);
    expect(result.signal).toBeNull();
    expect(result.errors).toEqual(['asked to fail']);
  });

  it('refuses NODE_OPTIONS from GITHUB_ENV as the runner does', async () => {
    const nodeOptionsDir = await mkdtemp(join(tmpdir(), 'testkit-fixture-'));
    try {
      await writeFile(join(nodeOptionsDir, 'action.yml'), 'name: n\nruns:\n  using: node20\n  main: main.js\n');
      await writeFile(join(nodeOptionsDir, 'main.js'), "import { appendFileSync } from 'node:fs';\nappendFileSync(process.env.GITHUB_ENV, 'NODE_OPTIONS=--require ./x.js\\nOK=1\\n');\n");
      const result = await runAction({ actionDir: nodeOptionsDir });
      expect(result.env).toEqual({ OK: '1' });
      expect(result.runnerErrors).toEqual(["Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command."]);
    } finally {
      await rm(nodeOptionsDir, { recursive: true, force: true });
    }
  });

  it('fails loudly on an input that action.yml does not declare', async () => {
    await expect(runAction({ actionDir: dir, inputs: { name: 'x', 'secret-ids': 'typo' } })).rejects.toThrow(
      "fixture: input 'secret-ids' is not declared in action.yml (declared: name, with-default, my input, flag, secret-value, mode)",
    );
  });

  it('kills a step that outlives its timeout and says so', async () => {
    await expect(runAction({ actionDir: dir, inputs: { name: 'x', mode: 'hang' }, timeoutMs: 1_000 })).rejects.toThrow(
      /^fixture \(main step, dist\/index\.js\) did not finish within 1000 ms and was killed\./,
    );
  });

  it('refuses an action that does not run on node20 or node24', async () => {
    const oldDir = await mkdtemp(join(tmpdir(), 'testkit-fixture-'));
    try {
      await writeFile(join(oldDir, 'action.yml'), 'name: old\nruns:\n  using: node16\n  main: index.js\n');
      await expect(runAction({ actionDir: oldDir })).rejects.toThrow(/runs\.using must be node20 or node24, got "node16"$/);
    } finally {
      await rm(oldDir, { recursive: true, force: true });
    }
  });
});

describe('inputEnvName', () => {
  it.each([
    { name: 'secret-ids', expected: 'INPUT_SECRET-IDS' },
    { name: 'my input', expected: 'INPUT_MY_INPUT' },
    { name: 'awsRegion', expected: 'INPUT_AWSREGION' },
  ])('maps $name to $expected', ({ name, expected }) => {
    expect(inputEnvName(name)).toBe(expected);
  });
});

describe('runAction with the real @actions/core', () => {
  let fixtureDir: string;
  let oidc: OidcTokenServer;
  beforeAll(async () => {
    oidc = await startOidcTokenServer();
    fixtureDir = await mkdtemp(join(tmpdir(), 'testkit-core-fixture-'));
    // A node_modules link lets the fixture import @actions/core from the workspace, as ncc would
    // have bundled it, while the fixture stays out of the repository (and out of ESLint's way).
    await symlink(join(repoRoot(), 'node_modules'), join(fixtureDir, 'node_modules'), 'dir');
    await Promise.all([
      writeFile(join(fixtureDir, 'action.yml'), 'name: core-fixture\ninputs:\n  value:\n    description: v\nruns:\n  using: node24\n  main: main.js\n  post: post.js\n'),
      writeFile(
        join(fixtureDir, 'main.js'),
        [
          "import * as core from '@actions/core';",
          "const value = core.getInput('value');",
          "const token = await core.getIDToken('sts.amazonaws.com');",
          'core.setSecret(value);',
          "core.exportVariable('CORE_VALUE', value);",
          "core.setOutput('token-length', String(token.length));",
          "core.saveState('names', 'CORE_VALUE');",
          "core.warning('50% done\\nnext');",
          "core.info('value is ' + value);",
        ].join('\n'),
      ),
      writeFile(join(fixtureDir, 'post.js'), "import * as core from '@actions/core';\ncore.exportVariable(core.getState('names'), '');\n"),
    ]);
  });
  afterAll(async () => {
    await oidc.stop();
    await rm(fixtureDir, { recursive: true, force: true });
    await cleanupStepTempDirs();
  });

  it('reads exportVariable, setOutput, saveState, setSecret and getIDToken as the runner does', async () => {
    const value = 'core-secret-A1\ncore-secret-B2';
    const options = { actionDir: fixtureDir, inputs: { value }, env: oidc.env() };
    const main = await runAction(options);
    expect(main.exitCode).toBe(0);
    expect(main.env).toEqual({ CORE_VALUE: value });
    expect(main.outputs).toEqual({ 'token-length': String(oidc.tokensIssued[0]!.length) });
    expect(main.state).toEqual({ names: 'CORE_VALUE' });
    // getIDToken masks the token before returning it.
    expect(main.masks).toEqual([oidc.tokensIssued[0], value, 'core-secret-A1', 'core-secret-B2']);
    expect(main.warnings).toEqual(['50% done\nnext']);
    expect(oidc.requests).toEqual([{ audience: 'sts.amazonaws.com', authorized: true }]);
    expect(main.log).toBe('##[warning]50% done\nnext\nvalue is ***\n***\n');
    expect(findLeaks(main, oidc.tokensIssued)).toEqual([]);
    // core.info printed the value: the runner masks it, but the leak check still reports both lines.
    const printedAt = main.stdout.split('\n').indexOf('value is core-secret-A1') + 1;
    expect(findLeaks(main, [value])).toEqual([
      `secret #0 appears in stdout line ${printedAt} (masked in the job log)`,
      `secret #0 appears in stdout line ${printedAt + 1} (masked in the job log)`,
    ]);

    const post = await runPostStep(options, main);
    expect(post.env).toEqual({ CORE_VALUE: '' });
  });
});

describe('cleanupStepTempDirs', () => {
  it('removes the temp dirs of the steps this process ran', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'testkit-fixture-'));
    try {
      await writeFile(join(dir, 'action.yml'), 'name: t\nruns:\n  using: node20\n  main: main.js\n');
      await writeFile(join(dir, 'main.js'), '');
      const result = await runAction({ actionDir: dir });
      expect(existsSync(join(result.tempDir, 'env'))).toBe(true);
      await cleanupStepTempDirs();
      expect(existsSync(result.tempDir)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
