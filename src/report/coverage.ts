import type { Coverage, CoveredPoint } from '../model/index.js';
import { visible } from './text.js';

/** `Contract coverage: 62.3% (212 of 341 points: 20 of 44 status codes, 192 of 297 properties)`. */
export function coverageLine(c: Coverage): string {
  const of = (kind: CoveredPoint['kind']) => {
    const points = c.points.filter((p) => p.kind === kind);
    return `${points.filter((p) => p.cases.length > 0).length} of ${points.length}`;
  };
  return `Contract coverage: ${c.percent}% (${c.covered} of ${c.total} points: ${of('status')} status codes, ${of('property')} properties)`;
}

/**
 * The path prefix every operation shares, up to a `/` (`/servicePrincipals/{servicePrincipal-id}/synchronization`),
 * so tables can show `GET …/jobs` and fit a terminal.
 */
export function sharedPrefix(operations: readonly string[]): string {
  const paths = operations.map((o) => o.slice(o.indexOf(' ') + 1));
  if (paths.length < 2) return '';
  let prefix = paths[0]!;
  for (const p of paths) while (!p.startsWith(`${prefix}/`) && prefix) prefix = prefix.slice(0, prefix.lastIndexOf('/'));
  return prefix;
}

/** `GET /servicePrincipals/{…}/synchronization/jobs` → `GET …/jobs` under the shared prefix. */
function short(operation: string, prefix: string): string {
  return prefix ? operation.replace(` ${prefix}/`, ' …/') : operation;
}

/** The operation table: status codes and properties covered, and a percentage, one row each. */
export function coverageTable(c: Coverage): string[] {
  const prefix = sharedPrefix(c.operations.map((o) => o.operation));
  const rows = c.operations.map((o) => {
    const covered = o.statuses.covered + o.properties.covered;
    const total = o.statuses.total + o.properties.total;
    const pct = total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10;
    return [visible(short(o.operation, prefix)), `${o.statuses.covered}/${o.statuses.total}`, o.properties.total ? `${o.properties.covered}/${o.properties.total}` : '-', `${pct}%`];
  });
  const head = ['operation', 'status codes', 'properties', 'covered'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(width[i]!) : cell.padStart(width[i]!))).join('  ').trimEnd();
  return [...(prefix ? [`Operations under ${visible(prefix)} (…), from specs/:`] : []), line(head), ...rows.map(line)];
}

/** Every status code no case checks, `GET /…: 404 default`, one line per operation. */
export function uncoveredStatusLines(c: Coverage): string[] {
  const byOp = new Map<string, string[]>();
  for (const p of c.points) if (p.kind === 'status' && p.cases.length === 0) byOp.set(p.operation, [...(byOp.get(p.operation) ?? []), p.point]);
  const prefix = sharedPrefix(c.operations.map((o) => o.operation));
  return [...byOp].map(([op, codes]) => `${visible(short(op, prefix))}: ${codes.join(', ')}`);
}

/** The covered points with the cases and the strictest level that check them. */
export function coveredPointLines(c: Coverage): string[] {
  return c.points
    .filter((p) => p.cases.length > 0)
    .map((p) => `${p.level} ${visible(short(p.operation, sharedPrefix(c.operations.map((o) => o.operation))))} ${p.kind === 'status' ? `status ${p.point}` : `${p.status} ${p.point} (by ${p.by})`}: ${p.cases.map(visible).join(', ')}`);
}
