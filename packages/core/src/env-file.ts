import { closeSync, existsSync, lstatSync, openSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigurationError } from './errors.js';
import { quote } from './log-safe.js';

/** Where a secrets file may be written: the workspace and the runner's temp dir. */
export interface EnvFileRoots {
  readonly workspace: string;
  readonly runnerTemp: string | undefined;
}

/**
 * Checks an `env-file` path before any AWS call and returns it absolute. It
 * must be new (never an existing file or a link), and its directory must
 * exist and lie, after resolving links, inside the workspace or the runner's
 * temp dir.
 */
export function checkEnvFilePath(input: string, raw: string, roots: EnvFileRoots): string {
  const path = resolve(roots.workspace, raw);
  const fail = (problem: string): never => {
    throw new ConfigurationError(`Input '${input}' ${quote(raw)}: ${problem}.`);
  };
  if (isDirectory(path)) fail('it is a directory; give a path to a new file');
  if (existsOrIsLink(path)) fail('the file already exists (or is a link); give a path to a new file');
  let directory: string;
  try {
    directory = realpathSync(dirname(path));
  } catch {
    return fail('its directory does not exist');
  }
  const allowed = [roots.workspace, roots.runnerTemp].filter((root): root is string => root !== undefined && root !== '');
  if (!allowed.some((root) => isInside(directory, realpathOrSelf(root)))) {
    fail('it must be inside the workspace (GITHUB_WORKSPACE) or the runner temp dir (RUNNER_TEMP)');
  }
  return resolve(directory, relative(dirname(path), path));
}

/**
 * Writes `content` to a new file readable by the owner only (0600), with an
 * exclusive create, so an existing file or a link planted at the path is
 * never followed or overwritten. A write that fails half-way removes the
 * file it created, so no partial secrets file is left behind.
 */
export function writeNewPrivateFile(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, content);
  } catch (error) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw error;
  }
  closeSync(fd);
}

/** Removes a file written by `writeNewPrivateFile` (not a link put there since). */
export function removePrivateFile(path: string): boolean {
  if (!isAbsolute(path) || !existsOrIsLink(path) || !lstatSync(path).isFile()) return false;
  rmSync(path);
  return true;
}

function existsOrIsLink(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return existsSync(path);
  }
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}
