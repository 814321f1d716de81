import type { Case } from './suite.js';

/**
 * Why a selected case did not run, as data: `code` is stable (reports count skips by it),
 * `message` says it to people.
 * - `needs-allow-writes` (decided by the plan): the case creates, changes or deletes, and the
 *   target is not on this machine; `--allow-writes` (`allowWrites`) lets it run.
 * - `needs-variable` (decided by the plan): the case reads a user variable (`{{vars.NAME}}`,
 *   `{{secrets.NAME}}`) the run was not given; the message names it and how to give it.
 * - `optional-route-missing` (found while running): the target answered 404 to a route the
 *   case marks optional, so it does not implement it.
 */
export interface SkipReason {
  code: SkipCode;
  message: string;
}

/** The stable codes of {@link SkipReason}. */
export type SkipCode = 'needs-allow-writes' | 'needs-variable' | 'optional-route-missing';

/** A case the plan chose, with its suite; `skip` is set when the plan keeps it from running (reported as skipped). */
export interface PlannedCase {
  suite: string;
  case: Case;
  skip?: SkipReason;
  /** The round of a repeated case (`--repeat`, `--duration`): its result's id is `id#instance`. */
  instance?: number;
}
