import * as fs from 'node:fs';
import { join } from 'node:path';
import { openNoFollow } from '../common/safe-file.js';
import { NumberColumn } from './columns.js';

/** Texts are written to the file in batches of about this many bytes. */
const BATCH_BYTES = 256 * 1024;
/** Texts are read back in windows of at least this many bytes. */
const WINDOW_BYTES = 1024 * 1024;

/**
 * The texts a reporter must keep until the run ends (each case's part of a file whose head holds
 * the totals), kept in a file beside the report rather than in memory: a run of any length holds
 * one number per text. The file is removed from the folder as soon as it is opened (where the
 * system allows; otherwise when the spool is closed), so a crashed run leaves nothing behind.
 * Texts lie end to end in the file: each costs its offset (8 bytes), its length being the
 * distance to the next.
 * When no file can be made there, the texts stay in memory, and writing the report says why the
 * folder is unusable.
 */
export class TextSpool {
  private fd: number | undefined;
  private path: string | undefined;
  private failed = false;
  private inMemory: string[] | undefined;
  private readonly offsets = NumberColumn.numbers();
  /** Bytes written to the file, and texts waiting to be. */
  private size = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** The last window read, for reading texts back mostly in order. */
  private window: { start: number; bytes: Buffer } | undefined;
  /** Where the text last read ends (the first is read as if in order). */
  private lastEnd = 0;

  constructor(
    private readonly dir: string,
    /** Names the report it is for, in the file's name. */
    private readonly name: string,
  ) {}

  /** How many texts it holds. */
  get count(): number {
    return this.inMemory ? this.inMemory.length : this.offsets.length;
  }

  /** Keeps `text`; returns its index. */
  add(text: string): number {
    if (this.inMemory === undefined && this.fd === undefined && !this.open()) this.inMemory = [];
    if (this.inMemory) return this.inMemory.push(text) - 1;
    const index = this.offsets.push(this.size + this.pendingBytes);
    this.pending.push(text);
    this.pendingBytes += Buffer.byteLength(text, 'utf8');
    if (this.pendingBytes >= BATCH_BYTES) this.flush();
    return index;
  }

  /** The text kept at `index`. */
  get(index: number): string {
    if (this.inMemory) return this.inMemory[index]!;
    const offset = this.offsets.get(index);
    const length = (index + 1 < this.offsets.length ? this.offsets.get(index + 1) : this.size + this.pendingBytes) - offset;
    if (offset + length > this.size) this.flush();
    const w = this.window;
    if (w && offset >= w.start && offset + length <= w.start + w.bytes.length) {
      this.lastEnd = offset + length;
      return w.bytes.toString('utf8', offset - w.start, offset - w.start + length);
    }
    // Read in order, texts come a window at a time; picked out of order, each alone.
    const inOrder = offset === this.lastEnd;
    this.lastEnd = offset + length;
    const bytes = Buffer.allocUnsafe(inOrder ? Math.min(Math.max(WINDOW_BYTES, length), this.size - offset) : length);
    for (let done = 0; done < bytes.length; ) {
      const n = fs.readSync(this.fd!, bytes, done, bytes.length - done, offset + done);
      if (n === 0) throw new Error(`the report's spool ${this.path} ended early`);
      done += n;
    }
    this.window = { start: offset, bytes };
    return bytes.toString('utf8', 0, length);
  }

  /** Closes and removes the file; the spool is empty afterwards. */
  close(): void {
    this.window = undefined;
    this.pending = [];
    this.inMemory = undefined;
    if (this.fd !== undefined) fs.closeSync(this.fd);
    if (this.path !== undefined) fs.rmSync(this.path, { force: true });
    this.fd = undefined;
    this.path = undefined;
  }

  private open(): boolean {
    if (this.failed) return false;
    const path = join(this.dir, `.${this.name}.${process.pid}.${Math.random().toString(36).slice(2)}.spool`);
    try {
      this.fd = openNoFollow(path, 'append');
    } catch {
      this.failed = true;
      return false;
    }
    try {
      fs.unlinkSync(path);
    } catch {
      // Windows may keep an open file's name: removed on close instead.
      this.path = path;
    }
    return true;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending.join(''), 'utf8');
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(this.fd!, bytes, done, bytes.length - done, this.size + done);
    this.size += bytes.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
