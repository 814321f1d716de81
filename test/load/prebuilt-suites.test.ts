import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOperations, loadSuites } from '../../src/load/index.js';
import { prebuiltSuites } from '../../src/load/prebuilt-suites.js';
import { loadRunSuites } from '../../src/run/suites.js';
import { tempDir } from '../fixtures/temp.js';
import { RUN_VARIABLES, ROOT as ROOT_URL_PATH } from './helpers.js';

const ROOT = resolve(ROOT_URL_PATH);

/** The shipped suites loaded by the parser, as gsc loads them, from `cwd` (the built model never used). */
async function freshLoad(root: string, cwd: string) {
  const ops = await loadOperations(join(root, 'specs'), { cwd });
  return loadSuites({ paths: [join(root, 'suites')], formatSchemaFile: join(root, 'schemas', 'suite.schema.json'), runVariables: RUN_VARIABLES, operations: ops.operations, cwd, refRoots: [cwd] });
}

function shipped(root: string, cwd: string) {
  return { root, suites: join(root, 'suites'), specs: join(root, 'specs'), formatSchema: join(root, 'schemas', 'suite.schema.json'), runVariables: RUN_VARIABLES, cwd };
}

describe('the shipped suites npm run build loads into dist/validators/suites.json', () => {
  it('are, from the repository root and from a folder elsewhere, exactly what the parser loads there', async () => {
    const elsewhere = tempDir();
    for (const cwd of [ROOT, elsewhere]) {
      const built = await prebuiltSuites(shipped(ROOT, cwd));
      expect(built, `the built model is used from ${cwd}`).toBeDefined();
      const fresh = await freshLoad(ROOT, cwd);
      expect(fresh.diagnostics).toEqual([]);
      expect(built!.suites).toEqual(fresh.suites);
      expect(built!.sources).toEqual(fresh.sources);
      // Paths as the loader shows them there: relative from the root, absolute from elsewhere.
      expect(built!.suites[0]!.file).toBe(cwd === ROOT ? 'suites/synchronization-jobs/create.yaml' : join(ROOT, 'suites/synchronization-jobs/create.yaml'));
    }
  });

  it('are what gsc loads for the package folder named absolutely, relatively or not at all', async () => {
    const elsewhere = tempDir();
    const cases: [string[], string][] = [
      [[], ROOT],
      [['suites'], ROOT],
      [[join(ROOT, 'suites')], elsewhere],
      [[relative(elsewhere, join(ROOT, 'suites'))], elsewhere],
    ];
    for (const [paths, cwd] of cases) {
      const loaded = await loadRunSuites(paths, cwd);
      const fresh = await freshLoad(ROOT, cwd);
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.suites).toEqual(fresh.suites);
      expect(loaded.sources).toEqual(fresh.sources);
    }
  });

  it('are not used for an edited copy of a shipped suite: the parser loads it, with its diagnostics', async () => {
    const copy = tempDir();
    for (const folder of ['suites', 'specs', 'schemas']) cpSync(join(ROOT, folder), join(copy, folder), { recursive: true });
    // An unchanged copy is the built model, rebased to it.
    const same = await prebuiltSuites(shipped(copy, copy));
    expect(same).toBeDefined();
    expect(same!.suites).toEqual((await freshLoad(copy, copy)).suites);

    const file = join(copy, 'suites', 'synchronization-jobs', 'list.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s+)status: 200$/m, '$1status: "two hundred"'));
    expect(await prebuiltSuites(shipped(copy, copy))).toBeUndefined();
    const loaded = await loadRunSuites([join(copy, 'suites')], copy);
    expect(loaded.errors).toBeGreaterThan(0);
    expect(loaded.diagnostics.map((d) => d.span?.file)).toContain(join('suites', 'synchronization-jobs', 'list.yaml'));
  });

  it('are not used when an input other than a suite changed (a schema a suite names)', async () => {
    const copy = tempDir();
    for (const folder of ['suites', 'specs', 'schemas']) cpSync(join(ROOT, folder), join(copy, folder), { recursive: true });
    const schema = join(copy, 'schemas', 'api', 'synchronizationJob.schema.json');
    writeFileSync(schema, `${readFileSync(schema, 'utf8')} `);
    expect(await prebuiltSuites(shipped(copy, copy))).toBeUndefined();
    expect(await prebuiltSuites({ ...shipped(ROOT, ROOT), runVariables: ['runId'] })).toBeUndefined();
  });
});
