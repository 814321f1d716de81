import type { Coverage } from '../../model/index.js';
import { coverageLine, sharedPrefix } from '../coverage.js';
import { esc } from './escape.js';

/**
 * The contract coverage section: the total, then one row per operation of specs/ with its status
 * codes and body properties checked, and the status codes no case checks. Empty when the run
 * computed none.
 */
export function coverageHtml(c: Coverage | undefined): string {
  if (!c) return '';
  const prefix = sharedPrefix(c.operations.map((o) => o.operation));
  const name = (op: string) => esc(prefix ? op.replace(` ${prefix}/`, ' …/') : op);
  const rows = c.operations.map((o) => {
    const covered = o.statuses.covered + o.properties.covered;
    const total = o.statuses.total + o.properties.total;
    const pct = total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10;
    const missing = c.points.filter((p) => p.operation === o.operation && p.kind === 'status' && p.cases.length === 0).map((p) => esc(p.point));
    return `<tr><td><code>${name(o.operation)}</code></td><td>${o.statuses.covered}/${o.statuses.total}</td><td>${o.properties.total ? `${o.properties.covered}/${o.properties.total}` : '-'}</td><td>${pct}%</td><td>${missing.join(', ') || '<span class="dim">none</span>'}</td></tr>`;
  });
  return `<section class="card" aria-labelledby="coverage-heading">
<h2 id="coverage-heading">Contract coverage</h2>
<p>${esc(coverageLine(c))}. A status code counts when a case expects it; a property, when a case asserts its value or checks a schema that documents it.${prefix ? ` Operations under <code>${esc(prefix)}</code>.` : ''}</p>
<table class="tally coverage"><thead><tr><th>operation</th><th>status codes</th><th>properties</th><th>covered</th><th>status codes no case checks</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</section>`;
}
