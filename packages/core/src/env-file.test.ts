import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { checkEnvFilePath, removePrivateFile, writeNewPrivateFile, type EnvFileRoots } from './env-file.js';

let root: string;
let workspace: string;
let runnerTemp: string;
let outside: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'env-file-test-')));
  workspace = join(root, 'workspace');
  runnerTemp = join(root, 'runner-temp');
  outside = join(root, 'outside');
  for (const dir of [workspace, runnerTemp, outside]) mkdirSync(dir);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but none was thrown');
}

describe('checkEnvFilePath', () => {
  const check = (raw: string, roots: EnvFileRoots = { workspace, runnerTemp }): string => checkEnvFilePath('env-file', raw, roots);

  function expectRefused(raw: string, problem: string, roots: EnvFileRoots = { workspace, runnerTemp }): void {
    const error = thrown(() => check(raw, roots));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toHaveProperty('message', `Input 'env-file' '${raw}': ${problem}.`);
  }

  const OUTSIDE = 'it must be inside the workspace (GITHUB_WORKSPACE) or the runner temp dir (RUNNER_TEMP)';
  const EXISTS = 'the file already exists (or is a link); give a path to a new file';
  const NO_DIRECTORY = 'its directory does not exist';

  it('resolves a relative path inside the workspace', () => {
    mkdirSync(join(workspace, 'out'));
    expect(check('secrets.env')).toBe(join(workspace, 'secrets.env'));
    expect(check('out/secrets.env')).toBe(join(workspace, 'out', 'secrets.env'));
    expect(check('./out/../secrets.env')).toBe(join(workspace, 'secrets.env'));
  });

  it('accepts an absolute path inside the workspace or RUNNER_TEMP', () => {
    expect(check(join(workspace, 'a.env'))).toBe(join(workspace, 'a.env'));
    expect(check(join(runnerTemp, 'b.env'))).toBe(join(runnerTemp, 'b.env'));
  });

  it('accepts a directory inside the workspace reached through a link that stays inside, returning the real path', () => {
    mkdirSync(join(workspace, 'real'));
    symlinkSync(join(workspace, 'real'), join(workspace, 'alias'));
    expect(check('alias/secrets.env')).toBe(join(workspace, 'real', 'secrets.env'));
  });

  it('accepts a path when the workspace root itself is given through a link', () => {
    const linkedWorkspace = join(root, 'linked-workspace');
    symlinkSync(workspace, linkedWorkspace);
    expect(check('secrets.env', { workspace: linkedWorkspace, runnerTemp: undefined })).toBe(join(workspace, 'secrets.env'));
  });

  it('refuses a path outside both roots', () => {
    expectRefused(join(outside, 'secrets.env'), OUTSIDE);
    expectRefused('../outside/secrets.env', OUTSIDE);
    expectRefused('/tmp/secrets.env', OUTSIDE);
  });

  it('refuses RUNNER_TEMP when it is not set', () => {
    expectRefused(join(runnerTemp, 'b.env'), OUTSIDE, { workspace, runnerTemp: undefined });
    expectRefused(join(runnerTemp, 'b.env'), OUTSIDE, { workspace, runnerTemp: '' });
  });

  it('refuses a sibling directory whose name starts with the workspace name', () => {
    mkdirSync(`${workspace}-evil`);
    expectRefused(`${workspace}-evil/secrets.env`, OUTSIDE);
  });

  it('refuses an existing file', () => {
    writeFileSync(join(workspace, 'exists.env'), 'old');
    expectRefused('exists.env', EXISTS);
    expect(readFileSync(join(workspace, 'exists.env'), 'utf8')).toBe('old');
  });

  it('refuses an existing directory', () => {
    mkdirSync(join(workspace, 'dir.env'));
    expectRefused('dir.env', 'it is a directory; give a path to a new file');
  });

  it('refuses a link at the path, even a dangling one', () => {
    symlinkSync(join(outside, 'target.env'), join(workspace, 'dangling.env'));
    expectRefused('dangling.env', EXISTS);
    writeFileSync(join(workspace, 'real.env'), '');
    symlinkSync(join(workspace, 'real.env'), join(workspace, 'link.env'));
    expectRefused('link.env', EXISTS);
  });

  it('refuses a directory that is a link escaping the workspace', () => {
    symlinkSync(outside, join(workspace, 'escape'));
    expectRefused('escape/secrets.env', OUTSIDE);
  });

  it('refuses a path whose directory does not exist', () => {
    expectRefused('missing/secrets.env', NO_DIRECTORY);
    expectRefused(join(runnerTemp, 'missing', 'secrets.env'), NO_DIRECTORY);
  });

  it('neutralises a path that looks like a workflow command in its message', () => {
    const error = thrown(() => check('::add-mask::x/secrets.env'));
    expect(error).toHaveProperty('message', `Input 'env-file' '\\::add-mask::x/secrets.env': ${NO_DIRECTORY}.`);
  });
});

describe('writeNewPrivateFile', () => {
  it('creates the file with mode 0600 and the exact content', () => {
    const path = join(workspace, 'secrets.env');
    writeNewPrivateFile(path, "A='x'\nB='é\n'\n");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe("A='x'\nB='é\n'\n");
  });

  it('refuses an existing file and leaves it unchanged', () => {
    const path = join(workspace, 'exists.env');
    writeFileSync(path, 'old', { mode: 0o644 });
    expect(thrown(() => {
      writeNewPrivateFile(path, 'new');
    })).toHaveProperty('code', 'EEXIST');
    expect(readFileSync(path, 'utf8')).toBe('old');
  });

  it('never writes through a link planted at the path, even a dangling one', () => {
    const target = join(outside, 'target.env');
    const link = join(workspace, 'link.env');
    symlinkSync(target, link);
    expect(thrown(() => {
      writeNewPrivateFile(link, 'secret');
    })).toHaveProperty('code', 'EEXIST');
    expect(existsSync(target)).toBe(false);
  });
});

describe('removePrivateFile', () => {
  it('removes a file it wrote', () => {
    const path = join(workspace, 'secrets.env');
    writeNewPrivateFile(path, 'x');
    expect(removePrivateFile(path)).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a link put at the path since, leaving the link and its target', () => {
    const target = join(outside, 'keep.env');
    writeFileSync(target, 'keep');
    const link = join(workspace, 'secrets.env');
    symlinkSync(target, link);
    expect(removePrivateFile(link)).toBe(false);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('keep');
  });

  it('refuses a dangling link, a directory, an absent path and a relative path', () => {
    symlinkSync(join(outside, 'gone.env'), join(workspace, 'dangling.env'));
    expect(removePrivateFile(join(workspace, 'dangling.env'))).toBe(false);
    expect(lstatSync(join(workspace, 'dangling.env')).isSymbolicLink()).toBe(true);
    mkdirSync(join(workspace, 'dir.env'));
    expect(removePrivateFile(join(workspace, 'dir.env'))).toBe(false);
    expect(existsSync(join(workspace, 'dir.env'))).toBe(true);
    expect(removePrivateFile(join(workspace, 'absent.env'))).toBe(false);
    writeFileSync(join(workspace, 'relative.env'), 'x');
    expect(removePrivateFile('relative.env')).toBe(false);
    expect(existsSync(join(workspace, 'relative.env'))).toBe(true);
  });
});
