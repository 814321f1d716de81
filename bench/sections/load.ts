/**
 * 2. Loading: `loadSuites` (YAML with positions, the format schema, the semantic checks) against
 * `yaml`'s `parse` alone over the same files, the floor: the gap is what validation and source
 * spans cost. Over the shipped suites, and over section 3b's generated suite to show how it scales.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_VARIABLES } from '../../src/cli/suites.js';
import { compileFormatSchema } from '../../src/load/format-schema.js';
import { writeGeneratedSuite } from '../generate.js';
import { prepareLoad, prepareParse, suiteFiles, type ColdLoad, type ColdParse, type LoadInput } from '../load-tasks.js';
import { median, repoRoot, runChild, sample, sampleSideBySide } from '../support.js';
import type { Row, Section, SectionOptions } from '../types.js';
import { GENERATED_CASES } from './large.js';

const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

interface Measured {
  rows: Row[];
  cold: ColdLoad[];
  coldParse: ColdParse[];
  files: number;
}

/** Cold (fresh children, taking turns) and warm (in-process) rounds over one folder. */
async function measure(label: string, input: LoadInput, coldRounds: number, warmRounds: number): Promise<Measured> {
  const files = suiteFiles(input.suitesDir);
  const [cold, coldParse] = await sampleSideBySide(
    coldRounds,
    1,
    async () => (await runChild<ColdLoad>('load', input)).result,
    async () => (await runChild<ColdParse>('parse', files)).result,
  );
  const bad = cold.find((c) => c.diagnostics !== 0);
  if (bad) throw new Error(`bench/load: ${input.suitesDir} loads with ${bad.diagnostics} diagnostic(s); fix them (gsc lint) before benchmarking`);

  const load = await prepareLoad(input);
  const parse = await prepareParse(files);
  const [warm, warmParse] = await sampleSideBySide(warmRounds, 3, () => timed(load.run), () => timed(parse.run));

  const first = { ours: cold.map((c) => c.firstCallMs), baseline: coldParse.map((c) => c.firstCallMs) };
  const all = { ours: cold.map((c) => c.importMs + c.operationsMs + c.firstCallMs), baseline: coldParse.map((c) => c.importMs + c.firstCallMs) };
  return {
    files: files.length,
    cold,
    coldParse,
    rows: [
      { metric: `${label}: cold, first call in a fresh process`, unit: 'ms', ours: median(first.ours), baseline: median(first.baseline), samples: first },
      { metric: `${label}: cold, import + specs + first call`, unit: 'ms', ours: median(all.ours), baseline: median(all.baseline), samples: all },
      { metric: `${label}: warm, one call`, unit: 'ms', ours: median(warm), baseline: median(warmParse), samples: { ours: warm, baseline: warmParse } },
    ],
  };
}

/** Measures section 2. */
export async function loadSection(o: SectionOptions): Promise<Section> {
  const root = repoRoot();
  const base = { formatSchema: join(root, 'schemas', 'suite.schema.json'), specsDir: join(root, 'specs'), runVariables: [...RUN_VARIABLES] };
  const coldRounds = Math.max(3, Math.round(5 * o.scale));
  const warmRounds = Math.max(5, Math.round(20 * o.scale));
  const dir = mkdtempSync(join(tmpdir(), 'gsc-bench-load-'));
  try {
    const shipped = await measure('shipped', { ...base, suitesDir: join(root, 'suites') }, coldRounds, warmRounds);
    writeGeneratedSuite(dir, GENERATED_CASES, root);
    const generated = await measure(`${GENERATED_CASES} generated`, { ...base, suitesDir: dir }, coldRounds, Math.max(3, Math.round(warmRounds / 4)));
    const cases = shipped.cold[0]!.cases;
    const formatMs = median(await sample(warmRounds, 3, () => timed(() => compileFormatSchema(base.formatSchema))));
    const ms = (xs: number[]): string => median(xs).toFixed(1);
    return {
      key: 'load',
      title: `2. Loading suites: the shipped ones (${shipped.files} files, ${cases} cases) and section 3b's generated one (1 file, ${GENERATED_CASES} cases)`,
      ours: 'loadSuites: YAML with positions, the format schema, the semantic checks (refs, variables, operations)',
      baseline: "yaml's parse alone over the same files, read the same way (the floor)",
      rows: [...shipped.rows, ...generated.rows],
      references: [],
      notes: [
        `cold: ${coldRounds} fresh child processes each, taking turns after one unrecorded pair, median; warm: calls in this process after 3 warm-up calls, median`,
        `every load reports 0 diagnostics; "specs" is loadOperations over specs/ (${ms(shipped.cold.map((c) => c.operationsMs))} ms), done once per process; importing the loader takes ${ms(shipped.cold.map((c) => c.importMs))} ms, importing yaml ${ms(shipped.coldParse.map((c) => c.importMs))} ms`,
        `each loadSuites call reads schemas/suite.schema.json and takes the validators npm run build generated from it (ajv compiles only an edited schema): ${formatMs.toFixed(1)} ms of every warm call`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
