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

/**
 * What a terminal shows after the chunks written so far: `\r` goes back to the start of the line,
 * `\x1b[K` erases to its end, `\n` starts a new one. Enough of a terminal for one-line progress.
 */
function screen(chunks: readonly string[]): string[] {
  const lines = [''];
  let col = 0;
  for (const part of chunks.join('').split(/(\r|\n|\x1b\[K)/)) {
    const row = lines.length - 1;
    if (part === '\r') col = 0;
    else if (part === '\n') (lines.push(''), (col = 0));
    else if (part === '\x1b[K') lines[row] = lines[row]!.slice(0, col);
    else if (part) (lines[row] = lines[row]!.slice(0, col) + part + lines[row]!.slice(col + part.length), (col += part.length));
  }
  return lines;
}

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

  it('on a terminal, a notice (a wait for Retry-After) is printed on a line of its own, the live line drawn again below it', async () => {
    const { stream, chunks } = capture(true);
    const live = createLiveLine({ stream, intervalMs: 20, stats: () => ({ requests: 0, p50: 0, p95: 0, p99: 0 }) });
    await live.onRunStart!({ tool: { name: 'gsc', version: '0' }, target: 't', startedAt: '', total: 2, failLevel: 'MUST' });
    await new Promise((r) => setTimeout(r, 50));
    const before = chunks.length;
    live.aside(() => stream.write('gsc: waited 5 s for Retry-After\n'));
    expect(chunks.slice(before)).toEqual(['\r\x1b[K', 'gsc: waited 5 s for Retry-After\n', expect.stringMatching(/^\r\x1b\[Kgsc: 0\/2 cases done/)]);
    await live.onRunEnd!({ counts: { passed: 0, failed: 0, error: 0, skipped: 0 }, durationMs: 50, verdict: 'incomplete', conformant: false });
  });

  it('in a --duration run, with no total known, counts one case as "1 case"', async () => {
    const { stream, chunks } = capture(false);
    const live = createLiveLine({ stream, intervalMs: 20, stats: () => ({ requests: 1, p50: 1, p95: 1, p99: 1 }) });
    await live.onRunStart!({ tool: { name: 'gsc', version: '0' }, target: 't', startedAt: '', total: 0, failLevel: 'MUST' });
    live.onCaseEnd!(result('passed'));
    await new Promise((r) => setTimeout(r, 50));
    await live.onRunEnd!({ counts: { passed: 1, failed: 0, error: 0, skipped: 0 }, durationMs: 50, verdict: 'conformant', conformant: true });
    expect(chunks.at(-1)).toMatch(/^gsc: 1 case done \(1 passed, 0 failed\) · /);
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

  it('at a terminal, stays at the bottom: every case line is printed above it, and it is drawn again at once below', async () => {
    const tty = capture(true);
    const screens: string[][] = [];
    // The console's stdout and the live line's stderr are the same terminal.
    const write = tty.stream.write.bind(tty.stream);
    Object.assign(tty.stream, { write: (s: string) => (write(s), screens.push(screen(tty.chunks)), true) });
    const r = await run({ tags: ['smoke'], reporters: ['console'], repeat: 2, stdout: tty.stream, liveStream: tty.stream });
    expect(r.counts.passed).toBe(6);

    // After each case's line, the next thing on the screen is the live line below it, counting that case.
    const caseLines = tty.chunks.flatMap((chunk, i) => (/^\[\d+\/6\] PASS /.test(chunk) ? [i] : []));
    expect(caseLines).toHaveLength(6);
    caseLines.forEach((i, n) => {
      const after = screens[i + 1]!;
      expect(after.at(-2)).toMatch(new RegExp(`^\\[${n + 1}/6\\] PASS `));
      expect(after.at(-1)).toMatch(new RegExp(`^gsc: ${n + 1}/6 cases done \\(${n + 1} passed, 0 failed\\) · [\\d.]+ req/s · p50 `));
    });
    // It never lingers in what the run prints last, and was never left in the middle of a case line.
    const shown = screen(tty.chunks);
    expect(shown.filter((l) => l.startsWith('gsc: ') && l.includes('cases done'))).toEqual([]);
    expect(shown.filter((l) => /PASS .*gsc: /.test(l))).toEqual([]);
  });

  it('on a narrow terminal, is cut to its width, so that rewriting it never leaves a wrapped row behind', async () => {
    const { stream, chunks } = capture(true);
    Object.assign(stream, { columns: 60 });
    const live = createLiveLine({ stream, intervalMs: 60_000, stats: () => ({ requests: 0, p50: 1, p95: 2, p99: 3 }) });
    await live.onRunStart!({ tool: { name: 'gsc', version: '0' }, target: 't', startedAt: '', total: 2, failLevel: 'MUST' });
    await live.onCaseEnd!(result('passed'));
    await live.below.onCaseEnd!(result('passed'));
    expect(chunks.at(-1)).toBe(`\r\x1b[K${'gsc: 1/2 cases done (1 passed, 0 failed) · 0.0 req/s · p50 1.00 ms'.slice(0, 58)}…`);
    expect([...chunks.at(-1)!.slice(4)].length).toBe(59);
    await live.onRunEnd!({ counts: { passed: 1, failed: 0, error: 0, skipped: 0 }, durationMs: 1, verdict: 'conformant', conformant: true });
  });

  it('in a CI log, prints nothing more when a case ends: a line per interval only', async () => {
    const { stream, chunks } = capture(false);
    const live = createLiveLine({ stream, intervalMs: 60_000, stats: () => ({ requests: 0, p50: 0, p95: 0, p99: 0 }) });
    await live.onRunStart!({ tool: { name: 'gsc', version: '0' }, target: 't', startedAt: '', total: 2, failLevel: 'MUST' });
    for (const r of [live, live.below, live, live.below]) await r.onCaseEnd!(result('passed'));
    expect(chunks).toEqual([]);
    await live.onRunEnd!({ counts: { passed: 2, failed: 0, error: 0, skipped: 0 }, durationMs: 1, verdict: 'conformant', conformant: true });
    expect(chunks).toHaveLength(1);
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
