/**
 * Vitest global setup: a run that leaves a temporary folder behind fails.
 *
 * The run gets a temp folder of its own: `TMPDIR` is set before the workers start, so
 * `os.tmpdir()` in every test file (and in every process a test starts with the inherited
 * environment) points into it. Whatever is still there when the run ends was made by this run
 * and not removed, never another program's file: it is listed, removed, and fails the run.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const own = mkdtempSync(join(tmpdir(), 'gsc-test-run-'));
  process.env.TMPDIR = own;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    const left = readdirSync(own).sort();
    rmSync(own, { recursive: true, force: true });
    if (left.length > 0) {
      const shown = left.slice(0, 10).join(', ') + (left.length > 10 ? `, and ${left.length - 10} more` : '');
      // Vitest only logs an error thrown here and still exits 0; the exit code must say it.
      console.error(`\nFAIL the tests left ${left.length} entries in the temp folder: ${shown}.\nMake them with tempDir() from test/fixtures/temp.ts, or remove them in afterEach/afterAll.\n`);
      process.exitCode = 1;
    }
  };
}
