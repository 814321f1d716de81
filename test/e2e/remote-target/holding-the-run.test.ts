import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingItems, readLedger } from '../../../src/execute/ledger/index.js';
import { builtCli, removeBuiltCli, spawnGsc } from '../../fixtures/remote-target/cli-process.js';
import { tenantSession } from '../../fixtures/remote-target/session.js';
import { allSteps, readResults, runFlags } from '../../fixtures/remote-target/tenant.js';
import { gsc, tempDir } from '../support.js';

const { token, scan, emulator: tenant, proxied, run } = tenantSession();
beforeAll(() => {
  builtCli();
}, 60_000);
afterAll(() => removeBuiltCli());

/**
 * A request already on its way when the 429 was written cannot honour it. On a busy machine the
 * client may write one it dispatched just before reading the 429 this long after: not counted.
 */
const IN_FLIGHT_MS = 250;
/** Requests a run at --concurrency 4 may have in flight at once. */
const IN_FLIGHT_AT_CONCURRENCY_4 = 8;

describe('a tenant that throttles every fifth request and answers 409 to the first DELETE of each job', () => {
  it('at --concurrency 4, the run passes, leaves no job, sends no request before its Retry-After, and says how long it waited', async () => {
    const emu = await tenant({ chaos: { throttleEvery: 5, retryAfterSeconds: 1 }, behaviours: ['conflict-on-first-delete'] });
    const out = tempDir('gsc-tenant-');
    scan.folder(out);

    // A process of its own, as a user runs it: the emulator's clock is not slowed by the client's work.
    const child = spawnGsc(['run', ...runFlags(emu.url, emu, token), '--concurrency', '4', '--out', out]);
    const { code } = await child.exit(240_000);
    scan.output('stdout of the throttled run', child.stdout());
    scan.output('stderr of the throttled run', child.stderr());

    expect(code, child.stdout() + child.stderr()).toBe(0);
    expect(emu.jobs()).toEqual([]);
    expect(emu.promisedWaits()).toBeGreaterThan(10);
    expect(emu.earlyArrivals(IN_FLIGHT_MS)).toEqual([]);
    // The few that came sooner were on their way when the 429 was written: never more per 429
    // than a run at --concurrency 4 has in flight (two requests per case slot, for the ledger's listing).
    const perWait = new Map<number, number>();
    for (const a of emu.earlyArrivals(0)) perWait.set(a.promisedAt, (perWait.get(a.promisedAt) ?? 0) + 1);
    expect(Math.max(0, ...perWait.values())).toBeLessThanOrEqual(IN_FLIGHT_AT_CONCURRENCY_4);
    const results = readResults(out) as ReturnType<typeof readResults> & { waitedMs: number };
    expect(results.counts.error).toBe(0);
    expect(results.waitedMs).toBeGreaterThanOrEqual(10_000);
    expect(child.stdout()).toMatch(/^Waited \d+(\.\d)? s in all because the target throttled the run$/m);
    // The 409s were retried and are in the report, on the steps that met them.
    const conflicted = allSteps(results).filter((s) => s.exchange?.request.method === 'DELETE' && s.retryReasons?.includes('409 Conflict'));
    expect(conflicted.length).toBeGreaterThan(5);
    expect(conflicted.every((s) => s.exchange!.response.status === 204 || s.exchange!.response.status === 404)).toBe(true);
  }, 300_000);
});

describe('a tenant that throttles every third request, with many requests in flight at once', () => {
  // The gate holds every request of the run, whatever the concurrency: 16 workers meet a 429
  // together, and none of them may come back before its Retry-After has passed.
  it('at --concurrency 16, every case passes and no request arrives before its Retry-After, beyond those already in flight', async () => {
    const emu = await tenant({ chaos: { throttleEvery: 3, retryAfterSeconds: 1 } });
    const out = tempDir('gsc-tenant-');
    scan.folder(out);

    const child = spawnGsc(['run', ...runFlags(emu.url, emu, token), '--tags', 'read-only', '--repeat', '4', '--concurrency', '16', '--out', out]);
    const { code } = await child.exit(240_000);
    scan.output('stdout of the run at --concurrency 16', child.stdout());
    scan.output('stderr of the run at --concurrency 16', child.stderr());

    expect(code, child.stdout() + child.stderr()).toBe(0);
    expect(emu.promisedWaits()).toBeGreaterThan(5);
    expect(emu.earlyArrivals(IN_FLIGHT_MS)).toEqual([]);
    const perWait = new Map<number, number>();
    for (const a of emu.earlyArrivals(0)) perWait.set(a.promisedAt, (perWait.get(a.promisedAt) ?? 0) + 1);
    expect(Math.max(0, ...perWait.values())).toBeLessThanOrEqual(16);
    expect(readResults(out).counts.error).toBe(0);
  }, 300_000);
});

describe('waits a user can see and bound', () => {
  it('shows every wait of 5 s or more on stderr, and ends the run as incomplete (exit 3) when --max-wait is spent', async () => {
    // The preflight meets a 6 s Retry-After twice: the first wait is shown, the second spends the budget.
    const emu = await tenant({ chaos: { throttleShare: 1, retryAfterSeconds: 6 } });

    const started = performance.now();
    const r = await run([...runFlags(emu.url, emu, token), '--max-wait', '10s']);

    expect(r.code).toBe(3);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(r.stderr).toContain(
      `gsc: waiting 6 s before the next request to the target: GET /v1.0/servicePrincipals/${emu.fixtures.servicePrincipalId}/synchronization/templates answered 429 Too Many Requests, Retry-After: 6`,
    );
    expect(r.stderr).toContain('the target kept throttling beyond the --max-wait budget (10 s)');
    expect(r.results.aborted?.code).toBe('throttled');
    expect((r.results as typeof r.results & { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(6000);
    expect(emu.requestCount()).toBe(2);
  }, 60_000);

  it('a Retry-After of 120 s with a budget of 1m ends the run at once, saying so, instead of holding it silently', async () => {
    const emu = await tenant({ chaos: { throttleShare: 1, retryAfterSeconds: 120 } });

    const started = performance.now();
    const r = await run([...runFlags(emu.url, emu, token), '--max-wait', '1m']);

    expect(r.code).toBe(3);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(r.stderr).toContain('gsc: the target asks for a wait of 120 s');
    expect(r.stderr).toContain('the target kept throttling beyond the --max-wait budget (60 s)');
  }, 60_000);

  it('refuses a --max-wait or --cleanup-timeout without a unit', async () => {
    const emu = await tenant();
    for (const flag of ['--max-wait', '--cleanup-timeout']) {
      const r = await gsc(['run', ...runFlags(emu.url, emu, token), flag, '120', '--ledger', 'off']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${flag} 120: add a unit, e.g. 120s or 120ms`);
    }
  });
});

describe('cleanup that outlasts replication', () => {
  it('retries a DELETE answering 409 until --cleanup-timeout, then leaves the job to gsc cleanup and says so', async () => {
    const emu = await tenant();
    const proxy = await proxied(emu);
    proxy.script((r) =>
      r.method === 'DELETE'
        ? { kind: 'answer', status: 409, json: { error: { code: 'Conflict', message: 'replication has not caught up', innerError: { date: '2026-12-01T12:00:00' } } } }
        : { kind: 'forward' },
    );

    const r = await run([...runFlags(proxy.url, emu, token), '--grep', '^get/answers-200-with-the-job$', '--cleanup-timeout', '4s']);

    const deletes = proxy.seen.filter((x) => x.method === 'DELETE');
    expect(deletes.length).toBeGreaterThan(2);
    const [job] = emu.jobs();
    expect(job).toBeDefined();
    const cleanupStep = allSteps(r.results).find((s) => s.phase === 'cleanup')!;
    expect(cleanupStep.status).toBe('error');
    expect(cleanupStep.error?.message).toContain('still got 409 Conflict when --cleanup-timeout (4 s) ran out; what it cleans is left to `gsc cleanup`');
    expect(r.stderr).toContain(`may be left behind (${job!.id}); remove them with: gsc cleanup --target ${proxy.url}`);
    expect(r.stderr).toContain(`--ledger ${join(r.out, 'ledger.jsonl')}`);
    expect(pendingItems(readLedger(join(r.out, 'ledger.jsonl')).entries).items.map((i) => i.id)).toEqual([job!.id]);
  }, 60_000);

  it('a 409 on a case\'s own DELETE is retried and shown, and the answer judged is the first that is not transient', async () => {
    const emu = await tenant({ behaviours: ['conflict-on-first-delete'] });

    const r = await run([...runFlags(emu.url, emu, token), '--grep', '^delete/']);

    expect(r.code).toBe(0);
    const del = allSteps(r.results).filter((s) => s.caseId === 'delete/answers-204-then-gone' && s.exchange?.request.method === 'DELETE')[0]!;
    expect(del).toMatchObject({ status: 'passed', retries: 1, retryReasons: ['409 Conflict'] });
    expect(del.exchange!.response.status).toBe(204);
    expect(emu.jobs()).toEqual([]);
  }, 60_000);
});

describe('a stopped run', () => {
  it('SIGTERM aborts the request in flight at once, cleans up, and exits 130 within seconds', async () => {
    const emu = await tenant();
    const proxy = await proxied(emu);
    // The start request never gets an answer: only aborting it lets the run stop.
    proxy.script((r) => (r.method === 'POST' && r.path.endsWith('/start') ? { kind: 'hold' } : { kind: 'forward' }));
    const out = tempDir('gsc-tenant-');
    scan.folder(out);

    const child = spawnGsc(['run', ...runFlags(proxy.url, emu, token), '--out', out, '--grep', '^start/', '--timeout', '5m']);
    await child.until(() => proxy.held() > 0, 'start in flight', 30_000);
    const stopped = performance.now();
    child.child.kill('SIGTERM');
    const { code } = await child.exit(20_000);
    scan.output('stdout of the stopped run', child.stdout());
    scan.output('stderr of the stopped run', child.stderr());

    expect(code).toBe(130);
    expect(performance.now() - stopped).toBeLessThan(10_000);
    expect(child.stderr()).toContain('gsc: interrupted; stopping the requests in flight and cleaning up');
    expect(emu.jobs()).toEqual([]);
    const [started] = readResults(out).cases;
    expect(started!.steps.find((s) => s.name === 'start')).toMatchObject({ status: 'error', error: { code: 'aborted' } });
    proxy.release();
  }, 60_000);
});

describe('what these runs left to read', () => {
  it('holds the bearer token nowhere', () => {
    scan.expectNoLeaks();
  });
});
