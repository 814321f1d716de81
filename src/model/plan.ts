import type { Case } from './suite.js';

/**
 * Why the plan keeps a selected case from running, as data: `code` is stable (reports count
 * skips by it), `message` says it to people.
 * - `needs-allow-writes`: the case creates, changes or deletes, and the target is not on this
 *   machine; `--allow-writes` (`allowWrites`) lets it run.
 */
export interface SkipReason {
  code: SkipCode;
  message: string;
}

/** The stable codes of {@link SkipReason}. */
export type SkipCode = 'needs-allow-writes';

/** A case the plan chose, with its suite; `skip` is set when it is reported as skipped, not run. */
export interface PlannedCase {
  suite: string;
  case: Case;
  skip?: SkipReason;
}
