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
    const s = summary({ skips: { 'needs-allow-writes': 30, 'optional-route-missing': 4, 'needs-variable': 1 } });
    expect(scopeText(s)).toBe('3 of 38 cases (35 skipped: 30 need --allow-writes, 4 optional route not implemented by the target, 1 needs-variable)');
  });

  it('says nothing of skips when none was skipped', () => {
    expect(scopeText(summary({ counts: { passed: 38, failed: 0, error: 0, skipped: 0 }, skips: {} }))).toBe('38 of 38 cases');
  });

  it('under --require-all, an incomplete verdict says why', () => {
    const s = summary({ verdict: 'incomplete', conformant: false, requiredSkipped: 2 });
    expect(verdictLine(s, 'MUST', [])).toBe('Conformance NOT shown at level MUST: no MUST case failed, but not everything was tested; 2 MUST cases skipped, and --require-all needs every one to run.');
  });

  it('results.json keeps the skips by reason code', () => {
    expect(resultsJson(undefined, [], summary({})).skips).toEqual({ 'needs-allow-writes': 35 });
  });
});
