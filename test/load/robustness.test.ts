import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuites } from '../../src/load/index.js';
import { tempDir as tempFolder } from '../fixtures/temp.js';
import { FIXTURES, FORMAT_SCHEMA, lint, RUN_VARIABLES } from './helpers.js';

const SCHEMA_KEY = `$schema: ${FORMAT_SCHEMA}\n`;

function tempDir(): string {
  return tempFolder('gsc-load-');
}

describe('bad input becomes diagnostics, never an exception', () => {
  it('reports a path that does not exist, and goes on with the others', async () => {
    const result = await lint('/nonexistent/suites', join(FIXTURES, 'valid/list.yaml'));
    expect(result.diagnostics).toMatchObject([{ code: 'missing-path', severity: 'error' }]);
    expect(result.diagnostics[0]?.message).toBe('cannot read `/nonexistent/suites`: no such file or folder');
    expect(result.suites).toHaveLength(1);
  });

  it('collects the problems of every file instead of stopping at the first', async () => {
    const result = await lint(join(FIXTURES, 'invalid/misspelt-key.yaml'), join(FIXTURES, 'invalid/bad-regex.yaml'), join(FIXTURES, 'invalid/empty-file.yaml'));
    expect(new Set(result.diagnostics.map((d) => d.code))).toEqual(new Set(['unknown-key', 'invalid-pattern', 'empty-file']));
  });

  it('survives junk of every kind', async () => {
    const dir = tempDir();
    const junk: Record<string, string | Buffer> = {
      'bytes.yaml': Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x41]),
      'scalar.yaml': 'just a sentence\n',
      'number.yaml': '42\n',
      'null-values.yaml': `${SCHEMA_KEY}suite:\ntitle:\ndoc:\ncases:\n  -\n`,
      'tabs.yaml': 'suite: a\n\ttitle: b\n',
      'two-docs.yaml': 'a: 1\n---\nb: 2\n',
      'deep.yaml': `${'['.repeat(300)}${']'.repeat(300)}\n`,
      'bomb.yaml': ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]', 'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]'].join('\n'),
      'proto.yaml': `${SCHEMA_KEY}__proto__: { polluted: true }\nconstructor: 1\n`,
      'complex-key.yaml': '? [a, b]\n: c\n',
    };
    for (const [name, content] of Object.entries(junk)) writeFileSync(join(dir, name), content);
    const started = performance.now();
    const result = await loadSuites({ paths: [dir], formatSchemaFile: FORMAT_SCHEMA, runVariables: RUN_VARIABLES, operations: [] });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.suites).toEqual([]);
    const files = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.span?.file.split('/').pop()));
    expect([...files].sort()).toEqual(Object.keys(junk).sort());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const bomb = result.diagnostics.find((d) => d.span?.file.endsWith('bomb.yaml'));
    expect(bomb?.code).toBe('too-large');
  });

  it('reports a file it may not read', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const dir = tempDir();
    const file = join(dir, 'secret.yaml');
    writeFileSync(file, 'suite: x\n');
    chmodSync(file, 0o000);
    const result = await lint(file);
    expect(result.diagnostics).toMatchObject([{ code: 'unreadable-file', message: 'cannot read the file: permission denied' }]);
  });

  it('loads nothing, with one clear error, when the format schema is missing', async () => {
    const result = await loadSuites({ paths: [join(FIXTURES, 'valid')], formatSchemaFile: '/nonexistent/suite.schema.json', runVariables: RUN_VARIABLES, operations: [] });
    expect(result.suites).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['unreadable-file']);
    expect(result.diagnostics[0]?.message).toMatch(/^format schema: /);
  });
});

describe('finding suite files', () => {
  it('searches folders recursively for .yaml and .yml, in order, skipping hidden folders', async () => {
    const dir = tempDir();
    const text = readFileSync(join(FIXTURES, 'valid/list.yaml'), 'utf8').replace(/^\$schema: .*$/m, `$schema: ${FORMAT_SCHEMA}`);
    mkdirSync(join(dir, 'b'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'b/two.yml'), text.replace('list/answers-200', 'list/two').replace('synchronization-jobs/list', 'b/two'));
    writeFileSync(join(dir, 'a.yaml'), text.replace('list/answers-200', 'list/one').replace('synchronization-jobs/list', 'a/one'));
    writeFileSync(join(dir, '.git/x.yaml'), 'junk: [');
    writeFileSync(join(dir, 'notes.md'), '# not a suite');
    const result = await loadSuites({ paths: [dir, join(dir, 'a.yaml')], formatSchemaFile: FORMAT_SCHEMA, runVariables: RUN_VARIABLES, operations: [] });
    expect(result.diagnostics).toEqual([]);
    expect(result.suites.map((s) => s.id)).toEqual(['a/one', 'b/two']);
  });
});

describe('speed', () => {
  // How fast is measured by `npm run bench` (loading, side by side with a bare YAML parse), never here.
  it('loads 100 suite files in one call, each case id kept apart', async () => {
    const dir = tempDir();
    const text = readFileSync(join(FIXTURES, 'valid/create.yaml'), 'utf8')
      .replace(/^\$schema: .*$/m, `$schema: ${FORMAT_SCHEMA}`)
      .replaceAll('../schemas/', `${join(FIXTURES, 'schemas')}/`);
    for (let i = 0; i < 100; i++) writeFileSync(join(dir, `s${String(i).padStart(3, '0')}.yaml`), text.replaceAll('id: create/', `id: create-${i}/`));
    const result = await lint(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.suites).toHaveLength(100);
    expect(new Set(result.suites.flatMap((s) => s.cases.map((c) => c.id))).size).toBe(result.suites.reduce((n, s) => n + s.cases.length, 0));
  });
});
