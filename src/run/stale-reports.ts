import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { reporters } from '../report/index.js';

/** Every report gsc writes names the tool in its first bytes; a file without it is not ours. */
const SIGNATURE = 'graph-sync-conformance';
const HEAD_BYTES = 64 * 1024;

/**
 * Removes from the report folder the files an earlier run's other reporters wrote, so the folder
 * holds only this run's reports. Only the known report file names of reporters not in this run,
 * and only when the file names gsc in its head: a file the tool did not write is never touched,
 * nor the ledger. Returns the names removed.
 */
export function removeStaleReports(outDir: string, active: readonly string[]): string[] {
  const removed: string[] = [];
  for (const [name, entry] of Object.entries(reporters)) {
    if (!entry.file || active.includes(name)) continue;
    const path = join(outDir, entry.file);
    if (!writtenByGsc(path)) continue;
    rmSync(path, { force: true });
    removed.push(entry.file);
  }
  return removed;
}

function writtenByGsc(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n).toString('utf8').includes(SIGNATURE);
  } finally {
    closeSync(fd);
  }
}
