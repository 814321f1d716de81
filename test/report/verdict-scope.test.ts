import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/model/index.js';
import { resultsJson } from '../../src/report/json.js';
import { scopeText, verdictLine } from '../../src/report/verdict.js';

/** Issue 8 §8: "Conformant" always says on how much, and results.json counts skips by reason. */
const summary = (over: Partial<RunSummary>): RunSummary => ({
  counts: { passed: 3, failed: 0, error: 0, skipped: 35 },
  durationMs: 10,
  verdict: 'conformant',
  conformant: true,
  skips: { 'needs-allow-writes': 35 },
  ...over,
});

describe('on how much a verdict stands', () => {
  it('names the one reason cases were skipped for', () => {
    expect(verdictLine(summary({}), 'MUST', [])).toBe('Conformant on 3 of 38 cases (35 skipped: need --allow-writes), at level MUST: no MUST case failed.');
  });

  it('counts each reason when there are several; an unknown code reads as itself', () => {
    const s = summary({ skips: { 'needs-allow-writes': 28, 'optional-route-missing': 4, 'needs-variable': 2, 'a-future-reason': 1 } });
    expect(scopeText(s)).toBe('3 of 38 cases (35 skipped: 28 need --allow-writes, 4 optional route not implemented by the target, 2 need a user variable, 1 a-future-reason)');
  });

  it('says nothing of skips when none was skipped', () => {
    expect(scopeText(summary({ counts: { passed: 38, failed: 0, error: 0, skipped: 0 }, skips: {} }))).toBe('38 of 38 cases');
  });

  it('a --duration that ended within the first round says so, not "aborted"', () => {
    const s = summary({ verdict: 'incomplete', conformant: false, skips: {}, counts: { passed: 3, failed: 0, error: 0, skipped: 0 }, aborted: { code: 'duration', message: 'the duration ended during the first round: 2 of the 5 selected cases never ran; give a longer --duration' } });
    expect(verdictLine(s, 'MUST', [])).toBe('Conformance NOT shown at level MUST: no MUST case failed, but not everything was tested; the duration ended before every selected case ran once.');
  });

  it('under --require-all, an incomplete verdict says why', () => {
    const s = summary({ verdict: 'incomplete', conformant: false, requiredSkipped: 2 });
    expect(verdictLine(s, 'MUST', [])).toBe('Conformance NOT shown at level MUST: no MUST case failed, but not everything was tested; 2 MUST cases skipped, and --require-all needs every one to run.');
  });

  it('words failures across levels naturally: how many, then how many of each level', () => {
    const s = summary({ verdict: 'non-conformant', conformant: false, counts: { passed: 35, failed: 3, error: 0, skipped: 0 }, skips: {} });
    const cases = [
      { id: 'create/a', level: 'MUST', status: 'failed' },
      { id: 'get/b', level: 'SHOULD', status: 'failed' },
      { id: 'list/c', level: 'MUST', status: 'failed' },
    ] as const;
    expect(verdictLine(s, 'MAY', [...cases])).toBe('NOT conformant at level MAY: 3 cases failed, 2 MUST and 1 SHOULD (create/a, get/b, list/c).');
    expect(verdictLine(s, 'MUST', [...cases])).toBe('NOT conformant at level MUST: 2 MUST cases failed (create/a, list/c); 1 failure below MUST does not count.');
    expect(verdictLine(summary({}), 'MAY', [])).toBe('Conformant on 3 of 38 cases (35 skipped: need --allow-writes), at level MAY: no MUST, SHOULD or MAY case failed.');
    expect(verdictLine(summary({}), 'SHOULD', [])).toContain('no MUST or SHOULD case failed.');
  });

  it('results.json keeps the skips by reason code', () => {
    expect(resultsJson(undefined, [], summary({})).skips).toEqual({ 'needs-allow-writes': 35 });
  });
});
