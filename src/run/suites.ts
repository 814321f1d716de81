import { resolve } from 'node:path';
import type { Diagnostic, Suite } from '../model/index.js';
import { formatDiagnostic, loadOperations, loadSuites } from '../load/index.js';
import { prebuiltSuites } from '../load/prebuilt-suites.js';
import { GscUsageError } from './exit-codes.js';
import { project } from './project.js';

/** The variables every run provides; the loader rejects any other name not captured first. */
export const RUN_VARIABLES = ['servicePrincipalId', 'templateId', 'runId', 'randomGuid'] as const;

/** Suites, or the problems that keep them from running; files are named relative to `cwd`. */
export interface LoadedSuites {
  suites: Suite[];
  diagnostics: Diagnostic[];
  /** file -> text, for formatting diagnostics. */
  sources: Map<string, string>;
  errors: number;
}

/** Loads and validates suite files (`paths` relative to `cwd`; none: the package's suites/). */
export async function loadRunSuites(paths: readonly string[], cwd: string): Promise<LoadedSuites> {
  const p = project();
  const targets = paths.length > 0 ? paths.map((x) => resolve(cwd, x)) : [p.suites];
  if (paths.length === 0 || (targets.length === 1 && targets[0] === p.suites)) {
    // The package's own suites, unchanged since the build: its model, no YAML parsed.
    const built = await prebuiltSuites({ root: p.root, suites: p.suites, specs: p.specs, formatSchema: p.formatSchema, runVariables: RUN_VARIABLES, cwd });
    if (built !== undefined) return { ...built, diagnostics: [], errors: 0 };
  }
  const ops = await loadOperations(p.specs, { cwd });
  const loaded = await loadSuites({ paths: targets, formatSchemaFile: p.formatSchema, runVariables: RUN_VARIABLES, operations: ops.operations, cwd, refRoots: [cwd] });
  const diagnostics = [...ops.diagnostics, ...loaded.diagnostics];
  return { suites: loaded.suites, diagnostics, sources: loaded.sources, errors: diagnostics.filter((d) => d.severity === 'error').length };
}

/** What `gsc` says after listing the diagnostics of suites that cannot run. */
export function suiteErrorsLine(errors: number): string {
  return `${errors} error(s) in suite files; nothing was sent. Fix them and run \`gsc lint\` to check.`;
}

/** Suite files with errors: nothing may be sent. The message lists every diagnostic, as `gsc` prints them. */
export class GscSuiteError extends GscUsageError {
  override readonly code = 'suite';
  constructor(readonly loaded: LoadedSuites) {
    super([...loaded.diagnostics.map((d) => formatDiagnostic(d, loaded.sources, { color: false })), suiteErrorsLine(loaded.errors)].join('\n\n'));
    this.name = 'GscSuiteError';
  }
}
