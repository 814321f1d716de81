import { describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../../src/emulator/index.js';
import type { RecordingProxy } from '../../fixtures/remote-target/proxy.js';
import { tenantSession } from '../../fixtures/remote-target/session.js';
import { allSteps, runFlags } from '../../fixtures/remote-target/tenant.js';

const { token, scan, emulator, proxied, run } = tenantSession();

const JOB_BY_ID = /\/synchronization\/jobs\/([^/?]+)$/;
const JOBS = /\/synchronization\/jobs(\?.*)?$/;

/**
 * A tenant whose read replicas lag behind a write, counted in reads, not in time: each new job is
 * invisible to the first `reads` reads that would show it (a get answers 404 naming the job, a
 * list leaves it out), as a replica that has not caught up answers. Writes reach the primary at
 * once. Counting makes the lag the same on a busy machine as on an idle one: a lag in seconds
 * can pass before a slow machine sends its first read, and then nothing is polled.
 */
async function laggingTenant(reads: number): Promise<{ emu: EmulatorHandle; proxy: RecordingProxy }> {
  const emu = await emulator();
  const proxy = await proxied(emu);
  const sp = emu.fixtures.servicePrincipalId;
  const readsOf = new Map<string, number>();
  // For each create not yet caught up with: how many more lists leave its job out.
  let pending: number[] = [];
  proxy.script((r) => {
    const byId = JOB_BY_ID.exec(r.path);
    if (r.method === 'POST' && JOBS.test(r.path)) pending.push(reads);
    if (r.method !== 'GET') return { kind: 'forward' };
    if (byId) {
      const n = readsOf.get(byId[1]!) ?? 0;
      readsOf.set(byId[1]!, n + 1);
      if (n >= reads) return { kind: 'forward' };
      const id = decodeURIComponent(byId[1]!);
      return { kind: 'answer', status: 404, json: { error: { code: 'NotFound', message: `The synchronization job '${id}' does not exist on service principal '${sp}'.`, innerError: { date: new Date().toISOString().slice(0, 19) } } } };
    }
    if (!JOBS.test(r.path) || pending.length === 0) return { kind: 'forward' };
    pending = pending.map((n) => n - 1).filter((n) => n > 0);
    return { kind: 'answer', status: 200, json: { '@odata.context': `${emu.url}/$metadata#servicePrincipals('${sp}')/synchronization/jobs`, value: [] } };
  });
  return { emu, proxy };
}

describe('a tenant that is eventually consistent after a create', () => {
  it('passes the read-after-write cases when --consistency-timeout outlasts the lag, polling until the job shows', async () => {
    // Each job is invisible to its first read, so every read-after-write case must poll.
    const { emu, proxy } = await laggingTenant(1);

    const r = await run([...runFlags(proxy.url, emu, token), '--tags', 'read-after-write', '--concurrency', '3', '--consistency-timeout', '10s']);

    expect(r.stdout).toMatch(/^gsc: 3 passed, 0 failed, 0 errors, 0 skipped/m);
    expect(r.code).toBe(0);
    const steps = allSteps(r.results);
    // Each read met the lag first: a 404 (or a list without the job), then the job.
    for (const name of ['get-by-id', 'list-contains-job']) expect(steps.find((s) => s.name === name)!.attempts).toBeGreaterThanOrEqual(2);
    expect(proxy.seen.some((x) => x.method === 'GET' && JOB_BY_ID.test(x.path) && x.status === 404)).toBe(true);
    expect(emu.jobs()).toEqual([]);
  });

  it('fails them when --consistency-timeout is shorter than the lag, showing the last answer it got', async () => {
    // The replicas never catch up while the run waits: every read misses the job.
    const { emu, proxy } = await laggingTenant(Number.POSITIVE_INFINITY);

    // 3 s at one poll a second: several polls, even if a busy machine is slow to send the first.
    const r = await run([...runFlags(proxy.url, emu, token), '--tags', 'read-after-write', '--concurrency', '3', '--consistency-timeout', '3s']);

    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  create/job-readable-by-id');
    expect(r.stdout).toContain('FAIL  create/job-appears-in-list');
    // The failure shows the exchange judged: the last poll's request and its 404.
    const failure = r.stdout.slice(r.stdout.indexOf('FAIL  create/job-readable-by-id —'));
    expect(failure).toMatch(/step "get-by-id" failed at suites\/synchronization-jobs\/create\.yaml:\d+:\d+ \(\d+ attempts/);
    expect(failure).toMatch(/status must be 200/);
    expect(failure).toMatch(/request: GET http:\/\/127\.0\.0\.1:\d+\/v1\.0\/servicePrincipals\/[^/]+\/synchronization\/jobs\/\S+/);
    expect(failure).toMatch(/response: 404/);
    const get = allSteps(r.results).find((s) => s.name === 'get-by-id')!;
    expect(get).toMatchObject({ status: 'failed', exchange: { response: { status: 404 } } });
    // The one shown is the last poll the tenant received, in the console and in results.json.
    const polls = proxy.seen.filter((x) => x.method === 'GET' && x.path === new URL(get.exchange!.request.url).pathname);
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(get.attempts).toBe(polls.length);
    const lastPoll = polls.at(-1)!;
    expect(get.exchange!.request.headers['client-request-id']).toBe(lastPoll.clientRequestId);
    expect(failure).toContain(`client-request-id: ${lastPoll.clientRequestId}`);
    // Writes see the job at once, so cleanup still removed it.
    expect(emu.jobs()).toEqual([]);
  });

  it('stopped (SIGINT) while waiting for the job to show, reports the case as interrupted, not failed, and cleans up', async () => {
    const { emu, proxy } = await laggingTenant(Number.POSITIVE_INFINITY);
    const interrupt = new AbortController();
    const polled = (): number => proxy.seen.filter((x) => x.method === 'GET' && JOB_BY_ID.test(x.path)).length;
    // Interrupted once the tenant has answered the first poll: the run is waiting to poll again.
    const watch = setInterval(() => polled() > 0 && interrupt.abort(), 20);

    const r = await run([...runFlags(proxy.url, emu, token), '--grep', '^create/job-readable-by-id$', '--consistency-timeout', '20s'], interrupt.signal);
    clearInterval(watch);

    // It stopped waiting at once: a run that kept waiting would poll once a second for 20 s.
    expect(polled()).toBeLessThanOrEqual(2);
    expect(r.code).toBe(130);
    expect(r.results.counts).toEqual({ passed: 0, failed: 0, error: 1, skipped: 0 });
    const [c] = r.results.cases;
    expect(c).toMatchObject({ status: 'error', error: { code: 'aborted' } });
    expect(allSteps(r.results).find((s) => s.name === 'get-by-id')).toMatchObject({ status: 'error', error: { code: 'aborted' }, findings: [] });
    expect(r.stdout).not.toContain('FAIL');
    expect(emu.jobs()).toEqual([]);
  });
});

describe('what the lagging runs left to read', () => {
  it('holds the bearer token nowhere: not in a report, the ledger, stdout or stderr', () => {
    scan.expectNoLeaks();
  });
});
