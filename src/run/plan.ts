import type { Suite } from '../model/index.js';
import { planRun, SelectionError, selectCases, type Plan, type PlanOptions, type Selection } from '../plan/index.js';
import { UsageError } from './exit-codes.js';
import { flagLabel, type Labeler } from './options.js';

/** The plan, with a selection that cannot be applied turned into a usage error naming its option. */
export function planOrUsage(suites: Suite[], o: PlanOptions, label: Labeler = flagLabel): Plan {
  return asUsage(() => planRun(suites, o), label);
}

/** The selected cases (`gsc list`), with the same usage errors. */
export function selectOrUsage(suites: Suite[], o: Selection, label: Labeler = flagLabel): ReturnType<typeof selectCases> {
  return asUsage(() => selectCases(suites, o), label);
}

function asUsage<T>(fn: () => T, label: Labeler): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SelectionError) throw new UsageError(err.describe(label(err.option)));
    throw err;
  }
}
