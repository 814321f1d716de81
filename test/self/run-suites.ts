import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ACCEPTED_SECRET_TOKEN, defaultFixtures, startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { gsc, targetFlags, tempDir } from '../e2e/support.js';

export interface CaseOutcome { id: string; level: string; status: string; skipReason?: string }
export interface RunOutcome { code: number; cases: CaseOutcome[]; jobsLeft: number }

/**
 * The user variables a run against the emulator is given, so that no case is skipped for want
 * of one: a user to provision, the SCIM credentials the `credentials-checked` behaviour accepts,
 * and the read-only token of the default fixtures.
 */
export const EMULATOR_VARIABLES = {
  flags: ['--var', 'provisionUserId=6b4d6a2e-0c1f-4c8e-9d3a-5e7f8a9b0c1d', '--var', 'scimBaseAddress=https://scim.example.invalid/scim'],
  env: { GSC_SECRET_SCIMSECRETTOKEN: ACCEPTED_SECRET_TOKEN, GSC_SECRET_LOWPRIVILEGETOKEN: defaultFixtures().readOnlyTokens?.[0] ?? '' },
};

/** Runs every shipped case against an emulator started with these options, as a user would with gsc. */
export async function runSuites(options: EmulatorOptions, consistencyTimeout: string): Promise<RunOutcome> {
  const emu = await startEmulator(options);
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
