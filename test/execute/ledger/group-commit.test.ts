import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Ledger, readLedger } from '../../../src/execute/ledger/index.js';
import { JOBS, SP, TARGET, tempDir } from './helpers.js';

/** Every sync the ledger asks for: how long the file was when it began, and whether it ended. */
const syncs: Array<{ size: number; done: boolean; sync: boolean }> = [];

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const fsync = (fd: number, cb: (err: NodeJS.ErrnoException | null) => void): void => {
    const s = { size: real.fstatSync(fd).size, done: false, sync: false };
    syncs.push(s);
    real.fsync(fd, (err) => {
      s.done = true;
      cb(err);
    });
  };
  const fsyncSync = (fd: number): void => {
    syncs.push({ size: real.fstatSync(fd).size, done: true, sync: true });
    real.fsyncSync(fd);
  };
  return { ...real, fsync, fsyncSync, default: { ...real, fsync, fsyncSync } };
});

beforeEach(() => {
  syncs.length = 0;
});

const intent = { target: TARGET, collectionPath: JOBS, servicePrincipalId: SP, templateId: 'scim', existingIds: [] };

describe('a ledger with group durability', () => {
  it('syncs records written at the same time together, and each caller of synced() waits for a sync that covers its record', async () => {
    const file = path.join(tempDir(), 'ledger.jsonl');
    const ledger = Ledger.open(file, { runId: 'r', target: TARGET, durability: 'group' });
    const covered: boolean[] = [];
    const worker = async (w: number) => {
      for (let n = 0; n < 25; n++) {
        const intentId = ledger.recordIntent(intent);
        const end = fs.statSync(file).size;
        await ledger.synced();
        // A sync that began once this record was in the file, and has ended.
        covered.push(syncs.some((s) => s.done && s.size >= end));
        ledger.recordCreated({ intentId, target: TARGET, path: `${JOBS}/job.${w}.${n}`, id: `job.${w}.${n}` });
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    ledger.close();

    expect(covered).toHaveLength(200);
    expect(covered.every(Boolean)).toBe(true);
    // 400 records; each sync covers every record written while the one before it ran.
    expect(syncs.filter((s) => !s.sync).length).toBeLessThan(400 / 2);
    const { entries, problems } = readLedger(file);
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(400);
  });

  it('syncs on close what no sync covered yet', async () => {
    const file = path.join(tempDir(), 'ledger.jsonl');
    const ledger = Ledger.open(file, { runId: 'r', target: TARGET, durability: 'group' });
    const waiting = (async () => {
      ledger.recordIntent(intent);
      await ledger.synced();
    })();
    ledger.recordIntent(intent);
    ledger.close();
    await waiting;
    expect(syncs.at(-1)).toMatchObject({ size: fs.statSync(file).size, done: true });
  });

  it('by default syncs every record before the call returns', () => {
    const file = path.join(tempDir(), 'ledger.jsonl');
    const ledger = Ledger.open(file, { runId: 'r', target: TARGET });
    syncs.length = 0; // the new file's folder
    ledger.recordIntent(intent);
    expect(syncs).toEqual([{ size: fs.statSync(file).size, done: true, sync: true }]);
    ledger.close();
  });
});
