import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger, pendingItems, readLedger } from '../../../src/execute/ledger/index.js';
import { settleLostCreate, type LostCreateDeps } from '../../../src/execute/lost-create.js';
import { JOBS, SP, TARGET, tempDir, ticking } from './helpers.js';

/** What settling reads of the run: an interrupted run (Ctrl-C), no waiting. */
function interruptedRun(): LostCreateDeps['ctx'] {
  const stop = new AbortController();
  stop.abort();
  return { signal: stop.signal, consistencyTimeoutMs: 0, cleanupTimeoutMs: 0, sleep: async () => {}, baseUrl: TARGET } as unknown as LostCreateDeps['ctx'];
}

function openIntentsAfter(collectionPath: string, listed: Awaited<ReturnType<LostCreateDeps['listAll']>> = 'absent'): Promise<number> {
  const file = path.join(tempDir(), 'ledger.jsonl');
  const ledger = Ledger.open(file, { runId: 'run-1', target: TARGET, now: ticking() });
  const intentId = ledger.recordIntent({ target: TARGET, collectionPath, servicePrincipalId: SP, templateId: 'scim' });
  return settleLostCreate(intentId, { ledger, ctx: interruptedRun(), listAll: async () => listed }).then(() => {
    ledger.close();
    return pendingItems(readLedger(file).entries).intents.length;
  });
}

describe('Ctrl-C during a create whose collection answers 404', () => {
  it('closes the create of a negative case under a service principal that does not exist: nothing for gsc cleanup', async () => {
    expect(await openIntentsAfter('/servicePrincipals/9f1c0c6e-0000-4000-8000-000000000000/synchronization/jobs')).toBe(0);
  });

  it('never records a job under another service principal as the run\'s, even when one is listed there: the create stays open', async () => {
    expect(await openIntentsAfter('/servicePrincipals/9f1c0c6e-0000-4000-8000-000000000000/synchronization/jobs', [{ id: 'job-1', templateId: 'scim' }])).toBe(1);
  });

  it('keeps open a create under the run\'s own service principal: a 404 there is lag or a fault, not proof', async () => {
    expect(await openIntentsAfter(JOBS)).toBe(1);
  });
});
