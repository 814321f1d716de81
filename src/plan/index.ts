/**
 * The planning stage: every decision about which cases run, in what order, and why the others
 * do not. Execution runs the plan as given.
 */
import { createHash } from 'node:crypto';
import type { Level, PlannedCase, SkipCode, Suite } from '../model/index.js';
import { gateVariables, gateWrites, type TargetTraits } from './gate.js';
import { selectCases, type Selection } from './select.js';
import { shardCases, type Shard } from './shard.js';

export { SelectionError, selectCases, type Selection } from './select.js';
export { gateVariables, gateWrites, missingVariables, type TargetTraits } from './gate.js';
export { parseShard, shardCases, type Shard } from './shard.js';
export { caseInstances, instanceCount, repeats, type Repetition } from './repeat.js';

/** What the plan is asked. */
export interface PlanOptions extends Selection {
  target: TargetTraits;
  /** Let cases that write run against a target that is not on this machine. @default false */
  allowWrites?: boolean;
  /** The lowest requirement level whose failure fails the run. @default 'MUST' */
  failLevel?: Level;
  /** Run only this share of the cases (`--shard i/n`). */
  shard?: Shard;
  /** Case id → milliseconds from an earlier run, to balance shards by time (`--shard-timings`). */
  timings?: ReadonlyMap<string, number>;
  /** Whether the run has a user variable (`vars.NAME`, `secrets.NAME`). @default none */
  hasVariable?: (name: string) => boolean;
}

/** The run as decided: the cases in the order they run, the skipped ones with their reason. */
export interface Plan {
  cases: PlannedCase[];
  failLevel: Level;
  /** How many cases are planned as skipped, by reason code. */
  skips: Partial<Record<SkipCode, number>>;
  /** Set for a sharded run: which share, and how many cases the whole selection has. */
  shard?: Shard & {
    selected: number;
    /** sha256 of the whole selection (every shard's case ids, in order, with the plan's skips): shards of one run share it. */
    selection: string;
  };
}

/** Selects (grep, tags), gates writes and missing user variables, orders (suites by file, cases as written), and takes the shard's share. */
export function planRun(suites: Suite[], o: PlanOptions): Plan {
  const all = gateVariables(gateWrites(selectCases(suites, o), o.target, o.allowWrites ?? false), o.hasVariable ?? (() => false));
  const cases = o.shard ? shardCases(all, o.shard, o.timings) : all;
  const skips: Plan['skips'] = {};
  for (const p of cases) if (p.skip) skips[p.skip.code] = (skips[p.skip.code] ?? 0) + 1;
  return { cases, failLevel: o.failLevel ?? 'MUST', skips, ...(o.shard ? { shard: { ...o.shard, selected: all.length, selection: selectionDigest(all) } } : {}) };
}

/** A digest of the selection: the same cases, in the same order, with the same planned skips. */
function selectionDigest(cases: readonly PlannedCase[]): string {
  const h = createHash('sha256');
  for (const p of cases) h.update(`${p.case.id}\u0000${p.skip?.code ?? ''}\n`);
  return `sha256:${h.digest('hex')}`;
}
