import { describe, expect, it } from 'vitest';
import type { Case, Suite } from '../../src/model/index.js';
import { planRun } from '../../src/plan/index.js';

const span = { file: 's.yaml', line: 1, col: 1 };
const c = (id: string, writes: boolean): Case => ({ id, title: id, level: 'MUST', tags: [], doc: '', optional: false, writes, steps: [], cleanup: [], span });
const suites: Suite[] = [{ file: 'a.yaml', id: 'a', title: 'A', cases: [c('list/read', false), c('create/write', true)] }];

describe('planning a run', () => {
  it('runs every selected case against a target on this machine', () => {
    const plan = planRun(suites, { target: { local: true } });
    expect(plan.cases.map((p) => [p.case.id, p.skip])).toEqual([['list/read', undefined], ['create/write', undefined]]);
    expect(plan.skips).toEqual({});
  });

  it('skips the cases that write against a remote target without allowWrites, with the reason as data', () => {
    const plan = planRun(suites, { target: { local: false } });
    expect(plan.cases.map((p) => [p.case.id, p.skip?.code])).toEqual([['list/read', undefined], ['create/write', 'needs-allow-writes']]);
    expect(plan.cases[1]!.skip!.message).toMatch(/--allow-writes/);
    expect(plan.skips).toEqual({ 'needs-allow-writes': 1 });
  });

  it('runs them with allowWrites', () => {
    expect(planRun(suites, { target: { local: false }, allowWrites: true }).cases.every((p) => !p.skip)).toBe(true);
  });
});
