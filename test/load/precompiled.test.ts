import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileFormatSchema } from '../../src/load/format-schema.js';
import { loadOperations, parseSpec } from '../../src/load/operations.js';
import { defLookAlikes, precompiledFormat, precompiledOperations, precompiledPatterns } from '../../src/load/precompiled.js';
import { tempDir } from '../fixtures/temp.js';
import { FIXTURES, FORMAT_SCHEMA, ROOT, lint } from './helpers.js';

/** Every suite fixture's data, valid and invalid (those that parse as YAML). */
function fixtureData(): { name: string; data: unknown }[] {
  const out: { name: string; data: unknown }[] = [];
  for (const dir of ['valid', 'invalid', 'with-fixtures']) {
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e.name)) {
          try {
            out.push({ name: p.slice(FIXTURES.length + 1), data: parse(readFileSync(p, 'utf8')) });
          } catch {
            // A fixture that is not YAML never reaches the format schema.
          }
        }
      }
    };
    walk(join(FIXTURES, dir));
  }
  return out;
}

describe('the suite format validators npm run build generates (dist/validators/suite-format.cjs)', () => {
  it('are the ones the loader uses for the shipped schema', () => {
    expect(precompiledFormat(readFileSync(FORMAT_SCHEMA, 'utf8'))).toBeDefined();
    expect(precompiledFormat(`${readFileSync(FORMAT_SCHEMA, 'utf8')} `)).toBeUndefined();
  });

  it('report exactly what ajv compiling the schema at run time reports, on every fixture', async () => {
    // The same schema with one more space: not the text the build compiled, so ajv compiles it now.
    const copy = join(tempDir(), 'suite.schema.json');
    writeFileSync(copy, `${readFileSync(FORMAT_SCHEMA, 'utf8')}\n`);
    const built = (await compileFormatSchema(FORMAT_SCHEMA)).schema!;
    const compiled = (await compileFormatSchema(copy)).schema!;
    const view = (errors: ReturnType<typeof built.validate>): unknown[] => errors.map((e) => ({ ...e, def: built.defName(e.parentSchema) ?? compiled.defName(e.parentSchema) ?? null }));
    const cases = fixtureData();
    expect(cases.length).toBeGreaterThan(30);
    let failing = 0;
    for (const { name, data } of cases) {
      const a = built.validate(data);
      const b = compiled.validate(data);
      if (b.length > 0) failing++;
      expect({ name, errors: JSON.parse(JSON.stringify(view(a))) as unknown }).toEqual({ name, errors: JSON.parse(JSON.stringify(view(b))) as unknown });
      expect(a.map((e) => built.defName(e.parentSchema))).toEqual(b.map((e) => compiled.defName(e.parentSchema)));
    }
    expect(failing).toBeGreaterThanOrEqual(10);
  });

  it('name a $defs entry by its content, so the build refuses a schema with a look-alike subschema', () => {
    expect(defLookAlikes(JSON.parse(readFileSync(FORMAT_SCHEMA, 'utf8')))).toEqual([]);
    const schema = { $defs: { name: { type: 'string', pattern: '^[a-z]+$' } }, properties: { title: { type: 'string', pattern: '^[a-z]+$' } } };
    expect(defLookAlikes(schema)).toEqual(['#/properties/title looks like $defs/name']);
  });
});

describe('the operations npm run build reads from specs/ (dist/validators/operations.json)', () => {
  it('are what parsing the spec at run time gives, and are used only for that very text', async () => {
    const spec = join(ROOT, 'specs', 'openapi.yaml');
    const text = readFileSync(spec, 'utf8');
    expect(precompiledOperations(text)).toBeDefined();
    expect(precompiledOperations(`${text}\n`)).toBeUndefined();
    const loaded = await loadOperations(join(ROOT, 'specs'));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.operations).toEqual(parseSpec(spec, loaded.operations[0]!.file, text).operations);
    expect(loaded.operations.length).toBeGreaterThan(5);
    // Spans, documented answers and request bodies come through too, not only method and path.
    const create = loaded.operations.find((op) => op.method === 'POST' && op.creates)!;
    expect(create.span?.line).toBeGreaterThan(1);
    // A schema written in the spec is named by its place in the spec file, here as there.
    const at = '#/paths/~1servicePrincipals~1{servicePrincipal-id}~1synchronization~1jobs/post';
    expect(create.responses?.find((r) => r.status === '201')?.schema).toBe(`${spec}${at}/responses/201/content/application~1json/schema`);
    expect(create.requestBody).toEqual({ required: true, schema: `${spec}${at}/requestBody/content/application~1json/schema` });
  });

  it('resolve their schema refs against the folder the spec is read from, as parsing there would', async () => {
    // The same text in another folder: its refs name that folder's schemas, not the build's.
    const dir = join(tempDir(), 'specs');
    mkdirSync(dir);
    const copy = join(dir, 'openapi.yaml');
    const text = readFileSync(join(ROOT, 'specs', 'openapi.yaml'), 'utf8');
    writeFileSync(copy, text);
    const loaded = await loadOperations(dir, { cwd: dirname(dir) });
    expect(loaded.operations).toEqual(parseSpec(copy, 'specs/openapi.yaml', text).operations);
    const list = loaded.operations.find((op) => op.method === 'GET' && op.path.endsWith('/synchronization/jobs'))!;
    expect(list.span?.file).toBe('specs/openapi.yaml');
    expect(list.responses?.find((r) => r.status === '200')?.schema).toBe(join(dirname(dir), 'schemas', 'api', 'synchronizationJobCollection.schema.json'));
  });
});

describe('the patterns npm run build lists from suites/ (dist/validators/patterns.json)', () => {
  it('are every pattern the shipped suites write, each one RE2 compiles', async () => {
    const { compileUserPattern } = await import('../../src/common/user-pattern.js');
    const written = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else for (const m of readFileSync(join(dir, e.name), 'utf8').matchAll(/pattern: ("(?:[^"\\]|\\.)*")/g)) written.add(JSON.parse(m[1]!) as string);
      }
    };
    walk(join(ROOT, 'suites'));
    expect(written.size).toBeGreaterThanOrEqual(3);
    expect(new Set(precompiledPatterns())).toEqual(written);
    for (const p of precompiledPatterns()) expect(compileUserPattern(p)).not.toHaveProperty('error');
  });

  it('leave every other pattern to RE2, which still reports those it refuses', async () => {
    const result = await lint(join(FIXTURES, 'invalid', 'bad-regex.yaml'));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'invalid regular expression `^(?=application/)[a-z]+/json`: invalid perl operator: (?=',
      'invalid regular expression `^[a-z`: missing ]: [a-z',
    ]);
  });
});
