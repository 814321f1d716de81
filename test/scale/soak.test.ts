import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingItems, readLedger } from '../../src/execute/ledger/index.js';
import { run, startEmulator, type EmulatorHandle } from '../../src/index.js';
import { tempDir } from '../fixtures/temp.js';

/**
 * The soak in its bounded form (the bench runs it at 100,000 cases): 1,000 instances of a case
 * that creates a job and deletes it, eight at a time, with the ledger on.
 */
const CASES = 1_000;

/**
 * The ledger's folder: in memory where the system has one, since every ledger line is synced to
 * disk and this test is about what the ledger holds, not how fast a disk syncs.
 */
function ledgerFolder(): string {
  if (!existsSync('/dev/shm')) return tempDir();
  const dir = mkdtempSync(join('/dev/shm', 'gsc-soak-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('a soak against the emulator', () => {
  let emu: EmulatorHandle;
  let folder: string;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(() => emu.close());
  folder = ledgerFolder();

  it(`leaves 0 jobs after ${CASES.toLocaleString('en')} cases, and the ledger never grows past the jobs open plus bounded history`, async () => {
    const ledger = join(folder, 'ledger.jsonl');
    const lines = () => readFileSync(ledger, 'utf8').split('\n').length - 1;
    let most = 0;
    let ended = 0;
    const result = await run({
      target: emu.url,
      token: emu.fixtures.token,
      servicePrincipalId: emu.fixtures.servicePrincipalId,
      templateId: emu.fixtures.templateId,
      grep: '^create/answers-201-with-a-job$',
      repeat: CASES,
      concurrency: 8,
      reporters: [],
      ledger,
      live: 'off',
      keepCases: false,
      onCaseEnd: () => {
        if (++ended % 100 === 0) most = Math.max(most, lines());
      },
    });
    expect(result.counts).toEqual({ passed: CASES, failed: 0, error: 0, skipped: 0 });
    expect(emu.jobs()).toEqual([]);
    // Each job writes three lines (intent, created, deleted): 3,000 without compaction. The
    // ledger compacts after every 200 deletes, so it holds at most that much history, plus the
    // jobs of the cases running at that moment.
    expect(most).toBeLessThanOrEqual(3 * 200 + 3 * 8);
    const { entries, problems } = readLedger(ledger);
    expect(problems).toEqual([]);
    expect(pendingItems(entries)).toEqual({ items: [], intents: [] });
    expect(entries.length).toBeLessThanOrEqual(3 * 200);
    expect(result.latency!.operations['POST /servicePrincipals/{servicePrincipal-id}/synchronization/jobs']!.count).toBe(CASES);
  }, 90_000);
});
