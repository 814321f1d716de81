import type { LatencyReport, OperationLatency } from '../model/index.js';
import { visible } from './text.js';

/** `12.3`: milliseconds with three significant figures at most, for a table. */
export function ms(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** The narrowest the operation column is made to fit a terminal: below it, the table wraps rather than say nothing. */
const NARROWEST_OPERATION = 20;

/**
 * The latency table of the console summary: one row for every request, then one per
 * operation, busiest first, with request count and p50/p95/p99/max in milliseconds. Given a
 * terminal's `columns`, a table wider than it is fit by cutting operation names in their middle
 * (`POST …/{randomGuid}/synchronization/jobs`: the method and the end of the path, which tell
 * operations apart, are kept); without, the table is whole, as in a log or a file.
 */
export function latencyLines(l: LatencyReport, columns?: number): string[] {
  const rows: Array<[string, OperationLatency]> = [['all requests', l.all], ...Object.entries(l.operations).sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))];
  const cells = rows.map(([name, o]) => [visible(name), String(o.count), ms(o.p50), ms(o.p95), ms(o.p99), ms(o.max)]);
  const head = ['operation', 'requests', 'p50', 'p95', 'p99', 'max'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  if (columns !== undefined) {
    // A line as wide as the terminal wraps on some terminals: keep one column free.
    const room = columns - 1 - (2 + widths.slice(1).reduce((sum, w) => sum + w + 2, 0));
    const fit = Math.max(NARROWEST_OPERATION, Math.min(widths[0]!, room));
    if (fit < widths[0]!) {
      // Cut at a `/` where that keeps every row's name its own; else exactly at the width.
      const atSlash = cells.map((c) => shorten(c[0]!, fit, true));
      const names = new Set(atSlash).size === cells.length ? atSlash : cells.map((c) => shorten(c[0]!, fit, false));
      cells.forEach((c, i) => (c[0] = names[i]!));
      widths[0] = Math.max(head[0]!.length, ...cells.map((c) => c[0]!.length));
    }
  }
  const line = (c: string[]) => `  ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ')}`.trimEnd();
  return ['Latency (ms)', line(head), ...cells.map(line)];
}

/**
 * `GET /servicePrincipals/{id}/synchronization/jobs` in `width` characters: the first word (the
 * method), `…`, and as much of the end as fits, from a `/` when `atSlash` (`GET …/synchronization/jobs`).
 */
function shorten(name: string, width: number, atSlash: boolean): string {
  if (name.length <= width) return name;
  const space = name.indexOf(' ');
  const start = space > 0 && space + 2 < width / 2 ? name.slice(0, space + 1) : '';
  let end = name.slice(name.length - (width - start.length - 1));
  const slash = end.indexOf('/');
  if (atSlash && slash > 0) end = end.slice(slash);
  return `${start}…${end}`;
}
