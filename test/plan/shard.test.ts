import { describe, expect, it } from 'vitest';
import type { Case, PlannedCase } from '../../src/model/index.js';
import { parseShard, shardCases } from '../../src/plan/index.js';

const span = { file: 's.yaml', line: 1, col: 1 };
const planned = (id: string): PlannedCase => ({ suite: 's', case: { id, title: id, level: 'MUST', tags: [], doc: '', optional: false, writes: false, steps: [], cleanup: [], span } as Case });
const cases = Array.from({ length: 11 }, (_, i) => planned(`c${i}`));
const split = (n: number, timings?: Map<string, number>) => Array.from({ length: n }, (_, i) => shardCases(cases, { index: i + 1, count: n }, timings).map((p) => p.case.id));

describe('sharding the plan', () => {
  it.each([1, 2, 3, 4, 11, 12, 40])('%i shards together hold each case exactly once, each in plan order, sizes within one', (n) => {
    const shards = split(n);
    expect(shards.flat().sort()).toEqual(cases.map((p) => p.case.id).sort());
    for (const s of shards) expect(s).toEqual([...s].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('more shards than cases leaves some empty, which is no error', () => {
    expect(split(40).filter((s) => s.length === 0)).toHaveLength(29);
  });

  it('is the same split every time it is computed (every machine of a CI matrix agrees)', () => {
    const timings = new Map(cases.map((p, i) => [p.case.id, (i * 37) % 13]));
    expect(split(3)).toEqual(split(3));
    expect(split(3, timings)).toEqual(split(3, new Map([...timings].reverse())));
  });

  it('with recorded durations, balances time: one long case gets a shard to itself', () => {
    const timings = new Map(cases.map((p) => [p.case.id, 10]));
    timings.set('c0', 100);
    const shards = split(2, timings);
    const load = shards.map((s) => s.reduce((n, id) => n + timings.get(id)!, 0));
    expect(shards[0]).toEqual(['c0']);
    expect(load).toEqual([100, 100]);
    // By count alone the same split is far worse: 6 and 5 cases, 150 ms against 50 ms.
    expect(split(2).map((s) => s.reduce((n, id) => n + timings.get(id)!, 0))).toEqual([150, 50]);
  });

  it('counts a case with no recorded time as the median of the others', () => {
    const timings = new Map([['c0', 50], ['c1', 10], ['c2', 10]]);
    expect(split(2, timings).flat().sort()).toEqual(cases.map((p) => p.case.id).sort());
  });

  it('reads i/n, and says what is wrong with anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('0/4')).toEqual({ problem: 'the shard index must be from 1 to 4' });
    expect(parseShard('5/4')).toEqual({ problem: 'the shard index must be from 1 to 4' });
    expect(parseShard('2')).toMatchObject({ problem: expect.stringMatching(/i\/n, e.g. 2\/4/) });
    expect(parseShard('1/0')).toMatchObject({ problem: expect.stringMatching(/at least 1/) });
  });
});
