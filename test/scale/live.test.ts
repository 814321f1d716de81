import { describe, expect, it } from 'vitest';
import { createLiveLine } from '../../src/report/index.js';
import { GscUsageError, run, type CaseResult } from '../../src/index.js';

/** A stream that keeps what is written, as a CI log would. */
function capture(isTTY = false) {
  const chunks: string[] = [];
  const stream = { isTTY, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WritableStream & { isTTY?: boolean };
  return { stream, chunks };
}

const result = (status: CaseResult['status']) => ({ status }) as CaseResult;

describe('the live line', () => {
  it('in a CI log, prints a line at each interval with cases done, passed, failed, requests per second and p50/p95/p99', async () => {
    const { stream, chunks } = capture(false);
    let clock = 0;
    let requests = 0;
    const live = createLiveLine({ stream, intervalMs: 30, now: () => clock, stats: () => ({ requests, p50: 2.5, p95: 12.25, p99: 130.4 }) });
    await live.onRunStart!({ tool: { name: 'gsc', version: '0' }, target: 't', startedAt: '', total: 4, failLevel: 'MUST' });
    live.onCaseEnd!(result('passed'));
    live.onCaseEnd!(result('failed'));
    live.onCaseEnd!(result('passed'));
    clock = 2000;
    requests = 50;
    await new Promise((r) => setTimeout(r, 80));
    expect(chunks.length).toBeGreaterThanOrEqual(1);
    expect(chunks[0]).toBe('gsc: 3/4 cases done (2 passed, 1 failed) · 25.0 req/s · p50 2.50 ms · p95 12.3 ms · p99 130 ms · 0:02\n');
    expect(chunks.every((c) => c.endsWith('\n') && !c.includes('\r'))).toBe(true);
    await live.onRunEnd!({ counts: { passed: 2, failed: 1, error: 0, skipped: 0 }, durationMs: 2000, verdict: 'non-conformant', conformant: false });
    const printed = chunks.length;
    await new Promise((r) => setTimeout(r, 80));
    expect(chunks.length).toBe(printed); // stopped with the run
    expect(chunks.at(-1)).toMatch(/^gsc: 3\/4 cases done/);
  });

  it('on a terminal, rewrites one line and clears it before a case prints', async () => {
    const { stream, chunks } = capture(true);
    const live = createLiveLine({ stream, intervalMs: 20, stats: () => ({ requests: 0, p50: 0, p95: 0, p99: 0 }) });
    await live.onRunStart!({ tool: { name: 'gsc', version: '0' }, target: 't', startedAt: '', total: 2, failLevel: 'MUST' });
    await new Promise((r) => setTimeout(r, 50));
    expect(chunks[0]).toMatch(/^\r\x1b\[Kgsc: 0\/2 cases done/);
    expect(chunks.some((c) => c.includes('\n'))).toBe(false);
    live.onCaseEnd!(result('passed'));
    expect(chunks.at(-1)).toBe('\r\x1b[K');
    await live.onRunEnd!({ counts: { passed: 1, failed: 0, error: 0, skipped: 0 }, durationMs: 1, verdict: 'conformant', conformant: true });
  });

  it('run() shows it when cases repeat, in non-TTY mode a line per interval on the given stream', async () => {
    const { stream, chunks } = capture(false);
    const r = await run({ tags: ['smoke'], reporters: [], repeat: 4, liveStream: stream, liveInterval: '100ms' });
    expect(r.counts.passed).toBe(12);
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const l of lines) expect(l).toMatch(/^gsc: \d+\/12 cases done \(\d+ passed, \d+ failed\) · [\d.]+ req\/s · p50 [\d.]+ ms · p95 [\d.]+ ms · p99 [\d.]+ ms · \d+:\d\d$/);
    expect(lines.at(-1)).toMatch(/^gsc: 12\/12 cases done \(12 passed, 0 failed\)/);
  });

  it('stays off for a single round unless asked, and a bad mode is a usage error', async () => {
    const { stream, chunks } = capture(false);
    await run({ tags: ['smoke'], reporters: [], liveStream: stream });
    expect(chunks).toEqual([]);
    await run({ tags: ['smoke'], reporters: [], liveStream: stream, live: 'on' });
    expect(chunks.join('')).toMatch(/^gsc: 3\/3 cases done/);
    await expect(run({ reporters: [], live: 'sometimes' as 'on' })).rejects.toThrow(GscUsageError);
  });
});
