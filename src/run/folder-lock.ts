import * as fs from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './exit-codes.js';
import { processAlive } from '../common/process-alive.js';

/** The lock file a run keeps in its report folder while it writes there. */
export const LOCK_FILE = '.gsc-run.lock';

/** Who holds a report folder: written into the lock file as JSON. */
interface Holder {
  pid: number;
  startedAt: string;
}

/** A held lock; `release` removes it (twice is harmless). */
export interface FolderLock {
  readonly file: string;
  release(): void;
}

/**
 * Takes the report folder `dir` for this run, so two runs sharing one `--out` cannot interleave
 * their report files. The lock file holds the process id and start time; a lock whose process is
 * gone (a run that was killed) is stale and taken over.
 * @throws UsageError (exit 2) naming the run that holds the folder.
 */
export function lockFolder(dir: string, flag: string, now: () => Date = () => new Date()): FolderLock {
  const file = join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, startedAt: now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      // Exclusive and never through a link: a planted lock file is someone else's, not ours to follow.
      fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new UsageError(`${flag}: cannot lock ${dir} (${(err as Error).message}); choose a writable output folder`);
      const holder = readHolder(file);
      if (holder && processAlive(holder.pid)) {
        throw new UsageError(`${flag}: ${dir} is in use by another gsc run (pid ${holder.pid}, started ${holder.startedAt}); wait for it to end, or give this run another --out`);
      }
      // Stale (its process is gone) or unreadable (torn by a crash while written): take it over.
      fs.rmSync(file, { force: true });
      continue;
    }
    fs.writeSync(fd, `${JSON.stringify(me)}\n`);
    fs.closeSync(fd);
    let released = false;
    return {
      file,
      release() {
        if (released) return;
        released = true;
        // Only our own lock: a run that took over a lock it thought stale must not lose it to us.
        if (readHolder(file)?.pid === me.pid) fs.rmSync(file, { force: true });
      },
    };
  }
  throw new UsageError(`${flag}: cannot lock ${dir}: another run keeps taking it; try again`);
}

function readHolder(file: string): Holder | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0 ? { pid: value.pid, startedAt: String(value.startedAt) } : undefined;
  } catch {
    return undefined;
  }
}

