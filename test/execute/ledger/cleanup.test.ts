import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupFromLedger, Ledger, readLedger, type CleanupClient, type ListedJob } from '../../../src/execute/ledger/index.js';
import { JOBS, SP, TARGET, tempDir, ticking } from './helpers.js';

/** A target holding some jobs; answers DELETE from `answers` (default 204), and notes every call. */
function fakeTarget(jobs: ListedJob[], answers: Record<string, number | Error> = {}, listStatus = 200) {
  const calls: string[] = [];
  const client: CleanupClient = {
    async list(collectionPath) {
      calls.push(`GET ${collectionPath}`);
      return { status: listStatus, ids: listStatus === 200 ? [...jobs] : [] };
    },
    async delete(p) {
      calls.push(`DELETE ${p}`);
      const answer = answers[p] ?? 204;
      if (answer instanceof Error) throw answer;
      const i = jobs.findIndex((j) => p.endsWith(`/${j.id}`));
      if (i < 0) return { status: 404 };
      if (answer === 204 || answer === 200) jobs.splice(i, 1);
      return { status: answer };
    },
  };
  return { client, calls, jobs };
}

/** A ledger as a run leaves it: `run` gets the writer. */
function ledgerOf(run: (l: Ledger) => void): string {
  const file = path.join(tempDir(), 'ledger.jsonl');
  const ledger = Ledger.open(file, { runId: 'run-1', target: TARGET, now: ticking() });
  run(ledger);
  ledger.close();
  return file;
}

const intent = (existingIds: string[] = [], templateId = 'scim') => ({ target: TARGET, collectionPath: JOBS, servicePrincipalId: SP, templateId, existingIds });
const job = (id: string) => ({ target: TARGET, path: `${JOBS}/${id}`, id });

describe('cleanupFromLedger', () => {
  it('deletes what the run created and left, notes jobs already gone, and records both', async () => {
    const file = ledgerOf((l) => {
      for (const id of ['a', 'b', 'c']) l.recordCreated({ intentId: l.recordIntent(intent()), ...job(id) });
      l.recordDeleted({ path: `${JOBS}/c`, id: 'c' });
    });
    const target = fakeTarget([{ id: 'a', templateId: 'scim' }, { id: 'unrelated', templateId: 'scim' }]);
    const report = await cleanupFromLedger(file, target.client, { runId: 'cleanup-1' });
    expect(report.problems).toEqual([]);
    expect(report.items).toEqual([
      { path: `${JOBS}/a`, id: 'a', outcome: 'deleted', detail: 'created by run run-1 at 2025-03-10T12:00:01.000Z' },
      { path: `${JOBS}/b`, id: 'b', outcome: 'already-gone', detail: 'DELETE answered 404 (created by run run-1 at 2025-03-10T12:00:03.000Z)' },
    ]);
    expect(target.calls).toEqual([`DELETE ${JOBS}/a`, `DELETE ${JOBS}/b`]);
    expect(target.jobs.map((j) => j.id)).toEqual(['unrelated']);
    expect(readLedger(file).entries.slice(-2)).toMatchObject([
      { type: 'deleted', runId: 'cleanup-1', id: 'a' },
      { type: 'gone', runId: 'cleanup-1', id: 'b' },
    ]);
  });

  it('does nothing the second time: no calls, no new lines', async () => {
    const file = ledgerOf((l) => l.recordCreated({ intentId: l.recordIntent(intent()), ...job('a') }));
    const target = fakeTarget([{ id: 'a' }]);
    await cleanupFromLedger(file, target.client);
    const before = fs.readFileSync(file, 'utf8');
    const again = fakeTarget([]);
    expect(await cleanupFromLedger(file, again.client)).toEqual({ items: [], problems: [] });
    expect(again.calls).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('reports a failed DELETE with its status, and retries it next time', async () => {
    const file = ledgerOf((l) => {
      l.recordCreated({ intentId: l.recordIntent(intent()), ...job('a') });
      l.recordCreated({ intentId: l.recordIntent(intent()), ...job('b') });
    });
    const target = fakeTarget([{ id: 'a' }, { id: 'b' }], { [`${JOBS}/a`]: 403, [`${JOBS}/b`]: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    const first = await cleanupFromLedger(file, target.client);
    expect(first.items.map((i) => [i.id, i.outcome, i.detail])).toEqual([
      ['a', 'failed', 'DELETE answered 403; the next cleanup tries again (created by run run-1 at 2025-03-10T12:00:01.000Z)'],
      ['b', 'failed', 'DELETE failed: connect ECONNREFUSED 127.0.0.1:9; the next cleanup tries again (created by run run-1 at 2025-03-10T12:00:03.000Z)'],
    ]);
    const second = await cleanupFromLedger(file, fakeTarget(target.jobs).client);
    expect(second.items.map((i) => [i.id, i.outcome])).toEqual([
      ['a', 'deleted'],
      ['b', 'deleted'],
    ]);
  });

  it('recovers and deletes the job of a lost create when it is certainly the run’s own', async () => {
    const file = ledgerOf((l) => void l.recordIntent(intent(['old'])));
    const target = fakeTarget([{ id: 'old', templateId: 'scim' }, { id: 'scim.9', templateId: 'scim' }]);
    const report = await cleanupFromLedger(file, target.client);
    expect(report.items).toEqual([
      { path: `${JOBS}/scim.9`, id: 'scim.9', outcome: 'deleted', detail: 'recovered a create whose answer was lost: the only new job, with the template `scim` the create asked for' },
    ]);
    expect(target.calls).toEqual([`GET ${JOBS}`, `DELETE ${JOBS}/scim.9`]);
    expect(readLedger(file).entries.map((e) => e.type)).toEqual(['intent', 'created', 'deleted']);
  });

  it('never deletes a job it cannot prove its own: reports it as possibly left behind, with its id', async () => {
    const file = ledgerOf((l) => void l.recordIntent(intent(['old'])));
    const target = fakeTarget([{ id: 'old', templateId: 'scim' }, { id: 'x1', templateId: 'scim' }, { id: 'x2', templateId: 'aws' }]);
    const report = await cleanupFromLedger(file, target.client);
    expect(target.calls).toEqual([`GET ${JOBS}`]);
    expect(report.items.map((i) => [i.path, i.id, i.outcome])).toEqual([
      [`${JOBS}/x1`, 'x1', 'possibly-left-behind'],
      [`${JOBS}/x2`, 'x2', 'possibly-left-behind'],
    ]);
    expect(report.items[0]?.detail).toBe(
      'not deleted: it may be the job of a create sent at 2025-03-10T12:00:00.000Z whose answer was lost, but 2 jobs appeared since the create was sent; delete it by hand if it is yours',
    );
    // Nothing proved the jobs gone: the next cleanup lists again and reports them again.
    const again = fakeTarget(target.jobs);
    expect((await cleanupFromLedger(file, again.client)).items.map((i) => [i.id, i.outcome])).toEqual([['x1', 'possibly-left-behind'], ['x2', 'possibly-left-behind']]);
    expect(again.calls).toEqual([`GET ${JOBS}`]);
    // Once a listing shows them gone, the lost create is settled, and a cleanup after that has nothing to do.
    expect((await cleanupFromLedger(file, fakeTarget([{ id: 'old', templateId: 'scim' }]).client)).items.map((i) => i.outcome)).toEqual(['already-gone']);
    const last = fakeTarget([]);
    expect((await cleanupFromLedger(file, last.client)).items).toEqual([]);
    expect(last.calls).toEqual([]);
  });

  it('settles a lost create that made nothing', async () => {
    const file = ledgerOf((l) => void l.recordIntent(intent(['old'])));
    const report = await cleanupFromLedger(file, fakeTarget([{ id: 'old', templateId: 'scim' }]).client);
    expect(report.items).toEqual([
      { path: JOBS, outcome: 'already-gone', detail: 'a create sent at 2025-03-10T12:00:00.000Z lost its answer, and no job appeared on the service principal since the create was sent' },
    ]);
    expect(readLedger(file).entries.at(-1)).toMatchObject({ type: 'resolved', outcome: 'nothing-new', ids: [] });
  });

  it('keeps a lost create open when its collection cannot be listed', async () => {
    const file = ledgerOf((l) => void l.recordIntent(intent()));
    const report = await cleanupFromLedger(file, fakeTarget([{ id: 'n', templateId: 'scim' }], {}, 403).client);
    expect(report.items).toMatchObject([{ path: JOBS, outcome: 'failed' }]);
    expect(report.items[0]?.detail).toMatch(/listing .* answered 403; the next cleanup tries again$/);
    expect(report.items[0]).not.toHaveProperty('id');
    expect((await cleanupFromLedger(file, fakeTarget([{ id: 'n', templateId: 'scim' }]).client)).items).toMatchObject([{ id: 'n', outcome: 'deleted' }]);
  });

  it('never sends DELETE to a path that does not end in the recorded id', async () => {
    const file = path.join(tempDir(), 'ledger.jsonl');
    const forged = { v: 1, type: 'created', time: '2025-03-10T12:00:00.000Z', runId: 'r', intentId: 'i', target: TARGET, path: `/servicePrincipals/${SP}`, id: 'x' };
    fs.writeFileSync(file, `${JSON.stringify(forged)}\n`);
    const target = fakeTarget([]);
    const report = await cleanupFromLedger(file, target.client);
    expect(target.calls).toEqual([]);
    expect(report.items).toEqual([{ path: `/servicePrincipals/${SP}`, id: 'x', outcome: 'failed', detail: `not deleted: the ledger's path \`/servicePrincipals/${SP}\` is not of the form /servicePrincipals/{id}/synchronization/jobs/{id}; delete it by hand if it is yours` }]);
  });

  it('works through a torn last line, reporting it', async () => {
    const file = ledgerOf((l) => l.recordCreated({ intentId: l.recordIntent(intent()), ...job('a') }));
    fs.appendFileSync(file, '{"v":1,"type":"cre');
    const report = await cleanupFromLedger(file, fakeTarget([{ id: 'a' }]).client);
    expect(report.items).toMatchObject([{ id: 'a', outcome: 'deleted' }]);
    expect(report.problems).toMatchObject([{ code: 'ledger-truncated-line', span: { line: 3 } }]);
    expect(readLedger(file).entries.at(-1)).toMatchObject({ type: 'deleted', id: 'a' });
  });

  it('asks which target to clean when the ledger holds several, and leaves the others alone', async () => {
    const other = 'http://127.0.0.1:9/v1.0';
    const file = ledgerOf((l) => {
      l.recordCreated({ intentId: l.recordIntent(intent()), ...job('a') });
      l.recordCreated({ intentId: 'i', ...job('b'), target: other });
    });
    const target = fakeTarget([{ id: 'a' }, { id: 'b' }]);
    const unsure = await cleanupFromLedger(file, target.client);
    expect(unsure.items).toEqual([]);
    expect(unsure.problems).toMatchObject([{ code: 'ledger-many-targets', severity: 'error', hint: 'clean up one target at a time: pass the target to clean' }]);
    expect(target.calls).toEqual([]);

    const chosen = await cleanupFromLedger(file, target.client, { target: TARGET });
    expect(target.calls).toEqual([`DELETE ${JOBS}/a`]);
    expect(chosen.problems).toMatchObject([{ code: 'ledger-other-target', message: `records for ${other} were left alone; this cleanup is for ${TARGET}` }]);
  });

  it('reports a missing ledger instead of throwing', async () => {
    const report = await cleanupFromLedger(path.join(tempDir(), 'missing.jsonl'), fakeTarget([]).client);
    expect(report).toMatchObject({ items: [], problems: [{ code: 'ledger-not-found', severity: 'error' }] });
  });
});

describe('gsc cleanup after Ctrl-C stopped a create under a random service principal (a negative case)', () => {
  const elsewhere = '/servicePrincipals/9f1c0c6e-0000-4000-8000-000000000000/synchronization/jobs';
  const strayIntent = { target: TARGET, collectionPath: elsewhere, servicePrincipalId: SP, templateId: 'scim' };

  /** A target whose directory says the service principal does not exist (a 404 naming it). */
  const noSuchServicePrincipal = (): { client: CleanupClient; calls: string[] } => {
    const calls: string[] = [];
    return { calls, client: { list: async (p) => (calls.push(`GET ${p}`), { status: 404, ids: [], absent: true }), delete: async (p) => (calls.push(`DELETE ${p}`), { status: 404 }) } };
  };

  it('closes the record when that service principal does not exist, and has nothing left the next time', async () => {
    const file = ledgerOf((l) => void l.recordIntent(strayIntent));
    const target = noSuchServicePrincipal();
    const report = await cleanupFromLedger(file, target.client, { target: TARGET });
    expect(target.calls).toEqual([`GET ${elsewhere}`]);
    expect(report.items).toMatchObject([{ outcome: 'already-gone', path: elsewhere }]);
    expect(report.items[0]!.detail).toContain('its service principal does not exist (listing');
    const again = noSuchServicePrincipal();
    expect((await cleanupFromLedger(file, again.client, { target: TARGET })).items).toEqual([]);
    expect(again.calls).toEqual([]);
  });

  it('keeps the record open on a 404 that does not name the service principal (a proxy, a wrong path)', async () => {
    const file = ledgerOf((l) => void l.recordIntent(strayIntent));
    const report = await cleanupFromLedger(file, fakeTarget([], {}, 404).client, { target: TARGET });
    expect(report.items).toMatchObject([{ outcome: 'failed' }]);
    expect(report.items[0]!.detail).toContain('answered 404; check that collection by hand');
  });

  it('an edited line naming another service principal does not take the run\'s own intents on that collection along', async () => {
    const file = ledgerOf((l) => {
      l.recordIntent({ ...strayIntent, collectionPath: JOBS, servicePrincipalId: 'edited' });
      l.recordIntent({ target: TARGET, collectionPath: JOBS, servicePrincipalId: SP, templateId: 'scim', existingIds: [] });
    });
    const report = await cleanupFromLedger(file, fakeTarget([{ id: 'job-1', templateId: 'scim' }]).client, { target: TARGET });
    expect(report.items.map((i) => i.outcome).sort()).toEqual(['deleted', 'failed']);
  });

  it('deletes nothing under a service principal that does exist there: it reports the collection to check by hand', async () => {
    const file = ledgerOf((l) => void l.recordIntent(strayIntent));
    const target = fakeTarget([{ id: 'someone-elses' }]);
    const report = await cleanupFromLedger(file, target.client, { target: TARGET });
    expect(target.calls).toEqual([`GET ${elsewhere}`]);
    expect(report.items).toMatchObject([{ outcome: 'failed' }]);
    expect(report.items[0]!.detail).toContain('lists 1 job(s); check that collection by hand');
  });
});
