import { describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../../src/emulator/index.js';
import type { RecordingProxy } from '../../fixtures/remote-target/proxy.js';
import { tenantSession } from '../../fixtures/remote-target/session.js';
import { runFlags } from '../../fixtures/remote-target/tenant.js';

const { token, scan, emulator, proxied, run } = tenantSession();

/** A tenant behind a proxy that counts what arrives at its door. */
async function tenant(latencyMs: number): Promise<{ emu: EmulatorHandle; proxy: RecordingProxy }> {
  const emu = await emulator({ chaos: { latencyMs } });
  return { emu, proxy: await proxied(emu) };
}

/**
 * The most requests that arrived within any one second at the tenant's door. Counted, not timed
 * to the millisecond: a busy machine may deliver two spaced requests together, but it cannot
 * make more of them arrive in a second than the client sent in about that second.
 */
function busiestSecond(arrivals: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < arrivals.length; i++) {
    while (j < arrivals.length && arrivals[j]! - arrivals[i]! < 1000) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

describe('--concurrency caps the requests in flight at the tenant', () => {
  it.each([
    [1, 1],
    [3, 2],
  ])('with --concurrency %i, at most that many requests are in flight at once (and at least %i)', async (concurrency, atLeast) => {
    const { emu, proxy } = await tenant(10);

    const r = await run([...runFlags(proxy.url, emu, token), '--grep', '^create/(answers|new-job|requires|rejects)', '--concurrency', String(concurrency)]);

    expect(r.code).toBe(0);
    expect(r.results.counts.failed + r.results.counts.error).toBe(0);
    expect(proxy.maxInFlight()).toBeLessThanOrEqual(concurrency);
    // The cap is what held the load down: the run did use the room it had.
    expect(proxy.maxInFlight()).toBeGreaterThanOrEqual(atLeast);
    expect(emu.jobs()).toEqual([]);
  });
});

describe('--max-rps caps the request rate at the tenant', () => {
  const selection = ['--grep', '^create/(answers-201-with-a-job|new-job-schedule-is-disabled|new-job-status-never-ran|requires-template-id|rejects-null-template-id|rejects-empty-template-id)$'];

  it('lets no more than R requests a second reach the tenant, even with cases in parallel', async () => {
    const { emu, proxy } = await tenant(0);

    const r = await run([...runFlags(proxy.url, emu, token), ...selection, '--concurrency', '4', '--max-rps', '5']);

    expect(r.code).toBe(0);
    const arrivals = proxy.seen.map((x) => x.arrivedAt);
    expect(arrivals.length).toBeGreaterThanOrEqual(15);
    // 5 a second, one more for a request a busy machine delivered late, together with the next.
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(5 + 1);
    // Over the whole run the rate held too: n arrivals are n - 1 gaps of 200 ms, less at most one gap for a late first arrival.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual((arrivals.length - 2) * 200);
  });

  it('without --max-rps the same run sends far more in a second (so the check above can fail)', async () => {
    const { emu, proxy } = await tenant(0);

    const r = await run([...runFlags(proxy.url, emu, token), ...selection, '--concurrency', '4']);

    expect(r.code).toBe(0);
    expect(busiestSecond(proxy.seen.map((x) => x.arrivedAt))).toBeGreaterThan(2 * 5);
  });
});

describe('what the capped runs left to read', () => {
  it('holds the bearer token nowhere: not in a report, the ledger, stdout or stderr', () => {
    scan.expectNoLeaks();
  });
});
