/**
 * 6. Memory over a long run: peak RSS of `gsc run` over the 1000 generated cases once, and
 * repeated (`--repeat`) to 100,000 cases, results streamed to results.ndjson. Nothing should
 * grow with the run: the figure at 100,000 cases should stay within 20% of the one at 1,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFlags } from '../../src/cli/flags.js';
import { startEmulator } from '../../src/emulator/index.js';
import { writeGeneratedSuite } from '../generate.js';
import type { CliRunInput, CliRunOutcome } from '../run-tasks.js';
import { median, repoRoot, runChild, sample } from '../support.js';
import { target, type Row, type Section, type SectionOptions } from '../types.js';
import { GENERATED_CASES } from './large.js';
import { emulatorEnv, emulatorFlags } from './engine.js';

/** Workers for both runs: the long one must end in reasonable time, and both share it. */
const CONCURRENCY = 8;

/** Measures section 6. */
export async function memorySection(o: SectionOptions): Promise<Section> {
  // 100 rounds of the 1000 cases at --scale 1; fewer for a quick look.
  const repeat = Math.max(5, Math.round(100 * Math.min(1, o.scale)));
  const total = GENERATED_CASES * repeat;
  const canRepeat = runFlags.some((f) => f.name === 'repeat');
  const dir = mkdtempSync(join(tmpdir(), 'gsc-bench-memory-'));
  const emu = await startEmulator({ port: 0 });
  try {
    writeGeneratedSuite(join(dir, 'suite'), GENERATED_CASES, repoRoot());
    const runWith = async (extra: string[], cases: number): Promise<CliRunOutcome> => {
      const input: CliRunInput = {
        argv: ['run', join(dir, 'suite'), ...emulatorFlags(emu), '--reporter', 'ndjson', '--ledger', 'off', '--out', join(dir, 'out'), '--concurrency', String(CONCURRENCY), ...extra],
        env: emulatorEnv(emu),
        outDir: join(dir, 'out'),
        cwd: dir,
      };
      const r = (await runChild<CliRunOutcome>('cli-run', input, 30 * 60_000)).result;
      if (r.exitCode !== 0 || r.counts.passed !== cases) throw new Error(`bench/memory: the run must pass all ${cases} cases; exit ${r.exitCode}, ${JSON.stringify(r.counts)}\n${r.stderr}`);
      return r;
    };
    const small = await sample(3, 1, () => runWith([], GENERATED_CASES));
    const smallRss = median(small.map((r) => r.peakRssMb));
    const rows: Row[] = [{ metric: `peak RSS, ${GENERATED_CASES} cases`, unit: 'MB', ours: smallRss, samples: { ours: small.map((r) => r.peakRssMb) } }];
    const notes = [`--reporter ndjson --ledger off --concurrency ${CONCURRENCY}: every case result streams to results.ndjson; the ${GENERATED_CASES}-case figure is the median of 3 runs, the long run is one`];
    if (!canRepeat) {
      notes.push(`not measured at ${total.toLocaleString('en-US')} cases: this build's gsc run has no --repeat (it comes with the load and soak work of issue 12)`);
      return section(rows, notes, [target(`peak RSS, ${total.toLocaleString('en-US')} cases vs ${GENERATED_CASES}`, Number.NaN, 'at most', 1.2, 'gsc run has no --repeat in this build')]);
    }
    const long = await runWith(['--repeat', String(repeat)], total);
    rows.push(
      { metric: `peak RSS, ${total.toLocaleString('en-US')} cases (--repeat ${repeat})`, unit: 'MB', ours: long.peakRssMb, baseline: smallRss },
      { metric: `cases/s in-run, ${total.toLocaleString('en-US')} cases`, unit: '/s', ours: (total * 1000) / long.inRunMs, baseline: (GENERATED_CASES * 1000) / median(small.map((r) => r.inRunMs)) },
    );
    return section(rows, notes, [target(`peak RSS, ${total.toLocaleString('en-US')} cases vs ${GENERATED_CASES}`, long.peakRssMb / smallRss, 'at most', 1.2)]);
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }

  function section(rows: Row[], notes: string[], targets: Section['targets']): Section {
    return {
      key: 'memory',
      title: `6. Memory over a long run: ${GENERATED_CASES} generated cases, once and repeated to ${total.toLocaleString('en-US')}`,
      ours: `gsc run via main() in a fresh child, --repeat ${repeat}, results streamed (ndjson)`,
      baseline: `the same run without --repeat (${GENERATED_CASES} cases)`,
      rows,
      references: [],
      notes,
      ...(targets ? { targets } : {}),
    };
  }
}
