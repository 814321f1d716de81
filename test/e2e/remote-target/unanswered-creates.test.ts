import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle, EmulatorOptions } from '../../../src/emulator/index.js';
import { pendingItems, readLedger } from '../../../src/execute/ledger/index.js';
import { startRecordingProxy, type RecordingProxy } from '../../fixtures/remote-target/proxy.js';
import { foreignJob, newToken, runFlags, startTenant } from '../../fixtures/remote-target/tenant.js';
import { gsc, tempDir } from '../support.js';

/**
 * Issue 8 §8, a ledger that stays true: a create answered 5xx, or whose answer was lost, is
 * resolved during the run by listing the collection. The entry stays open only while the
 * listing cannot prove what exists, and a listing that is not a collection proves nothing.
 */
const token = newToken();
const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
});

async function tenant(options: Omit<EmulatorOptions, 'fixtures'> = {}): Promise<{ emu: EmulatorHandle; proxy: RecordingProxy }> {
  const emu = await startTenant(token, options);
  const proxy = await startRecordingProxy(emu.url);
  open.push(emu, proxy);
  return { emu, proxy };
}

const JOBS = /\/synchronization\/jobs$/;
const ONE_CREATE = ['--grep', '^create/answers-201-with-a-job$', '--reporter', 'json', '--consistency-timeout', '2s'];

async function runThrough(proxy: RecordingProxy, emu: EmulatorHandle, extra: string[] = []) {
  const out = tempDir('gsc-unanswered-');
  const run = await gsc(['run', ...runFlags(proxy.url, emu, token), ...ONE_CREATE, ...extra, '--out', out]);
  const ledger = join(out, 'ledger.jsonl');
  return { run, ledger, entries: readLedger(ledger).entries };
}

describe('a create the gateway answers 500 without passing it on', () => {
  it('is proven to have made nothing by listing, and the run leaves nothing open', async () => {
    const { emu, proxy } = await tenant();
    proxy.script((r) => (r.method === 'POST' && JOBS.test(r.path) ? { kind: 'answer', status: 500, json: { error: { code: 'InternalServerError', message: '' } } } : { kind: 'forward' }));
    const { run, entries } = await runThrough(proxy, emu);
    expect(run.stderr).not.toContain('may be left behind');
    expect(entries.find((e) => e.type === 'resolved')).toMatchObject({ outcome: 'nothing-new' });
    expect(pendingItems(entries)).toEqual({ items: [], intents: [] });
    expect(emu.jobs()).toEqual([]);
  });
});

describe('a create whose answer is lost after the tenant made the job', () => {
  it('is resolved by listing: the ledger records the job it proves the run\'s, and the run names it for gsc cleanup', async () => {
    const { emu, proxy } = await tenant();
    proxy.script((r) => (r.method === 'POST' && JOBS.test(r.path) ? { kind: 'hold-answer' } : { kind: 'forward' }));
    const { run, ledger, entries } = await runThrough(proxy, emu, ['--timeout', '1s']);
    proxy.release();
    const [job] = emu.jobs();
    expect(job).toBeDefined();
    expect(entries.find((e) => e.type === 'created')).toMatchObject({ id: job!.id, recovered: true });
    expect(pendingItems(entries).intents).toEqual([]);
    expect(run.stderr).toContain(`1 job(s) this run created may be left behind (${job!.id}); remove them with: gsc cleanup --target ${proxy.url} --ledger ${ledger}`);
  });
});

describe('a tenant whose lists come one job per page', () => {
  it('the listing before a create reads every page, so a lost create\'s job on the last page is still proven the run\'s', async () => {
    const { emu, proxy } = await tenant({ behaviours: ['paged-lists'] });
    const there = [await foreignJob(emu, token), await foreignJob(emu, token)];
    proxy.script((r) => (r.method === 'POST' && JOBS.test(r.path) ? { kind: 'hold-answer' } : { kind: 'forward' }));
    const { ledger, entries } = await runThrough(proxy, emu, ['--timeout', '1s']);
    proxy.release();

    expect(entries.find((e) => e.type === 'intent')).toMatchObject({ existingIds: there });
    const mine = emu.jobs().map((j) => j.id).filter((id) => !there.includes(id));
    expect(mine).toHaveLength(1);
    expect(entries.find((e) => e.type === 'created')).toMatchObject({ id: mine[0], recovered: true });
    expect(proxy.seen.filter((x) => x.method === 'GET' && x.path.includes('skiptoken')).length).toBeGreaterThanOrEqual(2);
    expect((await gsc(['cleanup', '--target', proxy.url, '--token', token, '--ledger', ledger])).code).toBe(0);
    expect(emu.jobs().map((j) => j.id).sort()).toEqual([...there].sort());
  });
});

describe('a listing that is not a collection', () => {
  it('never proves "nothing new": the create stays open', async () => {
    const { emu, proxy } = await tenant();
    let created = false;
    proxy.script((r) => {
      if (r.method === 'POST' && JOBS.test(r.path)) {
        created = true;
        return { kind: 'answer', status: 503, json: { error: { code: 'ServiceUnavailable', message: '' } }, headers: { 'retry-after': '0' } };
      }
      if (created && r.method === 'GET' && JOBS.test(r.path)) return { kind: 'answer', status: 200, json: { error: 'not a collection' } };
      return { kind: 'forward' };
    });
    const { run, entries } = await runThrough(proxy, emu);
    expect(entries.some((e) => e.type === 'resolved')).toBe(false);
    expect(pendingItems(entries).intents).toHaveLength(1);
    expect(run.stderr).toContain('1 job(s) this run created may be left behind (1 create(s) that answered 503: no job id is known, so gsc cleanup lists the collection to find them)');
  });
});

describe('a tenant whose create answers 201 without the job\'s id', () => {
  it('the run says what happened: the answer had no job id, not that it was lost; gsc cleanup finds the job by listing', async () => {
    const { emu, proxy } = await tenant({ deviations: ['created-job-id-missing'] });
    const { run, ledger } = await runThrough(proxy, emu);
    expect(emu.jobs()).toHaveLength(1);
    expect(run.stderr).toContain('1 job(s) this run created may be left behind (1 create(s) whose 201 answer had no job id: no job id is known, so gsc cleanup lists the collection to find them)');
    expect(run.stderr).not.toContain('lost');
    expect((await gsc(['cleanup', '--target', proxy.url, '--token', token, '--ledger', ledger])).code).toBe(0);
    expect(emu.jobs()).toEqual([]);
  });
});

describe('a create whose connection is dropped after it was sent', () => {
  it('is reported as sent with no answer, so it may have made its job, never as "no request was sent"', async () => {
    const { emu, proxy } = await tenant();
    proxy.script((r) => (r.method === 'POST' && JOBS.test(r.path) ? { kind: 'reset' } : { kind: 'forward' }));
    const out = tempDir('gsc-unanswered-');
    const run = await gsc(['run', ...runFlags(proxy.url, emu, token), '--grep', '^create/answers-201-with-a-job$', '--consistency-timeout', '1s', '--out', out]);

    expect(proxy.seen.some((x) => x.method === 'POST' && x.reset)).toBe(true);
    expect(run.stdout).toMatch(/step "newJob › create" could not be tested|step "create" could not be tested/);
    expect(run.stdout).toContain('(the request was sent and no answer came: what it asked for may have happened, a create may have made its job)');
    expect(run.stdout).not.toContain('(no request was sent)');
    const [c] = (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cases: { steps: { error?: { sent?: boolean } }[] }[] }).cases;
    expect(c!.steps[0]!.error?.sent).toBe(true);
  });
});
