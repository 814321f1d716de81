import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDeviations, type Deviation } from '../../src/emulator/index.js';
import { pool, runSuites, type RunOutcome } from './run-suites.js';

/**
 * How long `eventually` steps may poll. A deviation that hides a job makes its polls run out,
 * so deviation runs keep the wait short. The clean run polls only until an answer comes, so it
 * can afford the emulator default; that spares provision-on-demand/throttles-with-retry-after,
 * which repeats its call until the 429 and needs six answers inside the cap, a false alarm on a
 * busy machine.
 */
const CLEAN_CONSISTENCY_TIMEOUT = '5s';
const DEVIATION_CONSISTENCY_TIMEOUT = '1s';

/** Runs every shipped case against an emulator with these deviations, with every user variable given. */
function runAgainst(deviations: string[]): Promise<RunOutcome> {
  return runSuites({ deviations }, deviations.length === 0 ? CLEAN_CONSISTENCY_TIMEOUT : DEVIATION_CONSISTENCY_TIMEOUT);
}

/** The ids of the cases that failed in a run, in run order. */
function failedIds(run: RunOutcome): string[] {
  return run.cases.filter((c) => c.status === 'failed').map((c) => c.id);
}

/** Writes reports/kill-matrix.{json,md}: which cases caught each deviation, declared or not. */
function writeReports(deviations: readonly Deviation[], clean: RunOutcome, runs: readonly RunOutcome[]): void {
  const dir = join(import.meta.dirname, '..', '..', 'reports');
  mkdirSync(dir, { recursive: true });
  const matrix = deviations.map((d, i) => ({ deviation: d.name, breaks: d.breaks, exit: runs[i]!.code, caughtBy: failedIds(runs[i]!) }));
  writeFileSync(join(dir, 'kill-matrix.json'), `${JSON.stringify({ clean: clean.cases, matrix }, null, 2)}\n`);
  const lines = [
    '# Kill matrix',
    '',
    'Each deviation breaks one contract point. "Must fail" are the cases it declares (`mustFail.cases`);',
    '"also fails" are the cases that failed besides, because they need the broken point to get to their own.',
    '',
    '| deviation | breaks | must fail | also fails |',
    '|---|---|---|---|',
  ];
  for (const [i, d] of deviations.entries()) {
    const caught = failedIds(runs[i]!);
    const must = d.mustFail.cases.map((id) => (caught.includes(id) ? id : `**${id} (passed)**`));
    const also = caught.filter((id) => !d.mustFail.cases.includes(id));
    lines.push(`| ${d.name} | ${d.breaks} | ${must.join(', ')} | ${also.join(', ') || '-'} |`);
  }
  const unproven = clean.cases.filter((c) => !runs.some((r) => failedIds(r).includes(c.id)));
  lines.push('', '## Cases no deviation breaks', '', ...unproven.map((c) => `- ${c.id} (${c.level})`));
  writeFileSync(join(dir, 'kill-matrix.md'), `${lines.join('\n')}\n`);
}

// One gsc run per deviation plus a clean one: about a minute on an idle machine, several under a
// full parallel `npm test`. The bound only stops a hang.
const MATRIX_TIMEOUT_MS = 600_000;

/**
 * The suite is only worth the deviations it catches, and only trusted if it raises no false
 * alarm. Runs every case against the clean emulator and against each deviation, checks each
 * deviation breaks at least the cases it declares (`mustFail.cases`), and writes the kill matrix
 * (deviation by case) to reports/kill-matrix.{md,json}.
 */
describe('the kill matrix: every deviation caught by the cases it declares, every case proven able to fail, no false alarm', () => {
  const deviations = listDeviations();
  let clean: RunOutcome;
  let runs: RunOutcome[];

  beforeAll(async () => {
    clean = await runAgainst([]);
    runs = await pool(deviations, 4, (d) => runAgainst([d.name]));
    writeReports(deviations, clean, runs);
  }, MATRIX_TIMEOUT_MS);

  it('passes every case against the clean emulator (no false alarm)', () => {
    expect(clean.cases.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(clean.code).toBe(0);
  });

  it('declares only cases the shipped suites have', () => {
    const ids = new Set(clean.cases.map((c) => c.id));
    const unknown = deviations.flatMap((d) => d.mustFail.cases.filter((id) => !ids.has(id)).map((id) => `${d.name}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it.each(deviations.map((d, i) => [d.name, d.breaks, i] as const))('catches %s (%s) with the cases it declares', (name, _breaks, i) => {
    const caught = failedIds(runs[i]!);
    expect(caught, `no case caught ${name}`).not.toEqual([]);
    expect(runs[i]!.code).toBe(1);
    expect(deviations[i]!.mustFail.cases.filter((id) => !caught.includes(id)), `declared cases that passed with ${name} on`).toEqual([]);
  });

  it('proves every case able to fail: some deviation declares it, and breaks it', () => {
    const proven = new Set(deviations.flatMap((d, i) => d.mustFail.cases.filter((id) => failedIds(runs[i]!).includes(id))));
    expect(clean.cases.filter((c) => !proven.has(c.id)).map((c) => `${c.id} (${c.level})`)).toEqual([]);
  });
});
