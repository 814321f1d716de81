import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { tempDir } from '../fixtures/temp.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'vitest');

/** One test as vitest's JSON reporter writes it. */
interface TestOutcome {
  fullName: string;
  status: string;
  failureMessages: string[];
  meta: { conformanceNote?: string };
}

/**
 * Runs vitest on the fixture as an SDK repository would (`vitest run`), in its own process with
 * the given environment, and returns each test's outcome.
 */
async function vitestRun(env: Record<string, string>): Promise<{ code: number; tests: TestOutcome[] }> {
  const out = join(tempDir(), 'vitest.json');
  const args = [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', FIXTURE, '--reporter=json', `--outputFile=${out}`];
  const code = await promisify(execFile)(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? -1,
  );
  const report = JSON.parse(readFileSync(out, 'utf8')) as { testResults: { assertionResults: TestOutcome[] }[] };
  return { code, tests: report.testResults.flatMap((f) => f.assertionResults) };
}

const emulators: EmulatorHandle[] = [];
afterAll(async () => {
  for (const e of emulators) await e.close();
});

describe("graph-sync-conformance/vitest, in an SDK repository's tests", () => {
  it('registers each selected case as a test named by suite, case id and title, run against an in-process emulator when no target is given', async () => {
    const { code, tests } = await vitestRun({});
    expect(code).toBe(0);
    expect(tests.map((t) => [t.fullName, t.status])).toEqual([
      ['synchronization-jobs/create create/answers-201-with-a-job: A valid create answers 201 Created with a synchronizationJob', 'passed'],
      ['synchronization-jobs/errors errors/inner-error-key-is-inner-error: An error body carries its diagnostics under innerError, spelled so', 'passed'],
    ]);
  }, 120_000);

  it('takes the target from GSC_* variables; a MUST failure fails its test with the console explanation, a SHOULD failure passes with a note', async () => {
    const emu = await startEmulator({ deviations: ['create-answers-200', 'error-inner-error-lowercase'] });
    emulators.push(emu);
    const { code, tests } = await vitestRun({ GSC_TARGET: emu.url, GSC_TOKEN: emu.fixtures.token, GSC_SERVICE_PRINCIPAL_ID: emu.fixtures.servicePrincipalId, GSC_TEMPLATE_ID: emu.fixtures.templateId });
    expect(code).toBe(1);
    const [create, errors] = tests;
    expect(create?.status).toBe('failed');
    expect(create?.failureMessages[0]).toContain('FAIL  create/answers-201-with-a-job');
    expect(create?.failureMessages[0]).toContain('status must be 201');
    expect(create?.failureMessages[0]).not.toContain(emu.fixtures.token);
    expect(errors?.status).toBe('passed');
    expect(errors?.meta.conformanceNote).toContain('failed below the failing level MUST (a SHOULD case), so it does not fail');
  }, 120_000);
});
