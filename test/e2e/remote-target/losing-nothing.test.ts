import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../../src/emulator/index.js';
import { pendingItems, readLedger } from '../../../src/execute/ledger/index.js';
import { gsc, tempDir } from '../support.js';
import { builtCli, removeBuiltCli, spawnGsc, type GscProcess } from '../../fixtures/remote-target/cli-process.js';
import { LeakScan } from '../../fixtures/remote-target/leaks.js';
import { startRecordingProxy, type RecordingProxy } from '../../fixtures/remote-target/proxy.js';
import { foreignJob, newToken, readResults, runFlags, startTenant } from '../../fixtures/remote-target/tenant.js';

const token = newToken();
const scan = new LeakScan();
scan.secret({ label: 'the bearer token', value: token });
const open: { close(): Promise<void> }[] = [];
beforeAll(() => {
  builtCli();
}, 60_000);
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
  removeBuiltCli();
});

async function tenant(options: Parameters<typeof startTenant>[1] = {}): Promise<{ emu: EmulatorHandle; proxy: RecordingProxy }> {
  const emu = await startTenant(token, options);
  const proxy = await startRecordingProxy(emu.url);
  open.push(emu, proxy);
  return { emu, proxy };
}

/** `gsc ARGS` as a process; its output is kept for the leak scan once it ends. */
function gscProcess(args: string[]): GscProcess {
  const p = spawnGsc(args);
  p.child.once('close', () => {
    scan.output(`stdout of gsc ${args.join(' ')}`, p.stdout());
    scan.output(`stderr of gsc ${args.join(' ')}`, p.stderr());
  });
  return p;
}

/** `gsc cleanup`, as the platform team's next pipeline step runs it once the run's process is gone. */
async function cleanup(ledger: string, target: string) {
  const args = ['cleanup', '--target', target, '--ledger', ledger, '--token', token];
  const result = await gsc(args);
  scan.output(`stdout of gsc ${args.join(' ')}`, result.stdout);
  scan.output(`stderr of gsc ${args.join(' ')}`, result.stderr);
  return result;
}

const ids = (emu: EmulatorHandle) => emu.jobs().map((j) => j.id).sort();
const JOBS = /\/synchronization\/jobs$/;

describe('Ctrl-C in the middle of a run', () => {
  it('stops the request in flight, cleans up, exits 130, and leaves only the jobs it did not make', async () => {
    const { emu, proxy } = await tenant();
    const before = await foreignJob(emu, token);
    // The first case's `start` request waits at the door, so Ctrl-C lands while a step is in flight.
    proxy.script((r) => (r.method === 'POST' && r.path.endsWith('/start') ? { kind: 'hold' } : { kind: 'forward' }));
    const out = tempDir('gsc-tenant-');
    scan.folder(out);

    const run = gscProcess(['run', ...runFlags(proxy.url, emu, token), '--out', out, '--grep', '^(start|pause)/']);
    await run.until(() => proxy.held() > 0, 'step in flight');
    const during = await foreignJob(emu, token, 'Slack');
    expect(emu.jobs()).toHaveLength(3);
    run.child.kill('SIGINT');
    await run.until(() => run.stderr().includes('gsc: interrupted; stopping the requests in flight and cleaning up'), 'word that the run is stopping');
    proxy.script(() => ({ kind: 'forward' }));
    proxy.release();
    const { code } = await run.exit();

    expect(code).toBe(130);
    expect(run.stdout()).toMatch(/Run aborted: interrupted: \d+ case\(s\) not run/);
    expect(ids(emu)).toEqual([before, during].sort());
    const results = readResults(out);
    expect(results.aborted?.code).toBe('aborted');
    expect(results.cases.map((c) => c.id)).toEqual(['start/answers-204-and-activates']);
    const [started] = results.cases;
    expect(started).toMatchObject({ status: 'error', error: { code: 'aborted' } });
    expect(started!.steps.map((st) => [st.name, st.status, st.skipReason])).toEqual([
      ['newJob › create', 'passed', undefined],
      ['start', 'error', undefined],
      ['schedule-is-active', 'skipped', 'step "start" did not pass'],
      ['newJob › deleteJob › delete-job', 'passed', undefined],
    ]);
    // The request in flight was stopped at once, not waited for.
    expect(started!.steps[1]!.error?.code).toBe('aborted');
    const ledger = readLedger(join(out, 'ledger.jsonl'));
    expect(ledger.entries.map((e) => e.type)).toEqual(['intent', 'created', 'deleted']);
    expect(pendingItems(ledger.entries)).toMatchObject({ items: [], intents: [] });
  });
});

describe('Ctrl-C while creates are in flight', () => {
  it('finds the jobs those creates made by listing, deletes them, exits 130, and leaves nothing for gsc cleanup', async () => {
    const { emu, proxy } = await tenant();
    const before = await foreignJob(emu, token);
    // Every create reaches the tenant, which makes the job; its answer is held, so Ctrl-C lands with it in flight.
    proxy.script((r) => (r.method === 'POST' && JOBS.test(r.path) ? { kind: 'hold-answer' } : { kind: 'forward' }));
    const out = tempDir('gsc-tenant-');
    scan.folder(out);

    const run = gscProcess(['run', ...runFlags(proxy.url, emu, token), '--out', out, '--grep', '^create/(answers-201|new-job-)', '--concurrency', '3', '--cleanup-timeout', '30s']);
    await run.until(() => proxy.held() >= 3, 'three creates made on the tenant with their answers held');
    expect(ids(emu)).toHaveLength(4);
    run.child.kill('SIGINT');
    const { code } = await run.exit();

    expect(code).toBe(130);
    expect(run.stderr()).not.toContain('may be left behind');
    expect(ids(emu)).toEqual([before]);
    const ledger = readLedger(join(out, 'ledger.jsonl'));
    expect(pendingItems(ledger.entries)).toMatchObject({ items: [], intents: [] });
    expect(ledger.entries.filter((e) => e.type === 'created')).toHaveLength(3);
    expect(ledger.entries.filter((e) => e.type === 'created').every((e) => e.type === 'created' && e.recovered === true)).toBe(true);
    expect(ledger.entries.filter((e) => e.type === 'deleted')).toHaveLength(3);
    const requests = proxy.seen.length;
    const after = await cleanup(join(out, 'ledger.jsonl'), proxy.url);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('Nothing to clean up.');
    expect(proxy.seen.length).toBe(requests);
  });
});

describe('Ctrl-C twice', () => {
  it('stops during cleanup, exits 130, and names the job left behind and how to remove it', async () => {
    const { emu, proxy } = await tenant();
    // Hold the start (first Ctrl-C lands in a step, which it stops at once), and the cleanup's
    // DELETE that follows straight away (second Ctrl-C lands in cleanup).
    proxy.script((r) => ((r.method === 'POST' && r.path.endsWith('/start')) || r.method === 'DELETE' ? { kind: 'hold' } : { kind: 'forward' }));
    const out = tempDir('gsc-tenant-');
    scan.folder(out, ['ledger.jsonl']);

    const run = gscProcess(['run', ...runFlags(proxy.url, emu, token), '--out', out, '--grep', '^start/']);
    await run.until(() => proxy.held() > 0, 'start in flight');
    run.child.kill('SIGINT');
    await run.until(() => run.stderr().includes('gsc: interrupted'), 'word that the run is stopping');
    await run.until(() => proxy.seen.some((x) => x.method === 'DELETE'), 'cleanup DELETE in flight');
    run.child.kill('SIGINT');
    const { code } = await run.exit();

    expect(code).toBe(130);
    const [job] = emu.jobs();
    expect(job).toBeDefined();
    expect(run.stderr()).toContain(`gsc: stopped before cleanup finished. 1 job(s) this run created may be left behind (${job!.id}); remove them with: gsc cleanup --target ${proxy.url} --ledger ${join(out, 'ledger.jsonl')}`);
    proxy.script(() => ({ kind: 'forward' }));
    proxy.release();
    expect((await cleanup(join(out, 'ledger.jsonl'), proxy.url)).code).toBe(0);
    expect(emu.jobs()).toEqual([]);
  });
});

describe('a run killed (SIGKILL) in the middle', () => {
  it('leaves its jobs; gsc cleanup deletes exactly those, and a second cleanup has nothing to do', async () => {
    const { emu, proxy } = await tenant();
    const before = await foreignJob(emu, token);
    // Hold the run's first DELETE at the door: the run stalls with a job made and recorded.
    proxy.script((r) => (r.method === 'DELETE' ? { kind: 'hold' } : { kind: 'forward' }));
    const out = tempDir('gsc-tenant-');
    scan.folder(out, ['ledger.jsonl']);

    const run = gscProcess(['run', ...runFlags(proxy.url, emu, token), '--out', out]);
    await run.until(() => proxy.held() > 0, 'DELETE held at the door');
    const during = await foreignJob(emu, token, 'Slack');
    run.child.kill('SIGKILL');
    expect((await run.exit()).signal).toBe('SIGKILL');

    const left = ids(emu).filter((id) => id !== before && id !== during);
    expect(left.length).toBeGreaterThanOrEqual(1);
    proxy.script(() => ({ kind: 'forward' }));
    const ledger = join(out, 'ledger.jsonl');
    const first = await cleanup(ledger, proxy.url);

    expect(first.code).toBe(0);
    for (const id of left) expect(first.stdout).toMatch(new RegExp(`^deleted +${id.replace(/\./g, '\\.')} `, 'm'));
    expect(first.stdout).toContain(`gsc cleanup: ${left.length} deleted, 0 already gone, 0 failed, 0 possibly left behind`);
    expect(ids(emu)).toEqual([before, during].sort());

    const requests = proxy.seen.length;
    const second = await cleanup(ledger, proxy.url);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to clean up.');
    expect(proxy.seen.length).toBe(requests);
    expect(ids(emu)).toEqual([before, during].sort());
  });

  it('while a create was answered but the answer never arrived: cleanup finds that job, proves it the run\'s, and deletes it', async () => {
    const { emu, proxy } = await tenant();
    const before = await foreignJob(emu, token);
    proxy.script((r) => (r.method === 'POST' && JOBS.test(r.path) ? { kind: 'hold-answer' } : { kind: 'forward' }));
    const out = tempDir('gsc-tenant-');
    scan.folder(out, ['ledger.jsonl']);

    const run = gscProcess(['run', ...runFlags(proxy.url, emu, token), '--out', out]);
    await run.until(() => proxy.held() > 0, 'create made on the tenant with its answer held');
    run.child.kill('SIGKILL');
    await run.exit();

    const left = ids(emu).filter((id) => id !== before);
    expect(left).toHaveLength(1);
    const ledger = join(out, 'ledger.jsonl');
    expect(pendingItems(readLedger(ledger).entries)).toMatchObject({ items: [], intents: [{ type: 'intent' }] });
    proxy.script(() => ({ kind: 'forward' }));
    const first = await cleanup(ledger, proxy.url);

    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^deleted +${left[0]!.replace(/\./g, '\\.')} .*recovered a create whose answer was lost`, 'm'));
    expect(ids(emu)).toEqual([before]);
    const second = await cleanup(ledger, proxy.url);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to clean up.');
  });

  it('never deletes a job someone else made while the answer was lost: both are reported, cleanup exits 1', async () => {
    const { emu, proxy } = await tenant();
    proxy.script((r) => (r.method === 'POST' && JOBS.test(r.path) ? { kind: 'hold-answer' } : { kind: 'forward' }));
    const out = tempDir('gsc-tenant-');
    scan.folder(out, ['ledger.jsonl']);

    const run = gscProcess(['run', ...runFlags(proxy.url, emu, token), '--out', out]);
    await run.until(() => proxy.held() > 0, 'create made on the tenant with its answer held');
    // Same template, same service principal: nothing tells it from the run's own job.
    const during = await foreignJob(emu, token);
    run.child.kill('SIGKILL');
    await run.exit();

    const runs = ids(emu).filter((id) => id !== during);
    expect(runs).toHaveLength(1);
    proxy.script(() => ({ kind: 'forward' }));
    const first = await cleanup(join(out, 'ledger.jsonl'), proxy.url);

    expect(first.code).toBe(1);
    for (const id of [during, runs[0]!]) expect(first.stdout).toMatch(new RegExp(`^POSSIBLY LEFT BEHIND +${id.replace(/\./g, '\\.')} .*delete it by hand if it is yours`, 'm'));
    expect(first.stdout).toContain('gsc cleanup: 0 deleted, 0 already gone, 0 failed, 2 possibly left behind');
    expect(proxy.seen.filter((x) => x.method === 'DELETE')).toEqual([]);
    expect(ids(emu)).toEqual([during, runs[0]!].sort());
  });
});

describe('a run killed after the listing before its create failed', () => {
  it('gives cleanup no licence to delete a job that was there before: it is reported, never deleted', async () => {
    const { emu, proxy } = await tenant();
    const before = await foreignJob(emu, token);
    // The listing before the run's first create fails (500 is not retried); the create never reaches the tenant.
    proxy.script((r) => {
      if (r.method === 'GET' && JOBS.test(r.path)) return { kind: 'answer', status: 500, json: { error: { code: 'InternalServerError', message: '' } } };
      return r.method === 'POST' && JOBS.test(r.path) ? { kind: 'hold' } : { kind: 'forward' };
    });
    const out = tempDir('gsc-tenant-');
    scan.folder(out, ['ledger.jsonl']);

    const run = gscProcess(['run', ...runFlags(proxy.url, emu, token), '--out', out]);
    await run.until(() => proxy.held() > 0, 'create held at the door');
    run.child.kill('SIGKILL');
    await run.exit();
    expect(ids(emu)).toEqual([before]);
    proxy.script(() => ({ kind: 'forward' }));
    const first = await cleanup(join(out, 'ledger.jsonl'), proxy.url);

    expect(proxy.seen.filter((x) => x.method === 'DELETE')).toEqual([]);
    expect(ids(emu)).toEqual([before]);
    expect(first.stdout).toMatch(new RegExp(`^POSSIBLY LEFT BEHIND +${before.replace(/\./g, '\\.')} .*could not be listed before the create`, 'm'));
    expect(first.code).toBe(1);
  });
});

describe('a run killed after a create whose listing was throttled once', () => {
  it('retried the listing, so cleanup still proves the lost create\'s job the run\'s and deletes only it', async () => {
    const { emu, proxy } = await tenant();
    const before = await foreignJob(emu, token);
    let listings = 0;
    proxy.script((r) => {
      if (r.method === 'GET' && JOBS.test(r.path) && ++listings === 1) return { kind: 'reset' };
      return r.method === 'POST' && JOBS.test(r.path) ? { kind: 'hold-answer' } : { kind: 'forward' };
    });
    const out = tempDir('gsc-tenant-');
    scan.folder(out, ['ledger.jsonl']);

    const run = gscProcess(['run', ...runFlags(proxy.url, emu, token), '--out', out]);
    await run.until(() => proxy.held() > 0, 'create made on the tenant with its answer held');
    run.child.kill('SIGKILL');
    await run.exit();
    const runs = ids(emu).filter((id) => id !== before);
    expect(runs).toHaveLength(1);
    proxy.script(() => ({ kind: 'forward' }));
    const first = await cleanup(join(out, 'ledger.jsonl'), proxy.url);

    expect(first.stdout).toMatch(new RegExp(`^deleted +${runs[0]!.replace(/\./g, '\\.')} .*recovered a create whose answer was lost`, 'm'));
    expect(first.code).toBe(0);
    expect(ids(emu)).toEqual([before]);
  });
});

describe('what the interrupted and killed runs and their cleanups left to read', () => {
  it('holds the bearer token nowhere: not in a report, the ledger, stdout or stderr', () => {
    scan.expectNoLeaks();
  });
});
