import type { LatencyReport, OperationLatency } from '../model/index.js';
import { visible } from './text.js';

/** `12.3`: milliseconds with three significant figures at most, for a table. */
export function ms(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/**
 * The latency table of the console summary: one row for every request, then one per
 * operation, busiest first, with request count and p50/p95/p99/max in milliseconds.
 */
export function latencyLines(l: LatencyReport): string[] {
  const rows: Array<[string, OperationLatency]> = [['all requests', l.all], ...Object.entries(l.operations).sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))];
  const cells = rows.map(([name, o]) => [visible(name), String(o.count), ms(o.p50), ms(o.p95), ms(o.p99), ms(o.max)]);
  const head = ['operation', 'requests', 'p50', 'p95', 'p99', 'max'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `  ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ')}`.trimEnd();
  return ['Latency (ms)', line(head), ...cells.map(line)];
}
