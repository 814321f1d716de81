import * as fs from 'node:fs';
import { relative, isAbsolute } from 'node:path';

/**
 * Reading a file a suite names (`$ref`): a suite from someone else must not make the tool read
 * `/etc/passwd` into a diagnostic, or `/dev/zero` until memory runs out. Only a regular file inside
 * one of the allowed folders (symbolic links resolved first), no larger than a cap, is read.
 */

/** The largest file a `$ref` may name: far above any schema, far below a memory problem. */
export const MAX_REF_BYTES = 1024 * 1024;

/** The file's text, or why it was not read (words fit for a diagnostic: never the file's content). */
export type ConfinedRead = { text: string } | { problem: string; missing?: true };

/** Whether `file` lies inside `root` (both real paths). */
function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Reads `file` as UTF-8 when it is a regular file of at most `maxBytes`, inside one of `roots`
 * (each resolved to its real path; `undefined`: anywhere).
 */
export function readConfinedFile(file: string, roots: readonly string[] | undefined, maxBytes: number = MAX_REF_BYTES): ConfinedRead {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { problem: 'does not exist', missing: true } : { problem: `cannot be read (${code ?? 'error'})` };
  }
  if (roots !== undefined) {
    const realRoots = roots.flatMap((r) => {
      try {
        return [fs.realpathSync(r)];
      } catch {
        return [];
      }
    });
    if (!realRoots.some((r) => inside(r, real))) return { problem: 'lies outside the project and the folder of the suites; a $ref may only name files inside them' };
  }
  let fd: number;
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { problem: 'is not a regular file' };
    if (st.size > maxBytes) return { problem: `is larger than ${maxBytes} bytes` };
    // Read at most one byte past the cap, whatever the size claimed: the file may grow meanwhile.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = fs.readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    if (length > maxBytes) return { problem: `is larger than ${maxBytes} bytes` };
    return { text: buffer.subarray(0, length).toString('utf8') };
  } catch (e) {
    return { problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Why a text is not JSON, without quoting it: V8's message for an unexpected token shows the
 * text's first characters (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`), so a
 * message holding a quote is replaced by one that says only where.
 */
export function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!/["'`]/.test(message)) return message;
  const at = /at position (\d+)/.exec(message);
  return at ? `it is not valid JSON at position ${at[1]}` : 'it is not valid JSON';
}
