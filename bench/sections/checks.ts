/**
 * 1. Checks: `benchChecks()` (bench/checks.ts, the schema compiled once per run) against the same
 * `checkExchange` calls with the schema compiled again for every check, on one shared ajv: what
 * Step CI does on every step (`schemaValidator.compile(params.check.schema)` in its steps/http.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkExchange, createSchemaStore, type CheckContext, type SchemaStore, type SchemaViolation } from '../../src/assert/index.js';
import { createAjv } from '../../src/common/ajv.js';
import { benchChecks, exchange, expectation } from '../checks.js';
import { repoRoot } from '../support.js';
import type { Section, SectionOptions } from '../types.js';

// The same job, exchange and expectation as bench/checks.ts: the baseline must judge exactly
// what ours judges, and the finding counts below prove it does.
export { exchange } from '../checks.js';

/**
 * A store without a cache: one ajv (same options as ours) with every file registered once, and
 * the asked-for schema compiled anew on each call from a fresh copy (ajv caches by object). The
 * files it refers to stay compiled, so this baseline is, if anything, faster than Step CI's,
 * which compiles a dereferenced tree whole. Errors are mapped one to one, without collapsing.
 */
export function compileEveryTime(dirs: string[]): SchemaStore {
  const ajv = createAjv();
  const docs = new Map<string, Record<string, unknown>>();
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const file = join(dir, name);
      const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      ajv.addSchema(doc, pathToFileURL(file).href);
      docs.set(file, doc);
    }
  }
  let n = 0;
  return {
    validator(ref) {
      const doc = docs.get(ref);
      if (!doc) throw new Error(`bench/checks baseline: no schema ${ref}`);
      // A unique $id under the file's URL: relative $refs still resolve, and nothing is reused.
      const id = `${pathToFileURL(ref).href}?check=${n++}`;
      const validate = ajv.compile({ ...structuredClone(doc), $id: id });
      ajv.removeSchema(id);
      return (value): SchemaViolation[] =>
        validate(value)
          ? []
          : (validate.errors ?? []).map((e) => ({ pointer: e.instancePath, keyword: e.keyword, message: e.message ?? '', schemaPath: e.schemaPath, params: e.params, constraint: e.schema, value: e.data }));
    },
  };
}

/** Calls per second of `fn`, timed in batches for `durationMs` after a warm-up of a tenth of that. */
async function rate(durationMs: number, fn: () => void): Promise<number> {
  const batch = async (ms: number): Promise<number> => {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      fn();
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < ms);
    return (calls * 1000) / elapsed;
  };
  await batch(durationMs / 10);
  return batch(durationMs);
}

/** Measures section 1. */
export async function checksSection(o: SectionOptions): Promise<Section> {
  const durationMs = Math.round(1000 * o.scale);
  const fixtures = join(repoRoot(), 'test', 'fixtures', 'schemas');
  const expect = expectation(join(fixtures, 'graph', 'synchronizationJob.schema.json'));
  // The job schema refers to files in all three folders.
  const naive: CheckContext = { schemas: compileEveryTime(['graph', 'common', 'extra'].map((d) => join(fixtures, d))) };

  const scenarios = [exchange(false), exchange(true)] as const;
  const [conforming, broken] = scenarios.map((ex) => checkExchange(ex, expect, naive).length);
  if (conforming !== 0 || !broken) throw new Error(`bench/checks baseline: scenarios are off (conforming: ${conforming} findings, broken: ${broken})`);
  // Ours explains a failed oneOf/anyOf by its best branch, so it reports fewer findings than raw ajv errors.
  const oursBroken = checkExchange(scenarios[1], expect, { schemas: createSchemaStore([join(fixtures, 'graph'), join(fixtures, 'common')]) }).length;

  const ours = await benchChecks({ durationMs });
  const baseline: number[] = [];
  for (const ex of scenarios) baseline.push(Math.round(await rate(durationMs, () => checkExchange(ex, expect, naive))));

  return {
    key: 'checks',
    title: '1. Checks: checkExchange on a synchronizationJob answer (status, header, schema, 10 values)',
    ours: 'bench/checks.ts benchChecks(): one schema store per run, each schema compiled once',
    baseline: 'the same checkExchange calls, the job schema compiled on every check by one shared ajv (no cache: what Step CI does per step)',
    rows: ours.map((r, i) => ({ metric: `${r.name.replace(/^checkExchange: /, '')}`, unit: '/s' as const, ours: r.opsPerSec, baseline: baseline[i]! })),
    references: [],
    notes: [
      `each figure is checks per second over ${durationMs} ms after a warm-up; the conforming job yields 0 findings for both, the broken one ${oursBroken} for ours (oneOf/anyOf collapsed to the branch that explains them) and ${broken} for the baseline (raw ajv errors)`,
      'the baseline keeps the schemas the job schema refers to compiled and recompiles only the job schema itself, so it flatters the naive approach',
    ],
  };
}
