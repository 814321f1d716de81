import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fixtures/temp.js';
import { FORMAT_SCHEMA, lint } from './helpers.js';
import { YamlFile } from '../../src/load/yaml-file.js';

/** A one-case suite whose list step ends with `tail` (its lines indented as under `request:`'s siblings). */
function suite(tail: string, head = ''): string {
  const dir = tempDir('gsc-yaml-msg-');
  const file = join(dir, 'suite.yaml');
  writeFileSync(
    file,
    `${head}$schema: ${FORMAT_SCHEMA}
suite: s
title: t
doc: https://learn.microsoft.com/graph/api/synchronization-synchronization-list-jobs?view=graph-rest-1.0
cases:
  - id: s/a
    title: a
    level: MUST
    steps:
      - name: list
        request:
          method: GET
${tail}`,
  );
  return file;
}

/** The file with `from` replaced by `to`. */
function edited(file: string, from: string, to: string): string {
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  return file;
}

async function problems(file: string): Promise<{ code: string; message: string; hint?: string; at: string }[]> {
  const result = await lint(file);
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, message: d.message, ...(d.hint !== undefined ? { hint: d.hint } : {}), at: `${d.span?.line}:${d.span?.col}` }));
}

const PATH = '          path: /servicePrincipals/{{servicePrincipalId}}/synchronization/jobs\n';

describe('YAML mistakes people make in suites are named for what they are, with the fix', () => {
  it('a value starting with an unquoted {{variable}} is the template problem, not "unexpected scalar"', async () => {
    const file = suite('          path: {{servicePrincipalId}}/synchronization/jobs\n        expect:\n          status: 200\n');
    expect(await problems(file)).toEqual([
      { code: 'unquoted-template', message: 'a value that starts with `{{` must be quoted', hint: 'YAML reads a leading { as the start of a mapping; quote the value: "{{servicePrincipalId}}/synchronization/jobs"', at: '13:17' },
    ]);
  });

  it('`status:200` without a space says to put one after the colon', async () => {
    const [problem] = await problems(suite(`${PATH}        expect:\n          status:200\n`));
    expect(problem).toMatchObject({ code: 'wrong-type', hint: 'put a space after the `:` (`status: 200`); without one, YAML reads `status:200` as text, not as a key and its value', at: '15:11' });
  });

  it('a `#` glued to a value says to put a space before it', async () => {
    const [problem] = await problems(suite(`          path: "/servicePrincipals/{{servicePrincipalId}}/synchronization/jobs"#list\n        expect:\n          status: 200\n`));
    expect(problem).toEqual({ code: 'yaml-syntax', message: 'invalid YAML: a `#` right after a value', hint: 'put a space before `#` to start a comment, or quote the whole value if the `#` belongs to it', at: '13:81' });
  });

  it('a second document is named as such, without the parser library\'s advice', async () => {
    const [problem] = await problems(suite(`${PATH}        expect:\n          status: 200\n---\nsuite: two\n`));
    expect(problem).toEqual({ code: 'yaml-syntax', message: 'invalid YAML: a second document starts here', hint: 'keep one suite per file, without a second `---`', at: '16:1' });
  });

  it('a line indented wrongly is pointed at its key, not at column 1', async () => {
    const [problem] = await problems(suite(`${PATH}        expect:\n           status: 200\n          schema: { $ref: x.json }\n`));
    expect(problem).toMatchObject({ code: 'yaml-syntax', message: 'invalid YAML: all mapping items must start at the same column', at: '16:11' });
  });

  it('`status:200` among other keys, or last, says to put a space after the colon', async () => {
    for (const expect_ of ['        expect:\n          status:200\n          schema: { $ref: x.json }\n', '        expect:\n          headers: {}\n          status:200\n']) {
      const [problem] = await problems(suite(`${PATH}${expect_}`));
      expect(problem?.hint).toBe('put a space after the `:` of `status:200`; without one, YAML reads it as text, not as a key and its value');
    }
  });

  it('a key indented one space too deep, or too shallow, and `%YAML` without `---`, each get help about what is wrong', async () => {
    const deeper = await problems(edited(suite(`${PATH}        expect:\n          status: 200\n`), '    level: MUST', '     level: MUST'));
    expect(deeper[0]?.hint).toBe('check the indentation of the next line: a key indented deeper than the keys above it is read as part of the value before it');
    const shallower = await problems(edited(suite(`${PATH}        expect:\n          status: 200\n`), '    steps:', '   tags: [a]\n    steps:'));
    expect(shallower[0]?.hint).toBe('align this line with the keys above it: it is indented less than they are');
    const directive = await problems(suite(`${PATH}        expect:\n          status: 200\n`, '%YAML 1.1\n'));
    expect(directive[0]).toMatchObject({ message: 'invalid YAML: missing directives-end/doc-start indicator line', hint: 'write `---` on its own line after the `%YAML` line, before the document' });
  });

  it('`<<` in a YAML 1.2 file says YAML 1.2 has no merge keys', async () => {
    const [problem] = await problems(suite(`${PATH}        expect: { <<: { status: 200 } }\n`));
    expect(problem).toMatchObject({ code: 'unknown-key', message: 'unknown key `<<` in `expect`', at: '14:19' });
    expect(problem?.hint).toBe('YAML 1.2 has no merge keys, so `<<` is read as a key of its own: write the keys out, or start the file with `%YAML 1.1` and `---` to merge');
  });

  it('a YAML 1.1 file merges `<<: *anchor` as YAML 1.1 says, keys written out winning', async () => {
    const file = suite(`${PATH}        expect: { <<: *ok, status: 200 }\n`, '%YAML 1.1\n---\nx-defaults: &ok { status: 201, headers: { content-type: { pattern: json } } }\n');
    const result = await lint(file);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    // x-defaults is not a suite key; merging itself raises nothing.
    expect(errors.map((d) => d.code)).toEqual(['unknown-key']);
    expect(errors[0]?.message).toBe('unknown key `x-defaults` in the suite');
    const text = printed(result);
    expect(text).not.toContain('Symbol(<<)');
  });

  it('a merged key points back at where the anchor wrote it, a key written out at itself', () => {
    const text = '%YAML 1.1\n---\na: &x { p: 1, q: 2 }\nb: { <<: *x, q: 3 }\nc: { <<: [*x, { r: 4 }] }\n';
    const yaml = new YamlFile('f.yaml', text);
    expect(yaml.diagnostics).toEqual([]);
    expect(yaml.data).toEqual({ a: { p: 1, q: 2 }, b: { p: 1, q: 3 }, c: { p: 1, q: 2, r: 4 } });
    expect([yaml.valueSpan(['b', 'p']), yaml.valueSpan(['b', 'q'])].map((s) => `${s.line}:${s.col}`)).toEqual(['3:12', '4:17']);
  });
});

function printed(result: Awaited<ReturnType<typeof lint>>): string {
  return JSON.stringify(result.diagnostics);
}
