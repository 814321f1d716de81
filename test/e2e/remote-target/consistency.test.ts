import { describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../../src/emulator/index.js';
import type { RecordingProxy } from '../../fixtures/remote-target/proxy.js';
import { tenantSession } from '../../fixtures/remote-target/session.js';
import { allSteps, runFlags } from '../../fixtures/remote-target/tenant.js';

const { token, scan, emulator, proxied, run } = tenantSession();

/** A tenant where a new job is invisible to reads for `delayMs`, as Graph's replicas lag behind a write. */
async function laggingTenant(delayMs: number): Promise<{ emu: EmulatorHandle; proxy: RecordingProxy }> {
  const emu = await emulator({ consistencyDelayMs: delayMs });
  return { emu, proxy: await proxied(emu) };
}

const JOB_BY_ID = /\/synchronization\/jobs\/[^/?]+$/;

describe('a tenant that is eventually consistent after a create', () => {
  it('passes the read-after-write cases when --consistency-timeout outlasts the lag, polling until the job shows', async () => {
    // The lag is wide enough that a busy machine still sends the first read inside it.
    const { emu, proxy } = await laggingTenant(1500);

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
    const { emu, proxy } = await laggingTenant(3000);

    const r = await run([...runFlags(proxy.url, emu, token), '--tags', 'read-after-write', '--concurrency', '3', '--consistency-timeout', '500ms']);

    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  create/job-readable-by-id');
    expect(r.stdout).toContain('FAIL  create/job-appears-in-list');
    // The failure shows the exchange judged: the last poll's request and its 404.
    const failure = r.stdout.slice(r.stdout.indexOf('FAIL  create/job-readable-by-id —'));
    expect(failure).toMatch(/step "get-by-id" failed at suites\/synchronization-jobs\/create\.yaml:\d+:\d+ \(2 attempts/);
    expect(failure).toMatch(/status must be 200/);
    expect(failure).toMatch(/request: GET http:\/\/127\.0\.0\.1:\d+\/v1\.0\/servicePrincipals\/[^/]+\/synchronization\/jobs\/\S+/);
    expect(failure).toMatch(/response: 404/);
    const get = allSteps(r.results).find((s) => s.name === 'get-by-id')!;
    expect(get).toMatchObject({ status: 'failed', attempts: 2, exchange: { response: { status: 404 } } });
    // The one shown is the last poll the tenant received, in the console and in results.json.
    const polls = proxy.seen.filter((x) => x.method === 'GET' && JOB_BY_ID.test(x.path));
    const lastPoll = polls.filter((x) => x.path === new URL(get.exchange!.request.url).pathname).at(-1)!;
    expect(get.exchange!.request.headers['client-request-id']).toBe(lastPoll.clientRequestId);
    expect(failure).toContain(`client-request-id: ${lastPoll.clientRequestId}`);
    // Writes see the job at once, so cleanup still removed it.
    expect(emu.jobs()).toEqual([]);
  });

  it('stopped (SIGINT) while waiting for the job to show, reports the case as interrupted, not failed, and cleans up', async () => {
    const { emu, proxy } = await laggingTenant(30_000);
    const interrupt = new AbortController();
    proxy.script((x) => {
      if (x.method === 'GET' && JOB_BY_ID.test(x.path)) setTimeout(() => interrupt.abort(), 50);
      return { kind: 'forward' };
    });
    const started = performance.now();

    const r = await run([...runFlags(proxy.url, emu, token), '--grep', '^create/job-readable-by-id$', '--consistency-timeout', '20s'], interrupt.signal);

    expect(performance.now() - started).toBeLessThan(5000);
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
