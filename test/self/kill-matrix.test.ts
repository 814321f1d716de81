import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listBehaviours, listDeviations, type Deviation } from '../../src/emulator/index.js';
import { pool, runSuites, type RunOutcome, type RunSettings } from './run-suites.js';

/**
 * One emulator every deviation is tried on: as the docs' examples answer, or acting as the real
 * service does (`--behave all`). What differs between them is data, here and in the deviations'
 * `mustFail.underBehaviours`, never a branch in the checks.
 */
interface Setting {
  /** Its heading in the report. */
  title: string;
  behaviours: string[];
  /** How the clean run and each deviation's run are made. */
  clean: RunSettings;
  deviation: RunSettings;
  /** Cases the clean emulator rightly fails in this setting, and why: SHOULDs a behaviour declares the real service misses too. */
  rightlyFailing: Readonly<Record<string, string>>;
  /** The cases a deviation declares it breaks in this setting. */
  declared(d: Deviation): readonly string[];
}

const SETTINGS: readonly Setting[] = [
  {
    title: 'The emulator as the docs answer',
    behaviours: [],
    // A deviation that hides a job makes its polls run out, so deviation runs keep the wait short.
    // The clean run polls only until an answer comes, so it can afford more; that spares
    // provision-on-demand/throttles-with-retry-after, which repeats its call until the 429 and
    // needs six answers inside the cap, a false alarm on a busy machine.
    clean: { consistencyTimeout: '5s' },
    deviation: { consistencyTimeout: '1s' },
    rightlyFailing: {},
    declared: (d) => d.mustFail.cases,
  },
  {
    title: 'With every real-service behaviour on (`--behave all`)',
    behaviours: ['all'],
    // read-lag hides a new job for 1.5 s and reads poll every second, so a wait must outlast two
    // polls with room to spare, in the clean run and in every deviation's, or a deviation's run
    // would count a late read as a catch. These runs mostly wait (read lag, the 409 backoff), so
    // they take eight cases at once.
    clean: { consistencyTimeout: '5s', concurrency: 8 },
    deviation: { consistencyTimeout: '5s', concurrency: 8 },
    rightlyFailing: Object.assign({}, ...listBehaviours().map((b) => b.fails ?? {})) as Record<string, string>,
    declared: (d) => d.mustFail.underBehaviours?.cases ?? d.mustFail.cases,
  },
];

/** A setting's clean run and one run per deviation, in `listDeviations()` order. */
interface Matrix {
  setting: Setting;
  clean: RunOutcome;
  runs: RunOutcome[];
}

/** The ids of the cases that failed in a run, in run order. */
function failedIds(run: RunOutcome): string[] {
  return run.cases.filter((c) => c.status === 'failed').map((c) => c.id);
}

/** The cases a deviation's run failed beyond what the clean emulator rightly fails: what caught it. */
function caughtBy(m: Matrix, i: number): string[] {
  return failedIds(m.runs[i]!).filter((id) => !(id in m.setting.rightlyFailing));
}

/** Every case of a setting's clean run that is not rightly failing, and no deviation breaks as it declares. */
function unproven(m: Matrix, deviations: readonly Deviation[]): string[] {
  const proven = new Set(deviations.flatMap((d, i) => m.setting.declared(d).filter((id) => caughtBy(m, i).includes(id))));
  return m.clean.cases.filter((c) => !proven.has(c.id) && !(c.id in m.setting.rightlyFailing)).map((c) => `${c.id} (${c.level})`);
}

/** One setting's section of reports/kill-matrix.md. */
function section(m: Matrix, deviations: readonly Deviation[]): string[] {
  const lines = [`## ${m.setting.title}`, ''];
  const rightly = Object.entries(m.setting.rightlyFailing);
  if (rightly.length > 0) {
    lines.push('The clean emulator rightly fails these here; they fail in every deviation\'s run too, and never count as a catch:', '', ...rightly.map(([id, why]) => `- ${id}: ${why}`), '');
  }
  lines.push('| deviation | breaks | must fail | also fails |', '|---|---|---|---|');
  for (const [i, d] of deviations.entries()) {
    const caught = caughtBy(m, i);
    const declared = m.setting.declared(d);
    const must = declared.map((id) => (caught.includes(id) ? id : `**${id} (passed)**`));
    const also = caught.filter((id) => !declared.includes(id));
    lines.push(`| ${d.name} | ${d.breaks} | ${must.join(', ')} | ${also.join(', ') || '-'} |`);
  }
  const declaredHere = deviations.filter((d) => m.setting.declared(d) !== d.mustFail.cases);
  if (declaredHere.length > 0) {
    lines.push('', 'Deviations that declare other cases here, and why:', '', ...declaredHere.map((d) => `- ${d.name}: ${d.mustFail.underBehaviours?.why ?? ''}`));
  }
  const left = unproven(m, deviations);
  lines.push('', '### Cases no deviation breaks', '', ...(left.length > 0 ? left.map((id) => `- ${id}`) : ['none']), '');
  return lines;
}

/** Writes reports/kill-matrix.{json,md}: which cases caught each deviation, declared or not, in each setting. */
function writeReports(deviations: readonly Deviation[], [plain, behaving]: readonly Matrix[]): void {
  const dir = join(import.meta.dirname, '..', '..', 'reports');
  mkdirSync(dir, { recursive: true });
  const matrix = (m: Matrix) =>
    deviations.map((d, i) => ({ deviation: d.name, breaks: d.breaks, declared: m.setting.declared(d), exit: m.runs[i]!.code, caughtBy: caughtBy(m, i) }));
  const json = {
    clean: plain!.clean.cases,
    matrix: matrix(plain!),
    withBehaviours: { behaviours: listBehaviours().map((b) => b.name), rightlyFailing: behaving!.setting.rightlyFailing, clean: behaving!.clean.cases, matrix: matrix(behaving!) },
  };
  writeFileSync(join(dir, 'kill-matrix.json'), `${JSON.stringify(json, null, 2)}\n`);
  const lines = [
    '# Kill matrix',
    '',
    'Each deviation breaks one contract point. "Must fail" are the cases it declares (`mustFail.cases`, or',
    '`mustFail.underBehaviours` where a behaviour acts on the same point); "also fails" are the cases that failed',
    'besides, because they need the broken point to get to their own.',
    '',
    ...section(plain!, deviations),
    ...section(behaving!, deviations),
  ];
  writeFileSync(join(dir, 'kill-matrix.md'), `${lines.join('\n')}`);
}

// Per setting, one gsc run per deviation plus a clean one, all in one pool so that the runs'
// waits overlap: a few minutes on an idle machine, more under a full parallel `npm test`. The
// bound only stops a hang.
const MATRIX_TIMEOUT_MS = 900_000;
/** Runs at once: they mostly wait, so more than the machine's cores. */
const POOL_SIZE = 8;

/**
 * The suite is only worth the deviations it catches, and only trusted if it raises no false
 * alarm. In each setting, runs every case against the clean emulator and against each
 * deviation, checks each deviation breaks at least the cases it declares there, and writes the
 * kill matrix (deviation by case) to reports/kill-matrix.{md,json}.
 */
describe('the kill matrix: every deviation caught by the cases it declares, every case proven able to fail, no false alarm', () => {
  const deviations = listDeviations();
  const matrices: Matrix[] = [];

  beforeAll(async () => {
    // The longest runs first, so the pool ends together: the behaving runs wait out read lag and 409s.
    const jobs = [...SETTINGS].reverse().flatMap((setting) => [
      { setting, deviation: undefined },
      ...deviations.map((d) => ({ setting, deviation: d })),
    ]);
    const outcomes = await pool(jobs, POOL_SIZE, (j) =>
      runSuites({ behaviours: j.setting.behaviours, deviations: j.deviation ? [j.deviation.name] : [] }, j.deviation ? j.setting.deviation : j.setting.clean),
    );
    for (const setting of SETTINGS) {
      const mine = outcomes.filter((_, k) => jobs[k]!.setting === setting);
      matrices.push({ setting, clean: mine[0]!, runs: mine.slice(1) });
    }
    writeReports(deviations, matrices);
  }, MATRIX_TIMEOUT_MS);

  it('declares only cases the shipped suites have, and says why where it declares others under the behaviours', () => {
    const ids = new Set(matrices[0]!.clean.cases.map((c) => c.id));
    const named = deviations.flatMap((d) => [...d.mustFail.cases, ...(d.mustFail.underBehaviours?.cases ?? [])].map((id) => `${d.name}: ${id}`));
    expect(named.filter((n) => !ids.has(n.slice(n.indexOf(': ') + 2)))).toEqual([]);
    for (const d of deviations) if (d.mustFail.underBehaviours) expect(d.mustFail.underBehaviours.why.length, d.name).toBeGreaterThan(40);
  });

  describe.each(SETTINGS.map((s, n) => [s.title, n] as const))('%s', (_title, n) => {
    const m = (): Matrix => matrices[n]!;

    it('passes every case against the clean emulator but those it rightly fails (no false alarm), and leaves no job', () => {
      const { clean, setting } = m();
      const unexpected = clean.cases.filter((c) => c.status !== 'passed' && !(c.status === 'failed' && c.id in setting.rightlyFailing));
      expect(unexpected.map((c) => `${c.status} ${c.id}${c.skipReason ? ` (${c.skipReason})` : ''}`)).toEqual([]);
      expect(failedIds(clean).sort()).toEqual(Object.keys(setting.rightlyFailing).sort());
      expect(clean.code).toBe(Object.keys(setting.rightlyFailing).length > 0 ? 1 : 0);
      expect(clean.jobsLeft).toBe(0);
    });

    it.each(deviations.map((d, i) => [d.name, d.breaks, i] as const))('catches %s (%s) with the cases it declares', (name, _breaks, i) => {
      const { runs, setting } = m();
      const declared = setting.declared(deviations[i]!);
      expect(declared.filter((id) => id in setting.rightlyFailing), `${name} declares cases that fail without it`).toEqual([]);
      const caught = caughtBy(m(), i);
      expect(caught, `no case caught ${name}`).not.toEqual([]);
      expect(runs[i]!.code).toBe(1);
      expect(declared.filter((id) => !caught.includes(id)), `declared cases that passed with ${name} on`).toEqual([]);
    });

    it('proves every case able to fail: some deviation declares it, and breaks it', () => {
      expect(unproven(m(), deviations)).toEqual([]);
    });
  });
});
