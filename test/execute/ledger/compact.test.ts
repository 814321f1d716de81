import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger, pendingItems, pruneLedger, readLedger } from '../../../src/execute/ledger/index.js';
import { compactLines } from '../../../src/execute/ledger/compact.js';
import { tempDir } from '../../fixtures/temp.js';

const T = 'http://127.0.0.1:1/v1.0';
const JOBS = '/servicePrincipals/sp/synchronization/jobs';

/** A create recorded, answered, and (unless `open`) deleted. */
function job(l: Ledger, id: string, open = false): void {
  const intentId = l.recordIntent({ target: T, collectionPath: JOBS, servicePrincipalId: 'sp', templateId: 'scim', existingIds: [] });
  l.recordCreated({ intentId, target: T, path: `${JOBS}/${id}`, id });
  if (!open) l.recordDeleted({ path: `${JOBS}/${id}`, id });
}

describe('ledger compaction', () => {
  it('drops settled history and keeps every open job with its intent, lost creates, possibly-left-behind reports and lines it cannot read', () => {
    const lines = [
      { v: 1, type: 'intent', time: 't', runId: 'r', intentId: 'i1', target: T, collectionPath: JOBS, servicePrincipalId: 'sp', existingIds: [] },
      { v: 1, type: 'created', time: 't', runId: 'r', intentId: 'i1', target: T, path: `${JOBS}/a`, id: 'a' },
      { v: 1, type: 'deleted', time: 't', runId: 'r', target: T, path: `${JOBS}/a`, id: 'a' },
      { v: 1, type: 'intent', time: 't', runId: 'r', intentId: 'i2', target: T, collectionPath: JOBS, servicePrincipalId: 'sp', existingIds: [] },
      { v: 1, type: 'created', time: 't', runId: 'r', intentId: 'i2', target: T, path: `${JOBS}/b`, id: 'b' },
      { v: 1, type: 'intent', time: 't', runId: 'r', intentId: 'i3', target: T, collectionPath: JOBS, servicePrincipalId: 'sp' },
      { v: 1, type: 'intent', time: 't', runId: 'r', intentId: 'i4', target: T, collectionPath: JOBS, servicePrincipalId: 'sp' },
      { v: 1, type: 'rejected', time: 't', runId: 'r', intentId: 'i4', status: 400 },
      { v: 1, type: 'intent', time: 't', runId: 'r', intentId: 'i5', target: T, collectionPath: JOBS, servicePrincipalId: 'sp' },
      { v: 1, type: 'resolved', time: 't', runId: 'c', intentId: 'i5', outcome: 'possibly-left-behind', ids: ['x'], reason: 'two new jobs' },
      { v: 2, type: 'future', time: 't', runId: 'r' },
    ].map((o) => JSON.stringify(o));
    const kept = compactLines(`${lines.join('\n')}\n{"torn`).trimEnd().split('\n');
    expect(kept).toEqual([lines[3], lines[4], lines[5], lines[8], lines[9], lines[10], '{"torn']);
  });

  it('keeps a soak\'s ledger to the jobs still open: after every compactAfter settled records, history is dropped', () => {
    const file = join(tempDir(), 'ledger.jsonl');
    const l = Ledger.open(file, { runId: 'soak', target: T, compactAfter: 20 });
    let most = 0;
    for (let i = 0; i < 300; i++) {
      job(l, `j${i}`, i % 30 === 0);
      most = Math.max(most, readFileSync(file, 'utf8').split('\n').length - 1);
    }
    l.close();
    // Without compaction: 900 lines. With it: 10 open jobs (20 lines) and at most 20 jobs of history.
    expect(most).toBeLessThanOrEqual(20 + 20 * 3);
    const { entries, problems } = readLedger(file);
    expect(problems).toEqual([]);
    expect(pendingItems(entries).items.map((c) => c.id)).toEqual(Array.from({ length: 10 }, (_, k) => `j${k * 30}`));
    expect(readdirSync(join(file, '..'))).toEqual(['ledger.jsonl']);
  });

  it('waits while another writer has the file open, so it never drops lines another process appends', () => {
    const file = join(tempDir(), 'ledger.jsonl');
    const a = Ledger.open(file, { runId: 'a', target: T, compactAfter: 0 });
    const b = Ledger.open(file, { runId: 'b', target: T, compactAfter: 0 });
    job(a, 'x');
    job(b, 'y', true);
    expect(a.compact()).toBe(false);
    b.close();
    expect(a.compact()).toBe(true);
    job(a, 'z', true);
    a.close();
    expect(pendingItems(readLedger(file).entries).items.map((c) => c.id)).toEqual(['y', 'z']);
    expect(readLedger(file).entries).toHaveLength(4);
  });

  it('pruning before a run waits too while another run writes the ledger, then prunes once it has closed', () => {
    const file = join(tempDir(), 'ledger.jsonl');
    const soak = Ledger.open(file, { runId: 'soak', target: T, compactAfter: 0 });
    job(soak, 'done');
    job(soak, 'open', true);
    const before = readFileSync(file, 'utf8');
    expect(pruneLedger(file)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
    // The soak goes on appending to the same file, and nothing it writes is lost.
    job(soak, 'later', true);
    soak.close();
    expect(pruneLedger(file)).toBe(3);
    expect(pendingItems(readLedger(file).entries).items.map((c) => c.id)).toEqual(['open', 'later']);
  });

  it('treats the marker of a process that is gone as no writer', () => {
    const file = join(tempDir(), 'ledger.jsonl');
    writeFileSync(`${file}.writer-2147483646-deadbeef`, '');
    const l = Ledger.open(file, { runId: 'a', target: T });
    job(l, 'x');
    expect(l.compact()).toBe(true);
    l.close();
    expect(readdirSync(join(file, '..'))).toEqual(['ledger.jsonl']);
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
