import { relative } from 'node:path';
import type { Diagnostic, Suite } from '../model/index.js';
import { formatDiagnostic, loadOperations, loadSuites } from '../load/index.js';
import type { CliIo } from './io.js';
import { println, useColor } from './io.js';
import { project } from './project.js';

/** The variables every run provides; the loader rejects any other name not captured first. */
export const RUN_VARIABLES = ['servicePrincipalId', 'templateId', 'runId', 'randomGuid'] as const;

/**
 * Loads and validates suite files (default: the package's suites/), printing every diagnostic.
 * Returns undefined when any error was found: nothing may be sent then.
 */
export async function loadAndReport(paths: string[], io: CliIo): Promise<Suite[] | undefined> {
  const p = project();
  const targets = paths.length > 0 ? paths.map((x) => (x.startsWith('/') ? x : `${io.cwd}/${x}`)) : [p.suites];
  const ops = await loadOperations(p.specs);
  const loaded = await loadSuites({ paths: targets, formatSchemaFile: p.formatSchema, runVariables: RUN_VARIABLES, operations: ops.operations, refRoots: [io.cwd] });
  const diagnostics: Diagnostic[] = [...ops.diagnostics, ...loaded.diagnostics].map((d) => (d.span ? { ...d, span: { ...d.span, file: shorten(d.span.file, io.cwd) } } : d));
  const sources = new Map([...loaded.sources].map(([file, text]) => [shorten(file, io.cwd), text]));
  const color = useColor(io.stderr, io.env);
  for (const d of diagnostics) println(io.stderr, `${formatDiagnostic(d, sources, { color })}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    println(io.stderr, `gsc: ${errors} error(s) in suite files; nothing was sent. Fix them and run \`gsc lint\` to check.`);
    return undefined;
  }
  return loaded.suites.map((suite) => relativeSpans(suite, io.cwd));
}

/** Spans name files relative to where the user stands, as editors and terminals link them. */
function relativeSpans<T>(value: T, cwd: string): T {
  if (Array.isArray(value)) return value.map((v) => relativeSpans(v, cwd)) as T;
  if (value === null || typeof value !== 'object') return value;
  // Only spans (they have a line) and suites (they have cases) name files; a JSON body's "file" is data.
  const named = 'line' in value || 'cases' in value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = named && k === 'file' && typeof v === 'string' ? shorten(v, cwd) : relativeSpans(v, cwd);
  return out as T;
}

function shorten(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}
