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
 * The largest burst beyond the rate: how many ms early the worst request came, against starts
 * spaced `1000 / rps` ms apart from any earlier one. 0 means the rate held everywhere.
 */
function earliest(arrivals: number[], rps: number): number {
  const spacing = 1000 / rps;
  let worst = 0;
  for (let i = 0; i < arrivals.length; i++) {
    for (let j = i + 1; j < arrivals.length; j++) worst = Math.max(worst, (j - i) * spacing - (arrivals[j]! - arrivals[i]!));
  }
  return worst;
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

  it('spaces the requests 1/R seconds apart, even with cases in parallel', async () => {
    const { emu, proxy } = await tenant(0);

    const r = await run([...runFlags(proxy.url, emu, token), ...selection, '--concurrency', '4', '--max-rps', '20']);

    expect(r.code).toBe(0);
    const arrivals = proxy.seen.map((x) => x.arrivedAt);
    expect(arrivals.length).toBeGreaterThanOrEqual(15);
    // 20 requests per second is one per 50 ms; 20 ms of slack covers the timers of a busy machine.
    expect(earliest(arrivals, 20)).toBeLessThanOrEqual(20);
    const rate = (arrivals.length - 1) / ((arrivals.at(-1)! - arrivals[0]!) / 1000);
    expect(rate).toBeLessThanOrEqual(20.5);
  });

  it('without --max-rps the same run bursts well beyond that rate (so the check above can fail)', async () => {
    const { emu, proxy } = await tenant(0);

    const r = await run([...runFlags(proxy.url, emu, token), ...selection, '--concurrency', '4']);

    expect(r.code).toBe(0);
    expect(earliest(proxy.seen.map((x) => x.arrivedAt), 20)).toBeGreaterThan(100);
  });
});

describe('what the capped runs left to read', () => {
  it('holds the bearer token nowhere: not in a report, the ledger, stdout or stderr', () => {
    scan.expectNoLeaks();
  });
});
