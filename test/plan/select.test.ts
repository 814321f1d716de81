import { describe, expect, it } from 'vitest';
import type { Case, Suite } from '../../src/model/index.js';
import { SelectionError, selectCases } from '../../src/plan/select.js';

const span = { file: 's.yaml', line: 1, col: 1 };
const c = (id: string, tags: string[], title = id): Case => ({ id, title, level: 'MUST', tags, doc: '', optional: false, writes: true, steps: [], cleanup: [], span });
const suites: Suite[] = [
  { file: 'a.yaml', id: 'a', title: 'A', cases: [c('create/answers-201', ['create', 'smoke']), c('create/requires-template-id', ['create', 'validation'])] },
  { file: 'b.yaml', id: 'b', title: 'B', cases: [c('secrets/put', ['secrets', 'destructive'], 'Saving secrets')] },
];
const ids = (sel: Parameters<typeof selectCases>[1]) => selectCases(suites, sel).map((p) => p.case.id);

describe('selecting cases', () => {
  it('takes every case, in file order, when nothing is asked', () => {
    expect(ids({})).toEqual(['create/answers-201', 'create/requires-template-id', 'secrets/put']);
  });
  it('matches --grep against ids and titles, ignoring case', () => {
    expect(ids({ grep: 'TEMPLATE' })).toEqual(['create/requires-template-id']);
    expect(ids({ grep: 'saving' })).toEqual(['secrets/put']);
  });
  it('takes cases with any of the tags, and leaves out !tags', () => {
    expect(ids({ tags: ['smoke', 'secrets'] })).toEqual(['create/answers-201', 'secrets/put']);
    expect(ids({ tags: ['!destructive'] })).toEqual(['create/answers-201', 'create/requires-template-id']);
    expect(ids({ tags: ['create', '!validation'] })).toEqual(['create/answers-201']);
  });
  it('says plainly when --grep is not a regular expression', () => {
    expect(() => ids({ grep: '(' })).toThrow(SelectionError);
    expect(() => ids({ grep: '(' })).toThrow(/--grep "\(" is not a valid regular expression/);
  });
});
