import * as fs from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Takes the next piece of a file being written. */
export type Write = (piece: string | Uint8Array) => void;

/** Pieces are written to the file in batches of about this many bytes. */
const BATCH_BYTES = 256 * 1024;

/**
 * Writes a report file whole or not at all (a temp file in the same folder, then a rename), so a
 * CI step never reads half a file from a crashed or concurrent run, and never through a symbolic
 * link planted in the folder. Creates the folder. `render` hands it the content piece by piece
 * and no more than a batch of pieces is held at once, so a report of any length (a run of
 * 100,000 cases) is never one string. Failures to write become an Error that names the file and
 * the cause, fit to show as is; an error of `render` itself is passed on as it is.
 */
export async function writeFileInPieces(dir: string, name: string, render: (write: Write) => void | Promise<void>): Promise<string> {
  const path = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(dirname(path), { recursive: true });
    const C = fs.constants;
    fd = fs.openSync(temp, C.O_WRONLY | C.O_CREAT | C.O_EXCL | (C.O_NOFOLLOW ?? 0), 0o644);
    const out = fd;
    let batch: Array<string | Uint8Array> = [];
    let bytes = 0;
    let writeFailure: unknown;
    const flush = (): void => {
      const data = Buffer.concat(batch.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece)));
      try {
        for (let done = 0; done < data.length; ) done += fs.writeSync(out, data, done, data.length - done);
      } catch (err) {
        writeFailure = err;
        throw err;
      }
      batch = [];
      bytes = 0;
    };
    try {
      await render((piece) => {
        batch.push(piece);
        bytes += piece.length;
        if (bytes >= BATCH_BYTES) flush();
      });
    } catch (err) {
      // Not the file's fault: passed on as it is, once the temp file is gone.
      throw err === writeFailure ? err : new RenderError(err);
    }
    flush();
    fs.closeSync(out);
    fd = undefined;
    fs.renameSync(temp, path);
    return path;
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The folder itself is unusable: there is no temp file.
    }
    if (e instanceof RenderError) throw e.cause;
    const cause = e instanceof Error ? e.message : String(e);
    throw new Error(`cannot write ${path}: ${cause}; check that the folder is writable, or choose another output folder`);
  }
}

class RenderError extends Error {
  constructor(override readonly cause: unknown) {
    super('render failed');
  }
}

export { openNoFollow, UnsafeFileError } from '../common/safe-file.js';

/**
 * Appends text to a file another tool owns (GitHub's step summary), creating it when missing.
 * Failures become an Error that names the file and the cause, fit to show as is.
 */
export async function appendFileText(path: string, content: string): Promise<void> {
  try {
    await appendFile(path, content, 'utf8');
  } catch (e) {
    const cause = e instanceof Error ? e.message : String(e);
    throw new Error(`cannot append to ${path}: ${cause}; check the path the environment gives`);
  }
}
