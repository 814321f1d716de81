import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, lint, printed } from './helpers.js';

const INVALID = join(FIXTURES, 'invalid');

/**
 * The codes each invalid fixture must produce, so a golden file cannot silently bless a
 * wrong diagnostic. The goldens (`<name>.diag.txt`) pin the wording, place and hint.
 * Regenerate them with `UPDATE_GOLDEN=1 npx vitest run test/load` and review the diff.
 */
const EXPECTED: Record<string, string[]> = {
  'yaml-syntax': ['yaml-syntax'],
  'misspelt-key': ['unknown-key'],
  'misspelt-required-key': ['unknown-key'],
  'bad-enum': ['invalid-value', 'invalid-value', 'invalid-value', 'invalid-value'],
  'wrong-type': ['wrong-type', 'wrong-type', 'wrong-type'],
  'duplicate-id': ['duplicate-case-id'],
  'duplicate-step-name': ['duplicate-step-name'],
  'duplicate-yaml-key': ['duplicate-key'],
  'unknown-variable': ['unknown-variable', 'unknown-variable', 'unknown-variable'],
  'used-before-capture': ['used-before-capture'],
  'dangling-ref-file': ['dangling-ref'],
  'dangling-ref-fragment': ['dangling-ref'],
  'bad-regex': ['invalid-pattern', 'invalid-pattern'],
  'bad-pointer': ['invalid-pointer', 'invalid-pointer'],
  'json-and-raw': ['body-conflict'],
  'unknown-operation': ['unknown-operation', 'unknown-operation'],
  'missing-status': ['missing-status', 'missing-status'],
  'bad-duration': ['invalid-duration', 'invalid-duration'],
  'empty-file': ['empty-file'],
  'comment-only': ['empty-file'],
  'list-file': ['wrong-type'],
  binary: ['not-text'],
  'unquoted-template': ['unquoted-template'],
  'unquoted-flow-template': ['unquoted-template'],
  'missing-keys': ['missing-key', 'invalid-value', 'missing-key', 'empty'],
  'schema-key': ['missing-schema-key', 'invalid-value'],
  'unknown-fixture': ['unknown-fixture'],
  'fixture-cycle': ['fixture-cycle'],
  'fixture-needs-variable': ['fixture-needs-variable', 'fixture-needs-variable'],
  'fixture-definition-error': ['unknown-operation', 'unknown-key'],
  'fixture-use-errors': ['missing-include', 'unknown-fixture-variable', 'duplicate-fixture-use'],
  'duplicate-fixture': ['duplicate-fixture'],
};

const fixtures = readdirSync(INVALID, { withFileTypes: true })
  .filter((e) => e.isDirectory() || e.name.endsWith('.yaml'))
  .map((e) => e.name.replace(/\.yaml$/, ''))
  .sort();

describe('each invalid suite fixture is reported as its golden file shows', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(fixtures).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const name of fixtures) {
    it(name, async () => {
      const path = join(INVALID, existsSync(join(INVALID, name)) ? name : `${name}.yaml`);
      const result = await lint(path);
      expect(result.diagnostics.map((d) => d.code)).toEqual(EXPECTED[name]);
      for (const d of result.diagnostics) {
        expect(d.span, `${d.code} has a place`).toBeDefined();
        expect(d.message).toMatch(/^[a-z`]/);
        expect(d.hint, `${d.code} says how to fix it`).toBeTruthy();
      }
      const golden = join(INVALID, `${name}.diag.txt`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, printed(result));
      expect(printed(result)).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
