import type { Diagnostic, SourceSpan } from '../model/index.js';
import { REDACTED } from '../common/redact.js';

/** ANSI styles, used only when asked: output that is piped or saved stays plain. */
const STYLE = {
  error: '\x1b[1;31m',
  warning: '\x1b[1;33m',
  bold: '\x1b[1m',
  gutter: '\x1b[1;34m',
  help: '\x1b[1;36m',
  reset: '\x1b[0m',
} as const;

const TAB_WIDTH = 4;

/**
 * Renders a diagnostic the way rustc and hurl do:
 *
 * ```text
 * error[unknown-key]: unknown key `expct` in a step
 *   --> suites/x.yaml:12:9
 *    |
 * 12 |         expct:
 *    |         ^^^^^
 *    = help: did you mean `expect`?
 * ```
 *
 * The source line comes from `sources` (file -> text); without it, only the location is shown.
 * A bearer token on the shown line is masked: suite files must not hold one, but if one does,
 * it must not reach a terminal or a CI log through a message.
 */
export function formatDiagnostic(d: Diagnostic, sources: Map<string, string>, opts: { color?: boolean } = {}): string {
  const paint = (style: keyof typeof STYLE, text: string): string => (opts.color === true ? `${STYLE[style]}${text}${STYLE.reset}` : text);
  const head = `${paint(d.severity, `${d.severity}[${d.code}]`)}${paint('bold', `: ${d.message}`)}`;
  const span = d.span;
  const notes = d.notes ?? [];
  const width = Math.max(1, ...[span, ...notes.map((n) => n.span)].map((s) => (s === undefined ? 1 : String(s.line).length)));
  const pad = ' '.repeat(width);
  const out = [head];
  if (span !== undefined) {
    out.push(`${pad}${paint('gutter', '-->')} ${span.file}:${span.line}:${span.col}`);
    out.push(...excerpt(span, sources, width, paint, d.severity, '^'));
  }
  // Other places (rustc's `:::`), each with its label under the carets: "used here".
  for (const note of notes) {
    out.push(`${pad}${paint('gutter', ':::')} ${note.span.file}:${note.span.line}:${note.span.col}`);
    const lines = excerpt(note.span, sources, width, paint, 'help', '-', note.label);
    out.push(...(lines.length > 0 ? lines : [`${pad} ${paint('gutter', '=')} ${note.label}`]));
  }
  if (d.hint !== undefined) out.push(`${pad} ${paint('help', '= help:')} ${d.hint}`);
  return out.join('\n');
}

type Paint = (style: keyof typeof STYLE, text: string) => string;

/** The source line of `span` with markers under it (`^` for the problem, `-` for a note), when the text is known. */
function excerpt(span: SourceSpan, sources: Map<string, string>, width: number, paint: Paint, style: keyof typeof STYLE, marker: '^' | '-', label?: string): string[] {
  const line = sourceLine(sources.get(span.file), span.line);
  if (line === undefined) return [];
  const pad = ' '.repeat(width);
  const shown = expandTabs(redact(line));
  const startCol = displayCol(line, span.col);
  const endCol = span.endLine === span.line && span.endCol !== undefined ? displayCol(line, span.endCol) : expandTabs(line.trimEnd()).length + 1;
  const markers = marker.repeat(Math.max(1, endCol - startCol));
  return [
    `${pad} ${paint('gutter', '|')}`,
    `${paint('gutter', `${String(span.line).padStart(width)} |`)}${shown === '' ? '' : ` ${shown}`}`,
    `${pad} ${paint('gutter', '|')} ${' '.repeat(startCol - 1)}${paint(style, markers)}${label !== undefined ? ` ${paint(style, label)}` : ''}`,
  ];
}

/** The last text split into lines: diagnostics come file by file, and a large file may have thousands. */
let split: { text: string; lines: string[] } | undefined;

/** Line `n` (1-based) of `text`, without its line break. */
function sourceLine(text: string | undefined, n: number): string | undefined {
  if (text === undefined) return undefined;
  if (split?.text !== text) split = { text, lines: text.split(/\r?\n/) };
  const lines = split.lines;
  return n >= 1 && n <= lines.length ? lines[n - 1] : undefined;
}

/** Columns count characters; a tab shows as spaces, so carets stay under what they mark. */
function displayCol(line: string, col: number): number {
  return expandTabs(line.slice(0, Math.max(0, col - 1))).length + 1;
}

function expandTabs(text: string): string {
  let out = '';
  for (const ch of text) out += ch === '\t' ? ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH)) : ch;
  return out;
}

/** Masks a token after `Bearer`, keeping `{{variables}}` (they hold no secret). */
function redact(line: string): string {
  return line.replace(/(bearer\s+)(?!\{\{)[^\s"',}]+/gi, `$1${REDACTED}`);
}
