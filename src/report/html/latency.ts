import { redactText } from '../../common/redact.js';
import type { LatencyReport, OperationLatency } from '../../model/index.js';
import { sharedPrefix } from '../coverage.js';
import { ms } from '../latency.js';
import { esc } from './escape.js';

/**
 * The request latency section: every request together, then one row per operation, busiest
 * first, with the request count and p50/p95/p99/max in milliseconds, as the console prints it.
 * Empty when nothing was timed.
 */
export function latencyHtml(l: LatencyReport | undefined): string {
  if (!l) return '';
  const operations = Object.entries(l.operations).sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  const prefix = sharedPrefix(operations.map(([name]) => name));
  const name = (op: string) => esc(redactText(prefix ? op.replace(` ${prefix}/`, ' …/') : op));
  const row = (label: string, o: OperationLatency) => `<tr><td>${label}</td><td>${o.count}</td><td>${ms(o.p50)}</td><td>${ms(o.p95)}</td><td>${ms(o.p99)}</td><td>${ms(o.max)}</td></tr>`;
  const rows = [row('all requests', l.all), ...operations.map(([op, o]) => row(`<code>${name(op)}</code>`, o))];
  return `<section class="card" aria-labelledby="latency-heading">
<h2 id="latency-heading">Request latency (ms)</h2>
<p>Every request that got an answer, retries included, from sending it to the end of its answer.${prefix ? ` Operations under <code>${esc(redactText(prefix))}</code>.` : ''}</p>
<table class="tally latency"><thead><tr><th>operation</th><th>requests</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</section>`;
}
