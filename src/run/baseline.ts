import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Baseline, Suite } from '../model/index.js';
import { formatDiagnostic, parseBaseline } from '../load/index.js';
import { GscUsageError } from './exit-codes.js';

/** A baseline file with errors: nothing may be sent. The message lists every diagnostic as `gsc` prints them. */
export class GscBaselineError extends GscUsageError {
  constructor(
    message: string,
    /** The problems, formatted as file:line:col with the line and a caret. */
    readonly formatted: string[],
    /** The last line: how many errors, and that nothing was sent. */
    readonly summary: string,
  ) {
    super(message);
    this.name = 'GscBaselineError';
  }
}

/**
 * Reads a baseline file (`path` relative to `cwd`) against the suites' case ids. Any error is a
 * usage error whose message holds every problem at file:line:col with the line and a caret, and
 * ends saying nothing was sent.
 */
export function readBaselineFile(path: string, suites: readonly Suite[], cwd: string, label: string): Baseline {
  const full = resolve(cwd, path);
  const shown = relative(cwd, full).startsWith('..') ? full : relative(cwd, full);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new GscUsageError(`${label} ${shown}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}; \`gsc baseline --from reports/results.json > ${shown}\` writes a first one`);
  }
  const ids = suites.flatMap((s) => s.cases.map((c) => c.id));
  const { baseline, diagnostics } = parseBaseline(shown, text, ids);
  if (baseline) return baseline;
  const formatted = diagnostics.map((d) => formatDiagnostic(d, new Map([[shown, text]]), { color: false }));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const summary = `${errors} error(s) in the baseline ${shown}; nothing was sent`;
  throw new GscBaselineError([...formatted, summary].join('\n\n'), formatted, summary);
}
