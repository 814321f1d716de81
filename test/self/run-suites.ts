import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EMULATOR_USER_VARIABLES, startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from '../e2e/support.js';

export interface CaseOutcome { id: string; level: string; status: string; skipReason?: string }
export interface RunOutcome { code: number; cases: CaseOutcome[]; jobsLeft: number }

/**
 * The user variables a run against the emulator is given, so that no case is skipped for want
 * of one: the values the emulator's data answers to (a user to provision, the SCIM credentials
 * `credentials-checked` accepts, the read-only token), given the way a user gives them.
 */
const EMULATOR_VARIABLES = {
  flags: ['--var', `provisionUserId=${EMULATOR_USER_VARIABLES['vars.provisionUserId']}`, '--var', `scimBaseAddress=${EMULATOR_USER_VARIABLES['vars.scimBaseAddress']}`],
  env: { GSC_SECRET_SCIMSECRETTOKEN: EMULATOR_USER_VARIABLES['secrets.scimSecretToken']!, GSC_SECRET_LOWPRIVILEGETOKEN: EMULATOR_USER_VARIABLES['secrets.lowPrivilegeToken']! },
};

/** Runs every shipped case against an emulator started with these options, as a user would with gsc. */
export async function runSuites(options: EmulatorOptions, consistencyTimeout: string): Promise<RunOutcome> {
  // A short provisionOnDemand window: its 429 holds each run's requests until it passes.
  const emu = await startEmulator({ provisionWindowMs: 3_000, ...options });
  const out = tempDir('gsc-self-');
  try {
    // Level MAY: any failed case, whatever its level, fails the run, so every catch shows in the exit code.
    const args = ['run', ...targetFlags(emu), ...EMULATOR_VARIABLES.flags, '--out', out, '--reporter', 'json', '--level', 'MAY', '--consistency-timeout', consistencyTimeout, '--ledger', 'off'];
    const run = await gsc(args, { env: EMULATOR_VARIABLES.env });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cases: CaseOutcome[] };
    return { code: run.code, cases: results.cases, jobsLeft: emu.jobs().length };
  } finally {
    await emu.close();
    rmSync(out, { recursive: true, force: true });
  }
}

/** Runs `fn` over `items`, at most `size` at a time, keeping the order of the results. */
export async function pool<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  }));
  return out;
}
