import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { pendingItems, readLedger } from '../../../src/execute/ledger/index.js';
import { gsc, targetFlags, tempDir } from '../../e2e/support.js';
import { entriesToKeep } from '../../../src/execute/ledger/prune.js';
import { created, intent, rejected, removed, resolved } from './fixtures.js';

describe('a ledger kept across runs does not pile up', () => {
  it('drops what is settled for good: refused creates, creates proven to have made nothing, jobs created and since removed', () => {
    const entries = [
      intent('refused'), rejected('refused'),
      intent('nothing'), resolved('nothing', 'nothing-new', []),
      intent('done'), created('done', 'a'), removed('a'),
      intent('gone'), created('gone', 'g'), removed('g', 'gone'),
    ];
    expect(entriesToKeep(entries)).toEqual([]);
  });

  it('keeps everything still open, with its intent: a lost answer, a job not yet deleted, a job reported as possibly left behind', () => {
    const lost = intent('lost');
    const open = [intent('live'), created('live', 'b')];
    const reported = [intent('doubt'), resolved('doubt', 'possibly-left-behind', ['x'])];
    const entries = [intent('done'), created('done', 'a'), ...open, removed('a'), lost, ...reported];
    const kept = entriesToKeep(entries);
    expect(kept).toEqual([...open, lost, ...reported]);
    // What a cleanup still has to do is the same before and after.
    expect(pendingItems(kept)).toEqual(pendingItems(entries));
  });
});

describe('runs sharing one report folder', () => {
  it('each run starts from a ledger holding only what is still open, so entries do not pile up', async () => {
    const emu = await startEmulator();
    try {
      const out = tempDir();
      const flags = ['run', ...targetFlags(emu), '--grep', '^create/answers-201-with-a-job$', '--reporter', 'json', '--out', out];
      expect((await gsc(flags)).code).toBe(0);
      const first = readLedger(`${out}/ledger.jsonl`).entries;
      expect(first.map((e) => e.type)).toEqual(['intent', 'created', 'deleted']);
      expect((await gsc(flags)).code).toBe(0);
      const second = readLedger(`${out}/ledger.jsonl`).entries;
      expect(second.map((e) => e.type)).toEqual(['intent', 'created', 'deleted']);
      expect(new Set(second.map((e) => e.runId)).size).toBe(1);
      expect(second[0]!.runId).not.toBe(first[0]!.runId);
    } finally {
      await emu.close();
    }
  });
});
