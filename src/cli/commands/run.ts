import { EXIT, GscBaselineError, planOnly, run, type RunResult } from '../../run/index.js';
import { GscSuiteError } from '../../run/suites.js';
import { readSettings } from '../config/index.js';
import { runFlags } from '../flags.js';
import { formatHelp } from '../help.js';
import type { CliIo } from '../io.js';
import { println, useColor } from '../io.js';
import { steadyHeap } from '../heap.js';
import { setLastWords } from '../last-words.js';
import { runOptions, settingsLabel } from '../run-options.js';
import { printDiagnostics } from '../suites.js';
import { printDryRun } from './dry-run.js';

/** `gsc run [paths…]`: flags, environment and config file into `run()`; the exit code says the verdict. */
export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  steadyHeap();
  // Flags, then GSC_* variables, then the config file's target: see docs/configuration.md.
  const s = readSettings(argv, runFlags, io);
  if (s === undefined) return EXIT.usage;
  if (s.flag('help')) {
    println(io.stdout, formatHelp('run'));
    return EXIT.conformant;
  }
  for (const flag of s.secretsOnCommandLine) {
    println(io.stderr, `gsc: warning: ${flag} on the command line is visible to other processes; prefer the environment variable`);
  }
  const hooks = { label: settingsLabel(s), lastWords: setLastWords };
  const options = {
    ...runOptions(s, io.cwd, io.env),
    ...(io.signal ? { signal: io.signal } : {}),
    stdout: io.stdout,
    liveStream: io.stderr,
    color: useColor(io.stdout, io.env),
    env: io.env,
    // The reporters get every case as it ends and the exit code reads only the verdict, aborted
    // and coverage: holding the cases again would only grow a long soak's memory.
    keepCases: false,
    onNotice: (text: string) => println(io.stderr, text),
  };
  try {
    if (s.flag('dry-run')) {
      const { plan, target } = await planOnly(options, hooks);
      await target.close();
      printDryRun(plan.cases, target, io);
      return EXIT.conformant;
    }
    return exitCode(await run(options, hooks));
  } catch (err) {
    // Suite errors are listed as `gsc lint` lists them, coloured for a terminal.
    if (err instanceof GscSuiteError) {
      printDiagnostics(err.loaded, io);
      return EXIT.usage;
    }
    if (err instanceof GscBaselineError) {
      for (const text of err.formatted) println(io.stderr, `${text}\n`);
      println(io.stderr, `gsc run: ${err.summary}`);
      return EXIT.usage;
    }
    throw err;
  }
}

/** Cases in error were not tested: calling the target conformant would claim what no one checked. */
function exitCode(result: RunResult): number {
  if (result.aborted?.code === 'aborted') return EXIT.interrupted;
  const code = { conformant: EXIT.conformant, 'non-conformant': EXIT.nonConformant, incomplete: EXIT.untestable }[result.verdict];
  // Below --min-coverage the run fails even when every case passed.
  return result.coverage?.belowMinimum && code === EXIT.conformant ? EXIT.nonConformant : code;
}
