import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cleanupFromLedger, Ledger } from '../../../src/execute/ledger/index.js';
import { JOBS, SP, TARGET, tempDir } from './helpers.js';

/** Files named `*.readonly.jsonl` behave as on a read-only filesystem (file modes do not stop root). */
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const openSync: typeof fs.openSync = (file, flags, mode) => {
    if (String(file).endsWith('.readonly.jsonl') && flags !== 'r') {
      throw Object.assign(new Error(`EROFS: read-only file system, open '${String(file)}'`), { code: 'EROFS' });
    }
    return fs.openSync(file, flags, mode);
  };
  return { ...fs, openSync, default: { ...fs, openSync } };
});

describe('cleanupFromLedger on a ledger it cannot write', () => {
  it('still deletes, and says the outcomes were not recorded', async () => {
    const file = path.join(tempDir(), 'run.jsonl');
    const ledger = Ledger.open(file, { runId: 'run-1', target: TARGET });
    ledger.recordCreated({ intentId: ledger.recordIntent({ target: TARGET, collectionPath: JOBS, servicePrincipalId: SP, existingIds: [] }), target: TARGET, path: `${JOBS}/a`, id: 'a' });
    ledger.close();
    const { renameSync } = await import('node:fs');
    const readonly = file.replace(/\.jsonl$/, '.readonly.jsonl');
    renameSync(file, readonly);

    const deleted: string[] = [];
    const report = await cleanupFromLedger(readonly, {
      list: async () => ({ status: 200, ids: [] }),
      delete: async (p) => (deleted.push(p), { status: 204 }),
    });
    expect(deleted).toEqual([`${JOBS}/a`]);
    expect(report.items).toMatchObject([{ id: 'a', outcome: 'deleted' }]);
    expect(report.problems).toEqual([
      {
        code: 'ledger-unwritable',
        message: `cannot open the ledger ${readonly}: EROFS: read-only file system, open '${readonly}'; outcomes of this cleanup are not recorded`,
        hint: 'make the file writable: the next cleanup then records them (deleted jobs answer 404)',
        severity: 'error',
      },
    ]);
  });
});
