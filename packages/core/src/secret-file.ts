import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigurationError } from './errors.js';
import { quote } from './log-safe.js';

/** Where a secret file may come from, and how large it may be. */
export interface SecretFileOptions {
  /** `GITHUB_WORKSPACE`: relative paths start here, and symlinks may not lead out of it. */
  readonly workspace: string;
  /** Refused before reading when the file is larger. */
  readonly maxBytes: number;
  /** Ends the too-large message, e.g. the service limit. */
  readonly limitExplanation: string;
}

/**
 * Whether `path` is `directory` or lies below it (both absolute and resolved).
 *
 * @example
 * isInsideDirectory('/work/repo/certs/key.pem', '/work/repo') // true
 * isInsideDirectory('/work/repo-other/key.pem', '/work/repo') // false
 */
export function isInsideDirectory(path: string, directory: string): boolean {
  const rel = relative(directory, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Reads a file that holds a secret as UTF-8 text (a leading byte-order
 * mark dropped). Refuses, before reading: a missing file; anything but a
 * regular file; a path that goes through a symlink resolving outside the
 * workspace (a checked-out pull request could otherwise point a link at
 * the runner's own files); a file over `maxBytes`. Refuses bytes that are
 * not valid UTF-8 rather than storing mangled text. Messages name the path,
 * never the contents.
 */
export async function readSecretFile(input: string, path: string, options: SecretFileOptions): Promise<string> {
  const fail = (problem: string): never => {
    throw new ConfigurationError(`Input '${input}' ${quote(path)}: ${problem}`);
  };
  const absolute = resolve(options.workspace, path);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      code !== 'ENOENT' && code !== 'ENOTDIR'
        ? `cannot be read (${code ?? 'unknown error'}).`
        : isAbsolute(path)
          ? 'no such file.'
          : `no such file (relative paths start at the workspace ${quote(options.workspace)}).`,
    );
  }
  if (real !== absolute) {
    const workspace = await realpath(options.workspace).catch(() => options.workspace);
    if (!isInsideDirectory(real, workspace)) {
      fail('is a symlink, or lies under one, that resolves outside the workspace; refusing to read it. Give the path of the file itself.');
    }
  }

  // O_NOFOLLOW: the path was resolved above; if a link appeared since, opening fails rather than following it.
  // O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused below as not a regular file.
  // Both are undefined on Windows, whatever the typings say.
  const optional = constants as Partial<typeof constants>;
  const flags = constants.O_RDONLY | (optional.O_NOFOLLOW ?? 0) | (optional.O_NONBLOCK ?? 0);
  const handle = await open(real, flags).catch((error: unknown) =>
    fail(`cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`),
  );
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) fail('is not a regular file.');
    if (stats.size > options.maxBytes) fail(`is ${stats.size} bytes; ${options.limitExplanation}`);
    const bytes = await handle.readFile();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return fail("is not valid UTF-8 text; store binary data with 'secret-binary' (base64).");
    }
  } finally {
    await handle.close();
  }
}
