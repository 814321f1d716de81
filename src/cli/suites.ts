import type { Suite } from '../model/index.js';
import { formatDiagnostic } from '../load/index.js';
import { loadRunSuites, suiteErrorsLine, type LoadedSuites } from '../run/suites.js';
import type { CliIo } from './io.js';
import { println, useColor } from './io.js';

export { RUN_VARIABLES } from '../run/suites.js';

/**
 * Loads and validates suite files (default: the package's suites/), printing every diagnostic.
 * Returns undefined when any error was found: nothing may be sent then.
 */
export async function loadAndReport(paths: string[], io: CliIo): Promise<Suite[] | undefined> {
  const loaded = await loadRunSuites(paths, io.cwd);
  return printDiagnostics(loaded, io) ? loaded.suites : undefined;
}

/** Prints every diagnostic, coloured for a terminal; false when any is an error. */
export function printDiagnostics(loaded: LoadedSuites, io: CliIo): boolean {
  const color = useColor(io.stderr, io.env);
  for (const d of loaded.diagnostics) println(io.stderr, `${formatDiagnostic(d, loaded.sources, { color })}\n`);
  if (loaded.errors === 0) return true;
  println(io.stderr, `gsc: ${suiteErrorsLine(loaded.errors)}`);
  return false;
}
