import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkExchange, createSchemaStore } from '../../src/assert/index.js';
import type { Expectation } from '../../src/model/index.js';
import { exchangeOf } from '../assert/helpers.js';
import { FORMAT_SCHEMA, lint } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'gsc-negation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

/** Lints a suite whose one step expects `expect` (YAML, indented as under `expect:`); returns that step's expectation. */
async function expectationOf(expect: string) {
  const file = join(dir, `case-${++counter}.yaml`);
  writeFileSync(
    file,
    `$schema: ${relative(dir, FORMAT_SCHEMA)}\nsuite: checks/x\ntitle: X\ndoc: https://example.com/doc\ncases:\n  - id: checks/x-${counter}\n    title: X\n    level: MUST\n    steps:\n` +
      `      - name: get\n        request: { method: GET, path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs" }\n        expect:\n          status: 200\n${expect}`,
  );
  const result = await lint(file);
  return { result, expectation: result.suites[0]?.cases[0]?.steps[0]?.expect };
}

/** The expectation without its spans, to compare two ways of writing it. */
const meaning = (e: Expectation | undefined) => JSON.parse(JSON.stringify(e, (k, v) => (k === 'span' ? undefined : v)));

const ctx = { schemas: createSchemaStore([]) };

describe('not: on an expectation', () => {
  it('means what the shorthands notEquals, excludes, absent and present: false mean', async () => {
    const written = await expectationOf(
      '          headers: { location: { not: { present: true } } }\n          json:\n            /id: { not: { equals: "" } }\n            /value: { not: { contains: { id: x } } }\n            /status/progress: { not: { present: true } }\n',
    );
    const shorthand = await expectationOf(
      '          headers: { location: { present: false } }\n          json:\n            /id: { notEquals: "" }\n            /value: { excludes: { id: x } }\n            /status/progress: { absent: true }\n',
    );
    expect([written.result.diagnostics, shorthand.result.diagnostics]).toEqual([[], []]);
    expect(meaning(written.expectation)).toEqual(meaning(shorthand.expectation));
    expect(written.expectation?.values[0]).toMatchObject({ pointer: '/id', equals: '', negated: true, span: { line: 16, col: 27 } });
  });

  it('keeps the names results and JUnit have always shown for the shorthands', async () => {
    const { expectation } = await expectationOf(
      '          headers: { location: { not: { present: true } } }\n          json:\n            /id: { not: { equals: "" } }\n            /value: { not: { contains: { id: x } } }\n            /status/progress: { not: { present: true } }\n',
    );
    const answer = exchangeOf({ headers: { location: '/x' }, json: { id: '', value: [{ id: 'x' }], status: { progress: [] } } });
    const findings = checkExchange(answer, expectation!, ctx);
    expect(findings.map((f) => [f.check, f.message])).toEqual([
      ['header-is-absent', 'location header must not be present'],
      ['value-differs', '/id must not equal ""'],
      ['value-excludes', '/value must not contain an element matching {"id":"x"}'],
      ['value-is-absent', '/status/progress must not be present'],
    ]);
  });

  it('negates each predicate inside on its own, and checks them as it checks any predicate', async () => {
    const { result, expectation } = await expectationOf('          json:\n            /id: { type: string, not: { pattern: "(", equals: "{{jobId}}" } }\n');
    expect(result.diagnostics.map((d) => [d.code, d.span?.line, d.span?.col])).toEqual([
      ['invalid-pattern', 15, 50],
      ['unknown-variable', 15, 64],
    ]);
    expect(expectation?.values.map((v) => [Object.keys(v).find((k) => !['pointer', 'span'].includes(k)), v.negated])).toEqual([['type', undefined], ['pattern', true], ['equals', true]]);
  });

  it('takes variables in a negated equals or contains, and the run resolves them', async () => {
    const { result, expectation } = await expectationOf('          headers: { etag: { not: { equals: "{{runId}}" } } }\n          json:\n            /id: { not: { equals: "{{templateId}}" } }\n');
    expect(result.diagnostics).toEqual([]);
    expect(expectation?.headers[0]).toMatchObject({ name: 'etag', equals: '{{runId}}', negated: true });
    expect(expectation?.values[0]).toMatchObject({ equals: '{{templateId}}', negated: true });
  });

  it('refuses what it cannot negate, and says what it takes', async () => {
    const twice = await expectationOf('          json:\n            /id: { not: { absent: true } }\n');
    expect(twice.result.diagnostics).toMatchObject([{ code: 'unknown-key', message: 'unknown key `absent` in `not`' }]);
    expect(twice.result.diagnostics[0]?.hint).toContain('`present`');
    const header = await expectationOf('          headers: { etag: { not: { equals: a, pattern: b } } }\n');
    expect(header.result.diagnostics).toHaveLength(1);
    expect(header.result.diagnostics[0]?.span).toMatchObject({ line: 14 });
  });
});
