import { describe, expect, it } from 'vitest';
import { tenantSession } from '../../fixtures/remote-target/session.js';
import { allSteps, runFlags } from '../../fixtures/remote-target/tenant.js';

// What a platform team runs against a real tenant (README): nothing that replaces secrets or provisions users.
const REAL_TENANT_SELECTION = ['--tags', '!destructive,!needs-credentials'];

const { token, scan, emulator: tenant, proxied, run } = tenantSession();

describe('a tenant that throttles some requests', () => {
  it('still passes; every retry is in results.json with its reason, and each matches a throttled answer the target gave', async () => {
    const emu = await tenant({ chaos: { throttleShare: 0.1, unavailableShare: 0.05, retryAfterSeconds: 0, seed: 11 } });
    const proxy = await proxied(emu);

    const r = await run([...runFlags(proxy.url, emu, token), ...REAL_TENANT_SELECTION]);

    expect(r.stdout).toMatch(/^gsc: \d+ passed, 0 failed, 0 errors, 0 skipped/m);
    expect(r.code).toBe(0);
    const steps = allSteps(r.results);
    const reasons = steps.flatMap((s) => s.retryReasons ?? []);
    expect(reasons).toContain('429 Too Many Requests, Retry-After: 0');
    expect(reasons).toContain('503 Service Unavailable, Retry-After: 0');
    expect(steps.filter((s) => s.retries > 0).every((s) => s.status === 'passed' && s.retryReasons?.length === s.retries)).toBe(true);

    // A step sent once (no polling) carries one client-request-id through its retries: the target
    // saw exactly retries + 1 arrivals of it, the first `retries` of them throttled.
    const retried = steps.filter((s) => s.retries > 0 && s.attempts === s.retries + 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const step of retried) {
      const id = step.exchange!.request.headers['client-request-id'];
      const arrivals = proxy.seen.filter((x) => x.clientRequestId === id);
      const where = `${step.caseId} ${step.name}`;
      expect(arrivals, where).toHaveLength(step.retries + 1);
      expect(step.retryReasons!.map((reason) => Number(reason.slice(0, 3))), where).toEqual(arrivals.slice(0, -1).map((a) => a.status));
      expect(arrivals.at(-1)!.status, where).toBe(step.exchange!.response.status);
    }
    expect(emu.jobs()).toEqual([]);
  });

  it('waits as long as Retry-After says before sending again, and no longer than it needs', async () => {
    // Seed 583 answers: pass (the preflight), 429, 503, then pass: two waits of one second each.
    const emu = await tenant({ chaos: { throttleShare: 0.3, unavailableShare: 0.3, retryAfterSeconds: 1, seed: 583 } });
    const proxy = await proxied(emu);

    const r = await run([...runFlags(proxy.url, emu, token), '--grep', '^list/answers-200']);

    expect(r.code).toBe(0);
    const list = allSteps(r.results).find((s) => s.name === 'list')!;
    expect(list.retryReasons).toEqual(['429 Too Many Requests, Retry-After: 1', '503 Service Unavailable, Retry-After: 1']);
    const arrivals = proxy.seen.filter((x) => x.clientRequestId === list.exchange!.request.headers['client-request-id']);
    expect(arrivals.map((a) => a.status)).toEqual([429, 503, 200]);
    // As long as Retry-After says: the tenant saw no retry sooner (a busy machine only makes it later).
    for (const [i, throttled] of arrivals.slice(0, -1).entries()) {
      const waited = arrivals[i + 1]!.arrivedAt - throttled.answeredAt!;
      expect(waited).toBeGreaterThanOrEqual(995);
      // Never a second wait on top of it (a backoff after the Retry-After), however busy the machine.
      expect(waited).toBeLessThan(2000);
    }
    // And no longer: the run held its requests for exactly the two seconds the target asked for.
    expect((r.results as typeof r.results & { waitedMs: number }).waitedMs).toBe(2000);
  });
});

describe('a tenant that throttles forever', () => {
  const throttled = (status: number) => ({
    kind: 'answer' as const,
    status,
    headers: { 'retry-after': '0' },
    json: { error: { code: status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: 'try later', innerError: { date: '2026-11-29T12:00:00' } } },
  });

  it.each([[429], [503]])('answering %s from the first request stops the run before any case, with exit 3', async (status) => {
    const emu = await tenant({});
    const proxy = await proxied(emu);
    proxy.script(() => throttled(status));

    const r = await run([...runFlags(proxy.url, emu, token), '--grep', '^create/answers-201-with-a-job$']);

    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`the target still answered ${status} to its first request after every retry`);
    expect(r.stdout).not.toMatch(/PASS|FAIL/);
    expect(proxy.seen).toHaveLength(5);
  });

  it.each([
    [429, 'the target still answered 429 after 4 retries'],
    [503, 'the target still answered 503 after 4 retries'],
  ])('answering %s once the run is going ends the steps in error, not failed nor passed, and the run exits 3', async (status, message) => {
    const emu = await tenant({});
    const proxy = await proxied(emu);
    // The preflight's template listing goes through; everything after it is throttled.
    proxy.script((req) => (req.method === 'GET' && req.path.endsWith('/synchronization/templates') ? { kind: 'forward' } : throttled(status)));

    // requires-template-id expects "any 4xx": a 429 must not pass it.
    const r = await run([...runFlags(proxy.url, emu, token), '--grep', '^create/(answers-201-with-a-job|requires-template-id)$']);

    expect(r.code).toBe(3);
    expect(r.stdout).toContain('ERROR create/answers-201-with-a-job');
    expect(r.stdout).toContain('ERROR create/requires-template-id');
    expect(r.stdout).toContain(message);
    expect(r.stdout).toMatch(/^gsc: 0 passed, 0 failed, 2 errors, 0 skipped/m);
    expect(r.results.counts).toEqual({ passed: 0, failed: 0, error: 2, skipped: 0 });
    for (const c of r.results.cases) {
      expect(c.error?.code).toBe('throttled');
      expect(c.steps[0]).toMatchObject({ status: 'error', attempts: 5, retries: 4, findings: [] });
    }
    expect(emu.jobs()).toEqual([]);
  });
});

describe('what the throttled runs left to read', () => {
  it('holds the bearer token nowhere: not in a report, the ledger, stdout or stderr', () => {
    scan.expectNoLeaks();
  });
});
