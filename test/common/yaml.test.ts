import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as pkg from 'yaml';
import { Script } from 'node:vm';
import { builtFile, CODE_CACHE, requireBuilt, VENDOR_FOLDER, wrapCommonJs, YAML_BUNDLE } from '../../src/common/built.js';
import { FORMAT_MODULE } from '../../src/load/precompiled.js';
import * as ours from '../../src/common/yaml.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every YAML file of the shipped suites and of the suite fixtures, broken ones included. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('YAML as every command reads it (src/common/yaml.ts)', () => {
  it('is the build’s one-file bundle of the yaml package (dist/vendor/yaml.cjs, npm run build)', () => {
    const bundle = builtFile(YAML_BUNDLE, VENDOR_FOLDER);
    expect(bundle).toBeDefined();
    expect(ours.yamlPackage().parseDocument).toBe((requireBuilt(bundle!) as typeof pkg).parseDocument);
    expect(ours.yamlPackage().parseDocument).not.toBe(pkg.parseDocument);
    expect((createRequire(import.meta.url)(bundle!) as typeof pkg).parseDocument('a: [1]').toJS()).toEqual({ a: [1] });
  });

  it('comes with V8 code caches the build made that this Node accepts, for it and for the format validators', () => {
    for (const file of [builtFile(YAML_BUNDLE, VENDOR_FOLDER)!, builtFile(FORMAT_MODULE)!]) {
      const script = new Script(wrapCommonJs(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(`${file}${CODE_CACHE}`) });
      expect({ file, rejected: script.cachedDataRejected }).toEqual({ file, rejected: false });
    }
  });

  it('reads every suite and fixture exactly as the package does: the same data, errors, warnings and ranges', () => {
    const files = [...yamlFiles(join(ROOT, 'suites')), ...yamlFiles(join(ROOT, 'test', 'fixtures', 'suites'))];
    expect(files.length).toBeGreaterThan(40);
    const view = (doc: pkg.Document.Parsed): unknown => {
      const ranges: unknown[] = [];
      pkg.visit(doc, { Node: (_key, node) => void ranges.push(node.range) });
      return { data: doc.errors.length > 0 ? null : doc.toJS({ maxAliasCount: -1, mapAsMap: true }), errors: doc.errors.map((e) => [e.code, e.message, e.pos]), warnings: doc.warnings.map((w) => [w.code, w.message, w.pos]), ranges };
    };
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const options = { prettyErrors: false, uniqueKeys: true };
      expect({ file, ...(view(ours.parseDocument(text, options)) as object) }).toEqual({ file, ...(view(pkg.parseDocument(text, options)) as object) });
    }
  });

  it('tells node kinds of either copy apart alike', () => {
    const mine = ours.parseDocument('a: [1]').contents;
    const theirs = pkg.parseDocument('a: [1]').contents;
    expect([ours.isMap(theirs), pkg.isMap(mine), ours.isSeq(pkg.parseDocument('[1]').contents), ours.isScalar(theirs)]).toEqual([true, true, true, false]);
  });
});
