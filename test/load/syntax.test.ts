import { describe, expect, it } from 'vitest';
import { parseDuration, pointerProblem, resolvePointer, templateReferences } from '../../src/load/syntax.js';

describe('durations', () => {
  it('reads 500ms, 30s, 2m and plain milliseconds', () => {
    expect([parseDuration('500ms'), parseDuration('30s'), parseDuration('2m'), parseDuration(250)]).toEqual([500, 30_000, 120_000, 250]);
  });

  it('refuses anything else, zero included', () => {
    for (const bad of ['30 seconds', '1.5s', '1h', '', 's', '0s', 0, -5, 1.5, null, true]) expect(parseDuration(bad), String(bad)).toBeUndefined();
  });
});

describe('JSON pointers', () => {
  it('accepts the whole document and /-separated names with ~0 and ~1', () => {
    for (const ok of ['', '/', '/id', '/value/0/status', '/a~1b/c~0d', '/@odata.context']) expect(pointerProblem(ok), ok).toBeUndefined();
  });

  it('says what is wrong with a malformed one', () => {
    expect(pointerProblem('id')).toMatch(/starts with `\/`/);
    expect(pointerProblem('/a~2')).toMatch(/~0/);
    expect(pointerProblem('/a~')).toMatch(/~0/);
  });

  it('resolves names and array indexes, and tells a missing value from null', () => {
    const doc = { a: { 'b/c': [10, null] }, '~': 1 };
    expect(resolvePointer(doc, '/a/b~1c/1')).toEqual({ value: null });
    expect(resolvePointer(doc, '/~0')).toEqual({ value: 1 });
    expect(resolvePointer(doc, '')).toEqual({ value: doc });
    expect(resolvePointer(doc, '/a/b~1c/2')).toBeUndefined();
    expect(resolvePointer(doc, '/a/b~1c/01')).toBeUndefined();
    expect(resolvePointer(doc, '/toString')).toBeUndefined();
  });
});

describe('template references', () => {
  it('finds every {{name}}, spaces inside allowed as the run allows them', () => {
    expect(templateReferences('/sp/{{servicePrincipalId}}/jobs/{{ jobId }}')).toEqual([
      { name: 'servicePrincipalId', text: '{{servicePrincipalId}}', index: 4, wellFormed: true },
      { name: 'jobId', text: '{{ jobId }}', index: 32, wellFormed: true },
    ]);
  });

  it('marks what is not a name', () => {
    expect(templateReferences('{{job id}} {{}} {{1x}}').map((r) => r.wellFormed)).toEqual([false, false, false]);
    expect(templateReferences('no braces, { single }, }} {{')).toEqual([]);
  });
});
