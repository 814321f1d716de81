import { describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../../src/emulator/index.js';
import { tempDir } from '../support.js';
import type { RecordingProxy } from '../../fixtures/remote-target/proxy.js';
import { tenantSession } from '../../fixtures/remote-target/session.js';
import { allSteps, readResults, runFlags, startTenant } from '../../fixtures/remote-target/tenant.js';

const { token, scan, emulator, proxied, gscKept } = tenantSession();

async function tenant(options: Parameters<typeof startTenant>[1] = {}): Promise<{ emu: EmulatorHandle; proxy: RecordingProxy }> {
  const emu = await emulator(options);
  return { emu, proxy: await proxied(emu) };
}

async function run(args: string[]) {
  const out = tempDir('gsc-tenant-');
  const result = await gscKept(['run', ...args, '--out', out]);
  scan.folder(out);
  return { ...result, out, results: readResults(out) };
}

const JOB_BY_ID = /\/synchronization\/jobs\/[^/?]+$/;
const JOBS = /\/synchronization\/jobs$/;

describe('a tenant that answers slower than --timeout', () => {
  it('ends that step in error with a message naming the request and the limit, and goes on with the next case', async () => {
    const { emu, proxy } = await tenant();
    proxy.script((r) => (r.method === 'GET' && JOB_BY_ID.test(r.path) ? { kind: 'forward', delayMs: 3000 } : { kind: 'forward' }));

    const r = await run([...runFlags(proxy.url, emu, token), '--timeout', '300ms', '--grep', '^(create/job-readable-by-id|list/answers-200-with-value)$']);

    expect(r.code).toBe(3);
    expect(r.stdout).toContain('ERROR create/job-readable-by-id');
    expect(r.stdout).toContain('PASS  list/answers-200-with-value');
    expect(r.stdout).toMatch(/error: timeout: GET http:\/\/127\.0\.0\.1:\d+… got no complete answer within 300 ms \(--timeout bounds headers and body together\)/);
    const get = allSteps(r.results).find((s) => s.name === 'get-by-id')!;
    expect(get).toMatchObject({ status: 'error', error: { code: 'timeout' }, attempts: 1, retries: 0 });
    expect(get.durationMs).toBeLessThan(1500);
    // The case's cleanup still ran: the job it made is gone.
    expect(emu.jobs()).toEqual([]);
  });

  it('settles a create whose answer never came by listing: names the job it made, and gsc cleanup removes it', async () => {
    const { emu, proxy } = await tenant();
    proxy.script((r) => (r.method === 'POST' && JOBS.test(r.path) ? { kind: 'hold-answer' } : { kind: 'forward' }));

    const r = await run([...runFlags(proxy.url, emu, token), '--timeout', '300ms', '--grep', '^create/answers-201-with-a-job$']);

    expect(r.code).toBe(3);
    expect(r.stdout).toContain('ERROR create/answers-201-with-a-job');
    expect(proxy.seen.filter((x) => x.method === 'POST')).toHaveLength(1);
    expect(emu.jobs()).toHaveLength(1);
    const ledger = `${r.out}/ledger.jsonl`;
    const left = emu.jobs()[0]!.id;
    // The run listed the collection and proved the job its own, so it names it.
    expect(r.stderr).toContain(`gsc: 1 job(s) this run created may be left behind (${left}); remove them with: gsc cleanup --target ${proxy.url} --ledger ${ledger}`);

    proxy.script(() => ({ kind: 'forward' }));
    const cleanup = await gscKept(['cleanup', '--target', proxy.url, '--ledger', ledger, '--token', token]);

    expect(cleanup.stdout).toMatch(new RegExp(`^deleted +${left.replace(/\./g, '\\.')} `, 'm'));
    expect(cleanup.stdout).toContain('gsc cleanup: 1 deleted, 0 already gone, 0 failed, 0 possibly left behind');
    expect(cleanup.code).toBe(0);
    expect(emu.jobs()).toEqual([]);
  });
});

describe('a tenant that drops connections', () => {
  it('retries reads whose connection was reset, records why, and passes', async () => {
    // Seed 91 resets the 2nd and 5th requests: the first listing and a later read.
    const { emu, proxy } = await tenant({ chaos: { resetShare: 0.3, seed: 91 } });

    const r = await run([...runFlags(proxy.url, emu, token), '--tags', 'read-only']);

    expect(r.stdout).toMatch(/^gsc: 3 passed, 0 failed, 0 errors, 0 skipped/m);
    expect(r.code).toBe(0);
    const reasons = allSteps(r.results).flatMap((s) => s.retryReasons ?? []);
    expect(reasons.length).toBeGreaterThanOrEqual(1);
    for (const reason of reasons) expect(reason).toMatch(/^(ECONNRESET \(connection reset by the target\)|UND_ERR_SOCKET \(socket closed by the target\))$/);
    // Every dropped request was sent again, with the same client-request-id.
    const dropped = proxy.seen.filter((x) => x.reset);
    expect(dropped.length).toBeGreaterThanOrEqual(reasons.length);
    for (const d of dropped) expect(proxy.seen.some((x) => x.n > d.n && x.clientRequestId === d.clientRequestId && x.status !== undefined)).toBe(true);
  });

  it('never sends a create again after its connection dropped: one POST, an error, no duplicate job', async () => {
    const { emu, proxy } = await tenant();
    proxy.script((r) => (r.method === 'POST' && JOBS.test(r.path) ? { kind: 'reset' } : { kind: 'forward' }));

    const r = await run([...runFlags(proxy.url, emu, token), '--grep', '^create/answers-201-with-a-job$']);

    expect(r.code).toBe(3);
    const create = allSteps(r.results).find((s) => s.name === 'create')!;
    expect(create).toMatchObject({ status: 'error', error: { code: 'protocol' }, attempts: 1, retries: 0 });
    expect(create.error!.message).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+… failed: .+ \((ECONNRESET|UND_ERR_SOCKET)\)$/);
    expect(proxy.seen.filter((x) => x.method === 'POST')).toHaveLength(1);
    expect(emu.jobs()).toEqual([]);
  });
});

describe('what the slow and dropping runs left to read', () => {
  it('holds the bearer token nowhere: not in a report, the ledger, stdout or stderr', () => {
    scan.expectNoLeaks();
  });
});
