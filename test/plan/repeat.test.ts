import { describe, expect, it } from 'vitest';
import type { Case, PlannedCase } from '../../src/model/index.js';
import { caseInstances, instanceCount } from '../../src/plan/index.js';

const span = { file: 's.yaml', line: 1, col: 1 };
const planned = (id: string): PlannedCase => ({ suite: 's', case: { id, title: id, level: 'MUST', tags: [], doc: '', optional: false, writes: false, steps: [], cleanup: [], span } as Case });
const cases = [planned('a'), planned('b')];
const ids = (it: Iterable<PlannedCase>) => [...it].map((p) => (p.instance === undefined ? p.case.id : `${p.case.id}#${p.instance}`));

describe('repeating the plan', () => {
  it('runs each case once, unnumbered, by default', () => {
    expect(ids(caseInstances(cases))).toEqual(['a', 'b']);
    expect(instanceCount(cases, {})).toBe(2);
  });

  it('--repeat 3 runs round after round, each instance numbered', () => {
    expect(ids(caseInstances(cases, { repeat: 3 }))).toEqual(['a#1', 'b#1', 'a#2', 'b#2', 'a#3', 'b#3']);
    expect(instanceCount(cases, { repeat: 3 })).toBe(6);
  });

  it('--duration hands out instances until the time is up, then stops, mid-round if need be', () => {
    let clock = 0;
    const it = caseInstances(cases, { durationMs: 100, now: () => clock })[Symbol.iterator]();
    const taken: string[] = [];
    for (let n = it.next(); !n.done; n = it.next()) {
      taken.push(`${n.value.case.id}#${n.value.instance}`);
      clock += 30; // each instance takes 30 ms of the clock
    }
    expect(taken).toEqual(['a#1', 'b#1', 'a#2', 'b#2']);
    expect(instanceCount(cases, { durationMs: 100 })).toBeUndefined();
  });

  it('--repeat and --duration together stop at whichever comes first', () => {
    expect(ids(caseInstances(cases, { repeat: 2, durationMs: 60_000, now: () => 0 }))).toEqual(['a#1', 'b#1', 'a#2', 'b#2']);
  });

  it('makes instances as they are taken, so a long soak holds one round, not all of them', () => {
    const it = caseInstances(cases, { repeat: 1_000_000_000 })[Symbol.iterator]();
    for (let i = 0; i < 5; i++) it.next();
    expect(it.next().value!.instance).toBe(3);
  });
});
