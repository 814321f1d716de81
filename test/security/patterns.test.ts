import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkExchange, createSchemaStore } from '../../src/assert/index.js';
import { MAX_PATTERN_INPUT } from '../../src/common/user-pattern.js';
import type { Case, Suite } from '../../src/model/index.js';
import { selectCases, SelectionError } from '../../src/plan/select.js';
import { at, exchangeOf, expecting, SCHEMAS } from '../assert/helpers.js';
import { ROOT } from '../load/helpers.js';

// Each of these would backtrack for longer than any test runs with JavaScript's RegExp.
const ctx = { schemas: createSchemaStore([join(SCHEMAS, 'graph'), join(SCHEMAS, 'common')]) };

function suiteWithTitle(title: string): Suite {
  const c = { id: 'list/long-title', title, tags: [], level: 'MUST', steps: [], cleanup: [] } as unknown as Case;
  return { id: 'x', cases: [c] } as unknown as Suite;
}

describe('user patterns run in linear time (issue 9 #5)', () => {
  it('gsc list --grep \'^(\\w+\\s?)+$\' against a long title ends, matching nothing', () => {
    const title = `${'word '.repeat(40)}!`;
    expect(selectCases([suiteWithTitle(title)], { grep: '^(\\w+\\s?)+$' })).toEqual([]);
    expect(selectCases([suiteWithTitle('word word')], { grep: '^(\\w+\\s?)+$' })).toHaveLength(1);
  });

  it('a --grep RE2 cannot compile is a SelectionError saying why and how to fix it', () => {
    expect(() => selectCases([], { grep: '^(?=list)' })).toThrow(SelectionError);
    expect(() => selectCases([], { grep: '^(?=list)' })).toThrow(/--grep "\^\(\?=list\)" is not a valid regular expression: invalid perl operator: \(\?= \(patterns use RE2 syntax.*no lookahead/);
  });

  it('--grep stays case-insensitive', () => {
    expect(selectCases([suiteWithTitle('Create a job')], { grep: 'CREATE' })).toHaveLength(1);
  });

  it('a suite\'s pattern "^(a+)+$" against a long answer ends with a finding', () => {
    const exchange = exchangeOf({ json: { id: `${'a'.repeat(100_000)}b` } });
    const findings = checkExchange(exchange, expecting({ values: [{ pointer: '/id', pattern: '^(a+)+$', span: at(10) }] }), ctx);
    expect(findings).toMatchObject([{ check: 'value-matches-pattern', message: '/id must match /^(a+)+$/' }]);
  });

  it('a value too long to match is a finding that says so, never a crash', () => {
    const exchange = exchangeOf({ json: { id: 'a'.repeat(MAX_PATTERN_INPUT + 1) } });
    const findings = checkExchange(exchange, expecting({ values: [{ pointer: '/id', pattern: '^a+$', span: at(10) }] }), ctx);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toBe(`/id must be at most ${MAX_PATTERN_INPUT} characters long and match /^a+$/`);
  });
});

describe('the shipped ISO 8601 duration pattern, rewritten without lookahead', () => {
  const yaml = parse(readFileSync(join(ROOT, 'suites/synchronization-jobs/create.yaml'), 'utf8')) as { cases: { steps: { expect?: { json?: Record<string, { pattern?: string }> } }[] }[] };
  const shipped = yaml.cases.flatMap((c) => c.steps).map((s) => s.expect?.json?.['/schedule/interval']?.pattern).find((p) => p !== undefined)!;
  // The pattern as it was, with lookaheads: the rewrite must accept and refuse exactly what it did.
  const before = /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
  const after = new RegExp(shipped);

  it('accepts and refuses the documented examples', () => {
    for (const s of ['P10675199DT2H48M5.4775807S', 'PT40M', 'P1D', 'PT0.5S', '-P1Y2M3W4DT5H6M7S']) expect([s, after.test(s)]).toEqual([s, true]);
    for (const s of ['P', 'PT', 'P1YT', 'P1H', 'PT1D', 'P1M1Y', '10675199.02:48:05.4775807', 'P1.5D']) expect([s, after.test(s)]).toEqual([s, false]);
  });

  it('agrees with the lookahead pattern on every string of up to five pieces', () => {
    const pieces = ['-', 'P', 'T', '1', '12', 'Y', 'M', 'W', 'D', 'H', 'S', '.5', 'x'];
    const differ: string[] = [];
    const walk = (s: string, depth: number): void => {
      if (before.test(s) !== after.test(s)) differ.push(s);
      if (depth > 0) for (const p of pieces) walk(s + p, depth - 1);
    };
    walk('', 5);
    expect(differ).toEqual([]);
  });
});
