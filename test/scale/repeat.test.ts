import { describe, expect, it } from 'vitest';
import { GscUsageError, run } from '../../src/index.js';

describe('repeating cases with run()', () => {
  it('repeat: 3 runs every selected case three times, each its own instance id#k', async () => {
    const result = await run({ tags: ['smoke'], reporters: [], repeat: 3 });
    const base = ['create/answers-201-with-a-job', 'list/answers-200-with-value', 'templates/answers-200-with-templates'];
    expect(result.cases.map((c) => c.id).sort()).toEqual(base.flatMap((id) => [1, 2, 3].map((k) => `${id}#${k}`)).sort());
    expect(result.counts).toEqual({ passed: 9, failed: 0, error: 0, skipped: 0 });
    expect(result.verdict).toBe('conformant');
  });

  it('duration stops handing out cases once the time is up; the cases running then finish', async () => {
    const result = await run({ tags: ['smoke'], reporters: [], duration: '2s', concurrency: 2 });
    expect(result.cases.length).toBeGreaterThan(3);
    expect(result.cases.every((c) => /#\d+$/.test(c.id))).toBe(true);
    const first = Math.min(...result.cases.map((c) => Date.parse(c.startedAt)));
    // No instance started after the deadline (a few ms of slack for the clock's granularity).
    for (const c of result.cases) expect(Date.parse(c.startedAt) - first).toBeLessThanOrEqual(2000 + 5);
  });

  it('a duration that ends before every selected case ran once makes the run incomplete, never conformant', async () => {
    // The whole shipped selection waits 3 s on the provisioning throttle: 500 ms cannot hold one round.
    const result = await run({ reporters: [], duration: '500ms' });
    const ran = new Set(result.cases.map((c) => c.id.split('#')[0]));
    expect(ran.size).toBeLessThan(45);
    expect(result.verdict).toBe('incomplete');
    expect(result.aborted).toEqual({ code: 'duration', message: `the duration ended during the first round: ${45 - ran.size} of the 45 selected cases never ran; give a longer --duration` });
  });

  it('on a terminal, a --duration run counts the cases done and the round, never more cases than it planned ([15/9])', async () => {
    const chunks: string[] = [];
    const terminal = { isTTY: true, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WritableStream;
    const result = await run({ tags: ['smoke'], reporters: ['console'], stdout: terminal, live: 'off', duration: '1s', concurrency: 2 });
    const text = chunks.join('');
    expect(text).toContain('3 cases a round, round after round for 1.0 s, failing level MUST');
    const counters = [...text.matchAll(/^\[([^\]]*)\] (PASS|FAIL)/gm)].map((m) => m[1]);
    expect(counters).toHaveLength(result.cases.length);
    expect(result.cases.length).toBeGreaterThan(3);
    // Each line says how many cases are done and the round of the one that just ended.
    counters.forEach((counter, i) => expect(counter).toBe(`${i + 1} · round ${result.cases[i]!.id.split('#')[1]}`));
    expect(text).not.toMatch(/\[\d+\/\d+\]/);
  });

  it('a bad repeat or duration is a usage error naming the option', async () => {
    await expect(run({ reporters: [], repeat: 0 })).rejects.toThrow(GscUsageError);
    await expect(run({ reporters: [], repeat: 0 })).rejects.toThrow(/--repeat "0" must be a whole number/);
    await expect(run({ reporters: [], duration: '10' })).rejects.toThrow(/--duration 10: add a unit/);
    await expect(run({ reporters: [], duration: '0s' })).rejects.toThrow(/--duration must be above 0/);
  });

  it('keepCases: false returns no cases, and the counts still add up', async () => {
    const seen: string[] = [];
    const result = await run({ tags: ['smoke'], reporters: [], repeat: 2, keepCases: false, onCaseEnd: (c) => void seen.push(c.id) });
    expect(result.cases).toEqual([]);
    expect(seen).toHaveLength(6);
    expect(result.counts.passed).toBe(6);
  });
});
