import { LEVELS } from '../../model/index.js';
import type { Level, RunInfo, RunSummary } from '../../model/index.js';
import { runErrorText } from '../explain.js';
import { redactText } from '../../common/redact.js';
import { formatDuration } from '../text.js';
import { countsAt, failsBelowLevel, tallyByLevel, verdictLine, type CaseBrief } from '../verdict.js';
import { CHART_ORDER, levelChart } from './chart.js';
import { coverageHtml } from './coverage.js';
import { latencyHtml } from './latency.js';
import { esc, escSay } from './escape.js';
import { CSP, STYLE } from './style.js';
import type { Write } from '../write-file.js';
import type { PageCases } from './cases.js';

/** What the page keeps of a case once it has ended: its rendered fragment and a few facts. */
export interface RenderedCase extends CaseBrief {
  /** Its number in the run: its element's `id` is `case-<n>`, for links from the summary. */
  n: number;
  /** One line: why it did not pass (only kept for a case that failed or could not be tested). */
  headline: string;
  /** The case's HTML, escaped and bounded (see `caseHtml`), by the index the reporter keeps it under. */
  html: number;
  /** Where it is written, for a stable order. */
  file: string;
  line: number;
}

/** The `id` of a case's element. */
export function anchorOf(n: number): string {
  return `case-${n}`;
}

/** Everything the page shows. */
export interface PageInput {
  info: RunInfo | undefined;
  summary: RunSummary;
  cases: PageCases;
  /** The HTML kept under an index. */
  htmlOf: (index: number) => string;
}

/**
 * Writes the whole report page piece by piece, each case's HTML a piece of its own: one
 * self-contained file (inline stylesheet and SVG, no script, no external resource) under a
 * Content-Security-Policy that forbids every script, so it opens offline and an untrusted body
 * can never run code in it.
 */
export function writePage({ info, summary, cases, htmlOf }: PageInput, write: Write): void {
  const failLevel: Level = info?.failLevel ?? 'MUST';
  const tool = `${info?.tool?.name ?? 'gsc'} ${info?.tool?.version ?? ''}`.trim();
  const target = redactText(String(info?.target ?? '(unknown target)'));
  const verdictClass = summary.verdict === 'conformant' || summary.verdict === 'non-conformant' ? summary.verdict : 'incomplete';
  const facts = [
    `${esc(tool)} against <code>${escSay(target, 300)}</code>`,
    info?.startedAt ? `started ${esc(String(info.startedAt))}` : '',
    `took ${esc(formatDuration(summary.durationMs))}`,
    `failing level <b>${esc(failLevel)}</b>`,
  ].filter(Boolean);
  write(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conformance report: ${escSay(target, 200)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>Conformance report</h1>
<p class="facts">${facts.join(' · ')}</p>
</header>
<p class="verdict ${verdictClass}" role="status">${esc(verdictLine(summary, failLevel, cases.notables()))}</p>
${summaryHtml(cases, summary, failLevel)}
${coverageHtml(info?.coverage)}
${latencyHtml(summary.latency)}
<section aria-labelledby="cases-heading">
<h2 id="cases-heading">Cases</h2>
${filtersHtml(cases)}
<div class="cases">
`);
  // Cases that need reading come first; then by place in the suites, as they are written.
  cases.ordered().forEach((index, i) => write(`${i > 0 ? '\n' : ''}${htmlOf(cases.at(index).html)}`));
  write(`
<p class="shown">of ${cases.length} ${cases.length === 1 ? 'case' : 'cases'} shown</p>
</div>
</section>
<footer>Bodies are redacted and cut to a readable length; results.json keeps them whole. This page runs no script: the filters are CSS.</footer>
</main>
</body>
</html>
`);
}

/** The level table, the chart and the cases that decide the verdict, each linked. */
function summaryHtml(cases: PageCases, summary: RunSummary, failLevel: Level): string {
  const tally = tallyByLevel(cases.all());
  // Only a case that did not pass can fail below the level or be a trouble: the notable ones.
  const notable = cases.notables();
  const head = `<tr><th>level</th>${CHART_ORDER.map((s) => `<th>${s}</th>`).join('')}<th>total</th></tr>`;
  const rows = LEVELS.map((l) => {
    const counting = countsAt(l, failLevel);
    const cells = CHART_ORDER.map((s) => `<td class="${s}${tally[l][s] > 0 ? ' some' : ''}">${tally[l][s]}</td>`).join('');
    const total = CHART_ORDER.reduce((n, s) => n + tally[l][s], 0);
    return `<tr class="${counting ? 'counting' : 'informative'}"><td><b>${l}</b>${counting ? '' : ' <span class="dim">(does not fail the run)</span>'}</td>${cells}<td>${total}</td></tr>`;
  }).join('');
  const legend = `<div class="legend">${CHART_ORDER.map((s) => `<span class="${s}">${s}</span>`).join('')}</div>`;
  const below = notable.filter((c) => failsBelowLevel(c, failLevel)).length;
  const note = `Failures at level ${esc(failLevel)} or stricter fail the run (--level)${below ? `; ${below} below it ${below === 1 ? 'does' : 'do'} not` : ''}.`;
  const aborted = summary.aborted ? `<p class="callout error">The run stopped early: ${esc(runErrorText(summary.aborted))}</p>` : '';
  const troubles = notable.filter((c) => (c.status === 'failed' && !failsBelowLevel(c, failLevel)) || c.status === 'error');
  const list = troubles.length
    ? `<ul class="trouble">${troubles.map((c) => `<li><a href="#${esc(anchorOf(c.n))}"><code>${escSay(c.id, 200)}</code></a> <span class="level">${esc(c.level)}</span> ${c.status === 'error' ? 'could not be tested: ' : ''}${esc(c.headline)}</li>`).join('')}</ul>`
    : '';
  return `<section class="card" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary by requirement level</h2>
<div class="summary-grid">
<div><table class="tally"><thead>${head}</thead><tbody>${rows}</tbody></table><p class="tally-note">${note}</p></div>
<figure>${levelChart(tally)}${legend}</figure>
</div>
${aborted}${list}
</section>`;
}

/** Checkboxes the stylesheet reads; each shows how many cases it stands for. */
function filtersHtml(cases: PageCases): string {
  const chip = (id: string, label: string, n: number) => `<label class="chip"><input type="checkbox" id="show-${id}" checked> ${label} <span class="n">${n}</span></label>`;
  const statuses = CHART_ORDER.map((s) => chip(s, s, cases.countOf({ status: s }))).join('');
  const levels = LEVELS.map((l) => chip(l, l, cases.countOf({ level: l }))).join('');
  return `<div class="filters card" role="group" aria-label="Filters"><div class="group"><span class="group-name">Status</span>${statuses}</div><div class="group"><span class="group-name">Level</span>${levels}</div></div>`;
}
