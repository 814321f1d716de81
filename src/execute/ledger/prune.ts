import * as fs from 'node:fs';
import * as path from 'node:path';
import { otherWriters } from './ledger.js';
import { readLedger } from './read.js';
import { resourceKey } from './pending.js';
import type { LedgerEntry } from './entries.js';

/**
 * The lines a ledger still needs: a create whose outcome is open (an intent with no answer), a
 * job created and not yet deleted, and a lost create reported as possibly left behind, each with
 * its intent. What is settled for good (refused, proven to have made nothing, or created and
 * since deleted or found gone) is dropped, so a ledger kept across runs does not grow without end.
 * Pure: the caller decides when the file may be rewritten.
 */
export function entriesToKeep(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const removed = new Set<string>();
  for (const e of entries) if (e.type === 'deleted' || e.type === 'gone') removed.add(resourceKey(e));
  const needed = new Set<string>();
  const answered = new Set<string>();
  for (const e of entries) {
    if (e.type === 'created' || e.type === 'rejected' || (e.type === 'resolved' && e.outcome === 'nothing-new')) answered.add(e.intentId);
    if (e.type === 'created' && !removed.has(resourceKey(e))) needed.add(e.intentId);
    if (e.type === 'resolved' && e.outcome === 'possibly-left-behind') needed.add(e.intentId);
  }
  for (const e of entries) if (e.type === 'intent' && !answered.has(e.intentId)) needed.add(e.intentId);
  return entries.filter((e) => {
    if (e.type === 'created') return needed.has(e.intentId) && !removed.has(resourceKey(e));
    return 'intentId' in e && needed.has(e.intentId);
  });
}

/**
 * Rewrites `file` with only the lines {@link entriesToKeep} keeps, before a run appends to it;
 * returns how many lines went. Lines that are not ledger entries are dropped with the settled
 * ones (readLedger warned of them when they were read). The new file replaces the old in one
 * rename; a file that is missing, a link, already minimal, or open in another live run (its
 * writer marker says so) is left as it is.
 */
export function pruneLedger(file: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return 0;
  }
  // A run still writing this ledger would append to the replaced file and lose its lines: prune another time.
  if (!stat.isFile() || otherWriters(file)) return 0;
  const { entries, problems } = readLedger(file);
  if (problems.some((p) => p.severity === 'error')) return 0;
  const kept = entriesToKeep(entries);
  const dropped = entries.length - kept.length + problems.length;
  if (dropped === 0) return 0;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.prune`);
  const fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, stat.mode & 0o777);
  try {
    try {
      fs.writeSync(fd, kept.map((e) => `${JSON.stringify(e)}\n`).join(''));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  return dropped;
}
