import { describe, expect, it } from 'vitest';
import { durationMs, parseDuration } from '../../src/common/duration.js';
import { pointerProblem, resolvePointer } from '../../src/common/pointer.js';
import { substituteTemplate, templateReferences } from '../../src/common/template.js';

describe('durations: one grammar for flags, environment, config and suites', () => {
  it('reads a number and its unit', () => {
    expect(['500ms', '30s', '1.5s', '2m', '1h', ' 30s '].map((t) => durationMs(t))).toEqual([500, 30_000, 1_500, 120_000, 3_600_000, 30_000]);
  });

  it('refuses a bare number and says which unit to add', () => {
    expect(parseDuration('30')).toEqual({ problem: 'add a unit, e.g. 30s or 30ms' });
    expect(parseDuration(250)).toEqual({ problem: 'add a unit, e.g. 250s or 250ms' });
  });

  it('refuses anything else with the units it knows', () => {
    for (const bad of ['30 seconds', '30S', '', 's', '-5s', '05s', '1.s', '2d', null, true]) expect(parseDuration(bad), String(bad)).toHaveProperty('problem', expect.stringMatching(/ms, s, m or h|unit/));
  });

  it('lets a caller ask for a minimum', () => {
    expect(durationMs('0s')).toBe(0);
    expect(durationMs('0s', 1)).toBeUndefined();
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
    expect(resolvePointer(doc, '/a/b~1c/1')).toEqual({ found: true, value: null });
    expect(resolvePointer(doc, '/~0')).toEqual({ found: true, value: 1 });
    expect(resolvePointer(doc, '')).toEqual({ found: true, value: doc });
    expect(resolvePointer(doc, '/a/b~1c/2')).toEqual({ found: false });
    expect(resolvePointer(doc, '/a/b~1c/01')).toEqual({ found: false });
    expect(resolvePointer(doc, '/toString')).toEqual({ found: false });
    expect(resolvePointer(doc, 'a')).toEqual({ found: false });
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

  it('substitutes the names the loader accepts and leaves a malformed reference as written', () => {
    expect(substituteTemplate('/sp/{{ sp }}/jobs/{{jobId}}/{{job id}}', (n) => n.toUpperCase())).toBe('/sp/SP/jobs/JOBID/{{job id}}');
  });
});
