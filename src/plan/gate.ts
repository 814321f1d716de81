import type { PlannedCase, SkipReason } from '../model/index.js';

/** Where the run sends its requests, as far as the plan cares. */
export interface TargetTraits {
  /** On this machine (loopback): ours to write to. */
  local: boolean;
}

const NEEDS_ALLOW_WRITES: SkipReason = {
  code: 'needs-allow-writes',
  message: 'writes to a target that is not on this machine need --allow-writes',
};

/**
 * Against a target that is not on this machine, cases that create, change or delete need
 * explicit consent: without it they are planned as skipped, with the reason as data.
 */
export function gateWrites(planned: PlannedCase[], target: TargetTraits, allowWrites: boolean): PlannedCase[] {
  if (target.local || allowWrites) return planned;
  return planned.map((p) => (p.case.writes ? { ...p, skip: NEEDS_ALLOW_WRITES } : p));
}
