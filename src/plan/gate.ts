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

/** How to give a user variable (`vars.NAME`, `secrets.NAME`), for the skip reason. */
function howToGive(full: string): string {
  const name = full.slice(full.indexOf('.') + 1);
  return full.startsWith('secrets.')
    ? `set GSC_SECRET_${name.toUpperCase()}, or give --secret-file ${name}=FILE, or secrets: in the config target`
    : `give --var ${name}=VALUE, or set GSC_VAR_${name.toUpperCase()}, or vars: in the config target`;
}

/** The skip of a case that reads user variables the run lacks, naming each and how to give it. */
export function missingVariables(needs: readonly string[] | undefined, has: (name: string) => boolean): SkipReason | undefined {
  const missing = (needs ?? []).filter((n) => !has(n));
  if (missing.length === 0) return undefined;
  return { code: 'needs-variable', message: `needs ${missing.map((n) => `{{${n}}}`).join(' and ')}: ${missing.map(howToGive).join('; ')}` };
}

/** A case that reads a user variable the run was not given is planned as skipped, naming it. */
export function gateVariables(planned: PlannedCase[], has: (name: string) => boolean): PlannedCase[] {
  return planned.map((p) => {
    const skip = p.skip === undefined ? missingVariables(p.case.needs, has) : undefined;
    return skip === undefined ? p : { ...p, skip };
  });
}

/**
 * Against a target that is not on this machine, cases that create, change or delete need
 * explicit consent: without it they are planned as skipped, with the reason as data.
 */
export function gateWrites(planned: PlannedCase[], target: TargetTraits, allowWrites: boolean): PlannedCase[] {
  if (target.local || allowWrites) return planned;
  return planned.map((p) => (p.case.writes ? { ...p, skip: NEEDS_ALLOW_WRITES } : p));
}
