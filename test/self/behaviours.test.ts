import { beforeAll, describe, expect, it } from 'vitest';
import { listBehaviours } from '../../src/emulator/index.js';
import { pool, runSuites, type RunOutcome } from './run-suites.js';

/**
 * The real service does more than the create page shows: a template whose jobs start Paused, a
 * 409 on a first DELETE, paged lists, read lag, rules and credentials really checked, 401
 * UnknownError. Each is allowed behaviour, so the shipped suites run against the emulator with
 * each switch on, and with all of them, must raise no false alarm: every case passes, except the
 * SHOULD cases a behaviour declares it rightly fails (what the real service misses too), and no
 * job is left behind.
 */
const behaviours = listBehaviours();
const runs: { name: string; declared: Readonly<Record<string, string>>; names: string[] }[] = [
  ...behaviours.map((b) => ({ name: b.name, declared: b.fails ?? {}, names: [b.name] })),
  { name: 'all', declared: Object.assign({}, ...behaviours.map((b) => b.fails ?? {})) as Record<string, string>, names: ['all'] },
];

// One gsc run per behaviour plus one with all: read lag and the repeated DELETEs make these slower
// than the kill matrix's runs. The bound only stops a hang.
const TIMEOUT_MS = 600_000;

describe('the suites against the emulator behaving as the real service does: no false alarm', () => {
  let outcomes: RunOutcome[];
  beforeAll(async () => {
    outcomes = await pool(runs, 4, (r) => runSuites({ behaviours: r.names }, '10s'));
  }, TIMEOUT_MS);

  it.each(runs.map((r, i) => [r.name, i] as const))('%s: every case passes but the SHOULDs it declares, and nothing is left behind', (_name, i) => {
    const run = runs[i]!;
    const outcome = outcomes[i]!;
    const unexpected = outcome.cases.filter((c) => c.status !== 'passed' && !(c.status === 'failed' && c.id in run.declared));
    expect(unexpected.map((c) => `${c.status} ${c.id}${c.skipReason ? ` (${c.skipReason})` : ''}`)).toEqual([]);
    expect(outcome.jobsLeft).toBe(0);
    expect(outcome.code).toBe(Object.keys(run.declared).length > 0 ? 1 : 0);
  });

  it('declares as rightly failing only SHOULD or MAY cases that exist, each with its reason', () => {
    const byId = new Map(outcomes[0]!.cases.map((c) => [c.id, c.level]));
    for (const b of behaviours) {
      for (const [id, why] of Object.entries(b.fails ?? {})) {
        expect(byId.get(id), `${b.name}: ${id}`).toMatch(/^(SHOULD|MAY)$/);
        expect(why.length, `${b.name}: ${id} needs a reason`).toBeGreaterThan(20);
      }
    }
  });

  it('really changes what the service does: a run with all of them fails the declared cases', () => {
    const all = outcomes[outcomes.length - 1]!;
    const declared = Object.keys(runs[runs.length - 1]!.declared);
    expect(all.cases.filter((c) => c.status === 'failed').map((c) => c.id).sort()).toEqual(declared.sort());
  });
});
