import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupFromLedger, readLedger, type CleanupClient, type LedgerEntry, type ListedJob } from '../../../src/execute/ledger/index.js';
import { intent } from './fixtures.js';
import { JOBS, TARGET, tempDir } from './helpers.js';

function target(jobs: ListedJob[]) {
  const calls: string[] = [];
  const client: CleanupClient = {
    async list(p) {
      calls.push(`GET ${p}`);
      return { status: 200, ids: [...jobs] };
    },
    async delete(p) {
      calls.push(`DELETE ${p}`);
      const i = jobs.findIndex((j) => p.endsWith(`/${j.id}`));
      if (i < 0) return { status: 404 };
      jobs.splice(i, 1);
      return { status: 204 };
    },
  };
  return { client, calls, jobs };
}

function ledgerWith(lines: LedgerEntry[]): string {
  const file = path.join(tempDir(), 'ledger.jsonl');
  fs.writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return file;
}

const old = { id: 'old', templateId: 'scim' };

describe('gsc cleanup after a run killed at --concurrency 4 (issue 9 #9)', () => {
  it('deletes the one job two lost creates of the same run both saw appear, and reports it once', async () => {
    // Both creates listed the collection before either job existed; one of them made a job.
    const file = ledgerWith([intent('a', { existingIds: ['old'] }), intent('b', { existingIds: ['old'] })]);
    const t = target([old, { id: 'J', templateId: 'scim' }]);
    const report = await cleanupFromLedger(file, t.client, { target: TARGET });
    expect(t.calls.filter((c) => c.startsWith('DELETE'))).toEqual([`DELETE ${JOBS}/J`]);
    expect(report.items.filter((i) => i.outcome === 'possibly-left-behind')).toEqual([]);
    expect(report.items.filter((i) => i.outcome === 'deleted').map((i) => i.id)).toEqual(['J']);
    expect(t.jobs).toEqual([old]);
    expect(readLedger(file).entries.filter((e) => e.type === 'created')).toMatchObject([{ intentId: 'a', id: 'J', recovered: true }]);
  });

  it('deletes both jobs when two lost creates of the same run each made one, the second listing seeing the first', async () => {
    const file = ledgerWith([intent('a', { existingIds: ['old'] }), intent('b', { existingIds: ['old', 'J1'] })]);
    const t = target([old, { id: 'J1', templateId: 'scim' }, { id: 'J2', templateId: 'scim' }]);
    await cleanupFromLedger(file, t.client, { target: TARGET });
    expect(t.jobs).toEqual([old]);
  });

  it('deletes nothing when more jobs appeared than the run sent creates: a stranger\'s job is among them; each is listed once', async () => {
    const file = ledgerWith([intent('a'), intent('b')]);
    const t = target([old, { id: 'J1', templateId: 'scim' }, { id: 'J2', templateId: 'scim' }, { id: 'X', templateId: 'scim' }]);
    const report = await cleanupFromLedger(file, t.client, { target: TARGET });
    expect(t.calls.filter((c) => c.startsWith('DELETE'))).toEqual([]);
    expect(report.items.filter((i) => i.outcome === 'possibly-left-behind').map((i) => i.id)).toEqual(['J1', 'J2', 'X']);
  });

  it('deletes nothing when the lost creates belong to two runs', async () => {
    const file = ledgerWith([intent('a'), { ...intent('b'), runId: 'run-2' }]);
    const t = target([old, { id: 'J', templateId: 'scim' }]);
    const report = await cleanupFromLedger(file, t.client, { target: TARGET });
    expect(t.calls.filter((c) => c.startsWith('DELETE'))).toEqual([]);
    expect(report.items.filter((i) => i.outcome === 'possibly-left-behind').map((i) => i.id)).toEqual(['J']);
  });

  it('deletes nothing when a new job has another template than the run asked for', async () => {
    const file = ledgerWith([intent('a'), intent('b')]);
    const t = target([old, { id: 'J', templateId: 'aws' }]);
    await cleanupFromLedger(file, t.client, { target: TARGET });
    expect(t.calls.filter((c) => c.startsWith('DELETE'))).toEqual([]);
  });
});
