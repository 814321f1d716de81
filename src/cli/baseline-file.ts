import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Baseline, Suite } from '../model/index.js';
import { formatDiagnostic, parseBaseline } from '../load/index.js';
import { UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';
import { println, useColor } from './io.js';

/**
 * Reads `--baseline FILE` against the suites' case ids. Every problem is printed as
 * file:line:col with the line and a caret; any error is a usage error (exit 2, nothing sent).
 */
export function readBaselineFile(path: string, suites: Suite[], io: CliIo): Baseline {
  const full = resolve(io.cwd, path);
  const shown = relative(io.cwd, full).startsWith('..') ? full : relative(io.cwd, full);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--baseline ${shown}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}; \`gsc baseline --from reports/results.json > ${shown}\` writes a first one`);
  }
  const ids = suites.flatMap((s) => s.cases.map((c) => c.id));
  const { baseline, diagnostics } = parseBaseline(shown, text, ids);
  const color = useColor(io.stderr, io.env);
  for (const d of diagnostics) println(io.stderr, `${formatDiagnostic(d, new Map([[shown, text]]), { color })}\n`);
  if (!baseline) throw new UsageError(`${diagnostics.filter((d) => d.severity === 'error').length} error(s) in the baseline ${shown}; nothing was sent`);
  return baseline;
}
