import * as fs from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Every file the tool writes (reports, the ledger) goes through here, because a report folder may
 * hold what someone else planted: a symbolic link named `results.ndjson` pointing at a file of
 * the user's would otherwise be truncated, and one named `ledger.jsonl` appended to. A link is
 * never followed (`O_NOFOLLOW`), and the file opened must be a regular file with no other name.
 */

/** Refused: the path is a symbolic link, not a regular file, or a hard link to another file. */
export class UnsafeFileError extends Error {
  constructor(
    /** The file refused. */
    readonly file: string,
    reason: string,
  ) {
    super(`refusing to write ${file}: ${reason}; remove it, or choose another output folder`);
    this.name = 'UnsafeFileError';
  }
}

const C = fs.constants;
// Windows has no O_NOFOLLOW: there an lstat before the open stands in for it.
const NOFOLLOW = C.O_NOFOLLOW ?? 0;

/** How a file is opened: replaced from scratch, or appended to (and readable, for the ledger's torn-line check). */
export type OpenMode = 'truncate' | 'append';

/**
 * Opens `file` for writing without following a symbolic link, creating it (and its folder) when
 * missing. Returns the file descriptor.
 * @throws UnsafeFileError for a symbolic link, a non-regular file or a file with several names;
 *   the system's error otherwise.
 */
export function openNoFollow(file: string, mode: OpenMode): number {
  fs.mkdirSync(dirname(file), { recursive: true });
  refuseLink(file);
  const flags = C.O_CREAT | NOFOLLOW | (mode === 'append' ? C.O_RDWR | C.O_APPEND : C.O_WRONLY);
  let fd: number;
  try {
    fd = fs.openSync(file, flags, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new UnsafeFileError(file, 'it is a symbolic link');
    throw err;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new UnsafeFileError(file, 'it is not a regular file');
    if (st.nlink > 1) throw new UnsafeFileError(file, `it is a hard link (${st.nlink} names) to a file elsewhere`);
    // Truncate only after the checks: opening with O_TRUNC would empty a hard-linked victim first.
    if (mode === 'truncate') fs.ftruncateSync(fd, 0);
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  return fd;
}

/**
 * Writes `content` to `dir/name` whole or not at all: a fresh temp file (created exclusively, so
 * no planted link is followed), then a rename, which replaces a link itself, never its target.
 * Creates the folder. Failures become an Error naming the file and the cause, fit to show as is.
 */
export async function writeFileSafely(dir: string, name: string, content: string): Promise<string> {
  const path = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await fs.promises.mkdir(dirname(path), { recursive: true });
    const handle = await fs.promises.open(temp, C.O_WRONLY | C.O_CREAT | C.O_EXCL | NOFOLLOW, 0o644);
    try {
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, path);
    return path;
  } catch (e) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    const cause = e instanceof Error ? e.message : String(e);
    throw new Error(`cannot write ${path}: ${cause}; check that the folder is writable, or choose another output folder`);
  }
}

function refuseLink(file: string): void {
  try {
    if (fs.lstatSync(file).isSymbolicLink()) throw new UnsafeFileError(file, 'it is a symbolic link');
  } catch (err) {
    if (err instanceof UnsafeFileError) throw err;
    // Missing: O_CREAT makes it.
  }
}
