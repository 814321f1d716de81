import { randomUUID } from 'node:crypto';
import { redactSecrets } from '../../common/redact.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openNoFollow } from '../../common/safe-file.js';
import { compactLines } from './compact.js';
import { lastSegment, LEDGER_VERSION, type LedgerEntry } from './entries.js';
import { processAlive } from '../../common/process-alive.js';

/** Who writes to the ledger. */
export interface LedgerOptions {
  /** Written on every line, so records of several runs can share a file. */
  runId: string;
  /** The target base URL; recorded on `deleted` and `gone` lines. */
  target: string;
  /** Clock for the `time` field. @default () => new Date() */
  now?: () => Date;
  /**
   * After this many settling records (deleted, gone, rejected), the file is compacted: settled
   * history is dropped, open jobs are kept (see `compactLines`), so a soak of any length keeps
   * the ledger to the jobs still open plus at most this much history. 0 never compacts.
   * @default 200
   */
  compactAfter?: number;
  /**
   * When a record reaches the disk. `each`: every `record*` call syncs (`fsync`) before it
   * returns. `group`: a record is written when the call returns and synced by the next group
   * commit: `synced()` resolves once everything written before it is on disk, and records
   * written while a sync is under way share the next one, so concurrent writers pay for one
   * sync between them instead of one each, off the event loop.
   * @default 'each'
   */
  durability?: 'each' | 'group';
}

/** The ledger could not be opened or written; `message` names the file and the cause. */
export class LedgerError extends Error {
  constructor(
    message: string,
    /** The system error code (`EACCES`, `ENOSPC`…), when there is one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

type Body<E> = E extends LedgerEntry ? Omit<E, 'v' | 'time' | 'runId'> : never;

/**
 * A crash-safe, append-only record of what a run creates, one JSON object per line.
 * Every `record*` call has reached the disk when it returns (`fsync`), or with `durability:
 * 'group'` when `synced()` resolves, so a run killed right after can still be cleaned up. Several processes may append to one file: each line is a single
 * `O_APPEND` write, which local filesystems do not interleave (network filesystems may).
 */
export class Ledger {
  private fd: number | undefined;
  /** Settling records since the last compaction. */
  private settled = 0;
  /** This writer's marker beside the file: compaction waits while another writer has one. */
  private marker: string | undefined;
  /** Records written so far, and how many of them a completed sync covers (group durability). */
  private written = 0;
  private syncedUpTo = 0;
  /** The sync under way, if any: it covers the records written before it began. */
  private syncing: Promise<void> | undefined;
  private waiters: Array<{ upTo: number; resolve: () => void; reject: (err: unknown) => void }> = [];

  private constructor(
    /** The file written to. */
    readonly file: string,
    private readonly options: LedgerOptions,
    fd: number,
  ) {
    this.fd = fd;
  }

  /**
   * Opens `file` for appending, creating it (and its folder) when missing.
   * @throws LedgerError when the file cannot be opened or written.
   */
  static open(file: string, options: LedgerOptions): Ledger {
    const fd = guard(file, 'open', () => {
      const existed = fs.existsSync(file);
      // Never through a symbolic link: a planted `ledger.jsonl` link must not append to its target.
      const fd = openNoFollow(file, 'append');
      if (!existed) syncFolder(file);
      return fd;
    });
    const ledger = new Ledger(file, options, fd);
    ledger.marker = writerMarker(file);
    try {
      // A crash mid-write leaves a last line without its newline; end it so the next record
      // starts on a line of its own instead of gluing onto the torn one.
      const torn = guard(file, 'read', () => {
        const size = fs.fstatSync(fd).size;
        const last = Buffer.alloc(1);
        return size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
      });
      if (torn) ledger.write('\n');
    } catch (err) {
      ledger.close();
      throw err;
    }
    return ledger;
  }

  /**
   * Records a create about to be sent, with the ids the collection listed just before it, or
   * without `existingIds` when that listing failed (see `IntentEntry.existingIds`).
   * Call it before sending; the returned id links the outcome to it.
   */
  recordIntent(intent: { target: string; collectionPath: string; servicePrincipalId: string; templateId?: string; existingIds?: string[] }): string {
    const intentId = randomUUID();
    const { target, collectionPath, servicePrincipalId, templateId, existingIds } = intent;
    this.append({ type: 'intent', intentId, target, collectionPath, servicePrincipalId, templateId, ...(existingIds ? { existingIds: [...existingIds] } : {}) });
    return intentId;
  }

  /**
   * Records a create's answer: the job `id` at `path` (the path to DELETE, ending in the id).
   * @throws RangeError when `path` does not end in `id`: cleanup would delete the wrong thing.
   */
  recordCreated(created: { intentId: string; target: string; path: string; id: string }): void {
    if (lastSegment(created.path) !== created.id) {
      throw new RangeError(`the path to delete must end in the job id: \`${created.path}\` does not end in \`${created.id}\``);
    }
    const { intentId, target, path, id } = created;
    this.append({ type: 'created', intentId, target, path, id });
  }

  /** Records that the create answered a 4xx, so it created nothing. Not for 5xx or timeouts: those may have. */
  recordRejected(rejected: { intentId: string; status: number }): void {
    this.append({ type: 'rejected', intentId: rejected.intentId, status: rejected.status });
    this.settle();
  }

  /** Records a DELETE that succeeded. */
  recordDeleted(removed: { path: string; id: string }): void {
    this.append({ type: 'deleted', target: this.options.target, path: removed.path, id: removed.id });
    this.settle();
  }

  /** Records a DELETE that answered 404: someone else removed it already. */
  recordGone(removed: { path: string; id: string }): void {
    this.append({ type: 'gone', target: this.options.target, path: removed.path, id: removed.id });
    this.settle();
  }

  /** Appends a line of any type and returns it as written; the `record*` methods are the usual way in. */
  append(body: Body<LedgerEntry>): LedgerEntry {
    const now = (this.options.now ?? (() => new Date()))();
    const { type, ...fields } = body;
    const entry = { v: LEDGER_VERSION, type, time: now.toISOString(), runId: this.options.runId, ...fields } as LedgerEntry;
    // A template id or path that holds a secret is written without it: the ledger is an output too.
    this.write(`${redactSecrets(JSON.stringify(entry))}\n`);
    return entry;
  }

  /**
   * Resolves once every record written before the call is on disk (at once with `durability:
   * 'each'`). Concurrent callers share one sync: while one is under way, the records written
   * meanwhile wait for the next, which covers them all.
   * @throws LedgerError (the promise rejects) when the sync fails.
   */
  synced(): Promise<void> {
    const upTo = this.written;
    if (this.syncedUpTo >= upTo) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject });
      this.startSync();
    });
  }

  /** Closes the file, syncing what is not yet on disk; later records throw. Closing twice is harmless. */
  close(): void {
    if (this.marker !== undefined) fs.rmSync(this.marker, { force: true });
    this.marker = undefined;
    const fd = this.fd;
    if (fd === undefined) return;
    this.fd = undefined;
    let failure: unknown;
    if (this.syncedUpTo < this.written) {
      try {
        guard(this.file, 'sync', () => fs.fsyncSync(fd));
        this.syncedUpTo = this.written;
      } catch (err) {
        failure = err;
      }
    }
    if (failure === undefined) this.settleWaiters(this.written);
    else this.settleWaiters(this.written, failure);
    // A sync under way still uses the descriptor: it is closed when that ends.
    if (this.syncing) void this.syncing.finally(() => fs.closeSync(fd));
    else fs.closeSync(fd);
  }

  /**
   * Drops settled history from the file (`compactLines`), keeping every open job's records.
   * Done only when no other live writer has the file open (their markers say so): a rewrite
   * under another process's appends could lose its lines. Written to a temporary file, synced,
   * then renamed over the ledger, so a crash leaves the old file or the new one, whole. Returns
   * whether it compacted; a failure leaves the ledger as it was, still correct, only longer.
   */
  compact(): boolean {
    const fd = this.fd;
    if (fd === undefined || this.marker === undefined || otherWriters(this.file, this.marker)) return false;
    const temp = `${this.file}.${process.pid}.${randomUUID()}.compact`;
    try {
      const size = fs.fstatSync(fd).size;
      const bytes = Buffer.alloc(size);
      for (let done = 0; done < size; ) {
        const n = fs.readSync(fd, bytes, done, size - done, done);
        if (n === 0) break;
        done += n;
      }
      const text = bytes.toString('utf8');
      fs.writeFileSync(temp, compactLines(text), { flag: 'wx', mode: fs.fstatSync(fd).mode & 0o777 });
      const tfd = fs.openSync(temp, 'r+');
      try {
        fs.fsyncSync(tfd);
      } finally {
        fs.closeSync(tfd);
      }
      fs.renameSync(temp, this.file);
      syncFolder(this.file);
      // Reopened as it was opened: never through a link planted meanwhile.
      this.fd = openNoFollow(this.file, 'append');
      // Everything written so far is in the file just synced.
      this.syncedUpTo = this.written;
      this.settleWaiters(this.written);
      if (this.syncing) void this.syncing.finally(() => fs.closeSync(fd));
      else fs.closeSync(fd);
      return true;
    } catch {
      fs.rmSync(temp, { force: true });
      return false;
    }
  }

  private settle(): void {
    const every = this.options.compactAfter ?? 200;
    if (every > 0 && ++this.settled >= every) {
      this.settled = 0;
      this.compact();
    }
  }

  private write(text: string): void {
    const fd = this.fd;
    if (fd === undefined) throw new LedgerError(`the ledger ${this.file} is closed; open it again to record more`);
    const each = this.options.durability !== 'group';
    guard(this.file, 'write to', () => {
      const bytes = Buffer.from(text, 'utf8');
      // One write call keeps the line whole for concurrent appenders; loop only on a short write.
      for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done);
      if (each) fs.fsyncSync(fd);
    });
    this.written++;
    if (each) this.syncedUpTo = this.written;
    // Started now even if nobody waits: a record that guards nothing yet still reaches the disk soon.
    else this.startSync();
  }

  /** Starts a sync of everything written so far, unless one is under way (its end starts the next). */
  private startSync(): void {
    const fd = this.fd;
    if (this.syncing || fd === undefined || this.syncedUpTo >= this.written) return;
    const upTo = this.written;
    this.syncing = new Promise<void>((resolve) => {
      fs.fsync(fd, (err) => {
        this.syncing = undefined;
        if (err) {
          this.settleWaiters(upTo, new LedgerError(`cannot sync the ledger ${this.file}: ${err.message}`, err.code));
        } else {
          this.syncedUpTo = Math.max(this.syncedUpTo, upTo);
          this.settleWaiters(this.syncedUpTo);
        }
        resolve();
        // Records written while this sync ran, and waited for, take the next. After a failure
        // it is not retried on its own: the next record or waiter tries again.
        if (!err || this.waiters.length > 0) this.startSync();
      });
    });
  }

  /** Resolves the waiters a sync up to `upTo` covers; with `failure`, rejects them instead. */
  private settleWaiters(upTo: number, failure?: unknown): void {
    if (this.waiters.length === 0) return;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.upTo > upTo) still.push(w);
      else if (failure === undefined) w.resolve();
      else w.reject(failure);
    }
    this.waiters = still;
  }
}

/** Creates this writer's marker, `<ledger>.writer-<pid>-<random>`; undefined when the folder takes no new file (then it never compacts). */
function writerMarker(file: string): string | undefined {
  const marker = `${file}.writer-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    fs.writeFileSync(marker, '', { flag: 'wx' });
    return marker;
  } catch {
    return undefined;
  }
}

/**
 * True when another live writer has the ledger open (`own` is the caller's marker, or none);
 * markers of processes that are gone are removed. A rewrite of the file (compaction, pruning)
 * waits while this is true: the other writer would go on appending to the replaced file.
 */
export function otherWriters(file: string, own?: string): boolean {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.writer-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.startsWith(prefix));
  } catch {
    return true;
  }
  let others = false;
  for (const name of names) {
    const marker = path.join(dir, name);
    if (marker === own) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid)) fs.rmSync(marker, { force: true });
    else others = true;
  }
  return others;
}

function guard<T>(file: string, verb: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new LedgerError(`cannot ${verb} the ledger ${file}: ${e.message}`, e.code);
  }
}

/** Makes a new file's directory entry durable too; some platforms cannot open folders, and then it is moot. */
function syncFolder(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.dirname(file), 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows: folders cannot be opened for fsync; NTFS journals the entry itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
