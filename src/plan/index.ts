/**
 * The planning stage: every decision about which cases run, in what order, and why the others
 * do not. Execution runs the plan as given.
 */
import type { Level, PlannedCase, SkipCode, Suite } from '../model/index.js';
import { gateWrites, type TargetTraits } from './gate.js';
import { selectCases, type Selection } from './select.js';

export { SelectionError, selectCases, type Selection } from './select.js';
export { gateWrites, type TargetTraits } from './gate.js';
export { caseInstances, instanceCount, repeats, type Repetition } from './repeat.js';

/** What the plan is asked. */
export interface PlanOptions extends Selection {
  target: TargetTraits;
  /** Let cases that write run against a target that is not on this machine. @default false */
  allowWrites?: boolean;
  /** The lowest requirement level whose failure fails the run. @default 'MUST' */
  failLevel?: Level;
}

/** The run as decided: the cases in the order they run, the skipped ones with their reason. */
export interface Plan {
  cases: PlannedCase[];
  failLevel: Level;
  /** How many cases are planned as skipped, by reason code. */
  skips: Partial<Record<SkipCode, number>>;
}

/** Selects (grep, tags), gates writes, and orders: suites by file, cases as written. */
export function planRun(suites: Suite[], o: PlanOptions): Plan {
  const cases = gateWrites(selectCases(suites, o), o.target, o.allowWrites ?? false);
  const skips: Plan['skips'] = {};
  for (const p of cases) if (p.skip) skips[p.skip.code] = (skips[p.skip.code] ?? 0) + 1;
  return { cases, failLevel: o.failLevel ?? 'MUST', skips };
}
