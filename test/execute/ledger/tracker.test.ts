import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index.js';
import { pendingItems, readLedger } from '../../../src/execute/ledger/index.js';
import type { LedgerTracker } from '../../../src/execute/tracker.js';
import { createRunResources, type RunResources } from '../../../src/run/exec-context.js';
import { tempDir } from './helpers.js';

/**
 * The ledger's tracker remembers a create's intent only until the create's answer settles it:
 * a soak of 100,000 creates holds the intents of the creates in flight, not of every create.
 */
let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());

async function tracked(): Promise<{ res: RunResources; tracker: LedgerTracker; ledger: string; jobs: string }> {
  const ledger = path.join(tempDir(), 'ledger.jsonl');
  const { token, servicePrincipalId } = emu.fixtures;
  const target = { baseUrl: emu.url, label: 'emulator', token: async () => token, secrets: () => [token], servicePrincipalId, local: true, close: async () => {} };
  const limits = { concurrency: 8, timeoutMs: 5_000, consistencyTimeoutMs: 0, maxWaitMs: 10_000, cleanupTimeoutMs: 10_000 };
  const res = createRunResources(limits, target, 'run-1', new AbortController().signal, ledger);
  return { res, tracker: res.ctx.tracker as LedgerTracker, ledger, jobs: `${emu.url}/servicePrincipals/${servicePrincipalId}/synchronization/jobs` };
}

describe('the ledger tracker', () => {
  it('forgets an intent once its create answered with a job, was refused, went unanswered, or answered without an id', async () => {
    const { res, tracker, ledger, jobs } = await tracked();
    try {
      const made = await tracker.beforeCreate(jobs, 'scim');
      expect(tracker.openIntents).toBe(1);
      tracker.created(made, `${jobs}/scim.1`, 'scim.1');
      expect(tracker.openIntents).toBe(0);

      const refused = await tracker.beforeCreate(jobs, 'scim');
      tracker.rejected(refused, 400);
      expect(tracker.openIntents).toBe(0);

      // Nothing new in the listing and no time to wait: resolved as having made nothing.
      const lost = await tracker.beforeCreate(jobs, 'scim');
      expect(tracker.openIntents).toBe(1);
      await tracker.unanswered!(lost);
      expect(tracker.openIntents).toBe(0);

      const odd = await tracker.beforeCreate(jobs, 'scim');
      tracker.settled!(odd);
      expect(tracker.openIntents).toBe(0);
    } finally {
      await res.close();
    }
    const { entries } = readLedger(ledger);
    expect(entries.map((e) => e.type)).toEqual(['intent', 'created', 'intent', 'rejected', 'intent', 'resolved', 'intent']);
    // Forgotten in memory is not forgotten on disk: the create without an id stays open for cleanup.
    expect(pendingItems(entries).intents).toHaveLength(1);
  });

  it('holds no intent after a thousand creates, however many were in flight at once', async () => {
    const { res, tracker, jobs } = await tracked();
    try {
      let most = 0;
      const worker = async (w: number) => {
        for (let n = 0; n < 125; n++) {
          const intent = await tracker.beforeCreate(jobs, 'scim');
          most = Math.max(most, tracker.openIntents);
          tracker.created(intent, `${jobs}/job.${w}.${n}`, `job.${w}.${n}`);
        }
      };
      await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
      expect(tracker.openIntents).toBe(0);
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(8);
    } finally {
      await res.close();
    }
  });
});
