import type { CaseResult, Exchange, Finding, Level, Status, StepResult } from '../../model/index.js';
import { runErrorText, say, skipReason, where } from '../explain.js';
import { redactHeaders } from '../../common/redact.js';
import { formatDuration, plural } from '../text.js';
import { formatValue } from '../values.js';
import { acceptedByBaseline, failsBelowLevel, notCountedBecause } from '../verdict.js';
import { bodyHtml, type BodyLimits } from './body.js';
import { esc, escSay, safeHref } from './escape.js';

/** Bodies of steps that failed or could not run: enough to read the whole of a normal answer. */
const TROUBLED_LIMITS: BodyLimits = { chars: 64_000, lines: 1_500 };
/** Bodies of steps that passed: a glance, so a long run's page stays small. */
const QUIET_LIMITS: BodyLimits = { chars: 4_000, lines: 80 };
/** Headers shown per message; a target that sends thousands is cut. */
const MAX_HEADERS = 100;

/** Words for statuses, as the console shows them. */
export const STATUS_WORDS: Record<Status, string> = { passed: 'PASS', failed: 'FAIL', error: 'ERROR', skipped: 'SKIP' };

/**
 * One case as an HTML fragment: a `<details>` whose summary line carries status, level, id and
 * title (open when the case did not pass), then its doc link, where it is written, why it was
 * skipped or stopped, and each step with its findings, request and response. Rendered as the
 * case ends, so the reporter keeps this bounded string rather than the exchanges.
 */
export function caseHtml(c: CaseResult, failLevel: Level, anchor: string): string {
  const status = STATUS_WORDS[c.status] ? c.status : 'error';
  const below = failsBelowLevel(c, failLevel);
  const open = status === 'failed' || status === 'error' ? ' open' : '';
  const summary = [
    `<span class="badge ${status}">${STATUS_WORDS[status]}</span>`,
    `<span class="level">${esc(String(c.level))}</span>`,
    `<code class="id">${escSay(c.id, 200)}</code>`,
    `<span class="title">${escSay(c.title, 300)}</span>`,
    below ? `<span class="note">${acceptedByBaseline(c) ? 'known deviation (baseline)' : 'below the failing level'}</span>` : '',
    `<span class="dur">${esc(formatDuration(c.durationMs))}</span>`,
  ].join('');
  const parts = [metaHtml(c)];
  if (below) parts.push(`<p class="callout">Failed at level ${esc(c.level)}, ${esc(notCountedBecause(c, failLevel))}: this does not fail the run.</p>`);
  if (status === 'skipped') parts.push(`<p class="callout">Skipped: ${esc(skipReason(c))}</p>`);
  const steps = c.steps ?? [];
  // The engine often copies a step's error onto its case; say it once.
  const repeated = steps.some((s) => s.error?.code === c.error?.code && s.error?.message === c.error?.message);
  if (c.error && !repeated) parts.push(`<p class="callout error">Error: ${esc(runErrorText(c.error))}</p>`);
  if (steps.length) parts.push(`<ol class="steps">${steps.map((s) => `<li>${stepHtml(s)}</li>`).join('')}</ol>`);
  const attrs = `class="case" id="${esc(anchor)}" data-status="${status}" data-level="${esc(String(c.level))}"`;
  return `<details ${attrs}${open}><summary>${summary}</summary><div class="case-body">${parts.join('')}</div></details>`;
}

/** Doc link, source place, tags. */
function metaHtml(c: CaseResult): string {
  const href = safeHref(c.doc);
  const doc = href ? `<a class="doc" href="${href}" rel="noopener noreferrer" target="_blank">${escSay(c.doc, 300)}</a>` : c.doc ? escSay(c.doc, 300) : 'no documentation link';
  const tags = (c.tags ?? []).length ? ` · tags: ${(c.tags ?? []).map((t) => `<code>${escSay(t, 60)}</code>`).join(' ')}` : '';
  return `<p class="meta">Enforces ${doc} · <code class="where">${esc(where(c.span ?? { file: c.file, line: 0, col: 0 }))}</code>${tags}</p>`;
}

function stepHtml(s: StepResult): string {
  const status = STATUS_WORDS[s.status] ? s.status : 'error';
  const troubled = status === 'failed' || status === 'error';
  const tries = [plural(s.attempts ?? 0, 'attempt')];
  if (s.retries) tries.push(`${plural(s.retries, 'retry', 'retries')}${s.retryReasons?.length ? `: ${s.retryReasons.map((r) => say(r, 120)).join('; ')}` : ''}`);
  tries.push(formatDuration(s.durationMs));
  const summary = [
    `<span class="badge ${status}">${STATUS_WORDS[status]}</span>`,
    `<span class="step-name">${s.phase === 'cleanup' ? 'cleanup ' : ''}step <code>${escSay(s.name, 80)}</code></span>`,
    `<code class="where">${esc(where(s.span))}</code>`,
    `<span class="dur">${esc(tries.join(', '))}</span>`,
  ].join('');
  const parts: string[] = [];
  if (s.skipReason !== undefined) parts.push(`<p class="callout">Skipped: ${escSay(s.skipReason)}</p>`);
  if (s.error) parts.push(`<p class="callout error">Error: ${esc(runErrorText(s.error))}</p>`);
  const findings = s.findings ?? [];
  if (findings.length) parts.push(`<ol class="findings">${findings.map(findingHtml).join('')}</ol>`);
  if (s.exchange) parts.push(exchangeHtml(s.exchange, findings, troubled ? TROUBLED_LIMITS : QUIET_LIMITS));
  else if (status !== 'skipped') parts.push('<p class="dim">No request was sent.</p>');
  return `<details class="step ${status}"${troubled ? ' open' : ''}><summary>${summary}</summary>${parts.join('')}</details>`;
}

function findingHtml(f: Finding): string {
  const rows = [['expected', formatValue(f.expected)], ['actual', formatValue(f.actual)]];
  if (f.pointer !== undefined) rows.unshift(['pointer', f.pointer === '' ? '(the whole body)' : say(f.pointer, 200)]);
  if (f.span) rows.push(['expectation', where(f.span)]);
  const dl = rows.map(([k, v]) => `<dt>${k}</dt><dd><code>${esc(v!)}</code></dd>`).join('');
  return `<li><p><code class="check">${escSay(f.check, 80)}</code> ${escSay(f.message)}</p><dl>${dl}</dl></li>`;
}

/** Request and response side by side; the response body with each finding's pointer marked. */
function exchangeHtml(ex: Exchange, findings: Finding[], limits: BodyLimits): string {
  const req = ex.request ?? ({} as Partial<Exchange['request']>);
  const res = ex.response ?? ({} as Partial<Exchange['response']>);
  const reqBody = typeof req.body === 'string' ? req.body : '';
  const request = [
    `<h4>Request</h4><p class="line"><b>${escSay(req.method ?? '?', 20)}</b> ${escSay(req.url ?? '?', 2000)}</p>`,
    headersHtml(req.headers),
    messageBody(reqBody, parseJson(reqBody), [], limits),
  ].join('');
  const statusMarked = findings.some((f) => f.check === 'status-is-expected');
  const status = `<span class="http-status${statusMarked ? ' hit' : ''}">${esc(String(res.status ?? '?'))}</span>`;
  const pointers = findings.flatMap((f) => (typeof f.pointer === 'string' ? [f.pointer] : []));
  const response = [
    `<h4>Response ${status} <span class="dur">${esc(formatDuration(ex.durationMs))}</span></h4>`,
    headersHtml(res.headers),
    messageBody(typeof res.body === 'string' ? res.body : '', res.json, pointers, limits),
    res.jsonError ? `<p class="dim">Not valid JSON: ${escSay(res.jsonError)}</p>` : '',
  ].join('');
  return `<div class="exchange"><section class="request">${request}</section><section class="response">${response}</section></div>`;
}

function headersHtml(headers: Record<string, string> | undefined): string {
  const all = Object.entries(redactHeaders(headers));
  if (all.length === 0) return '';
  const rows = all.slice(0, MAX_HEADERS).map(([k, v]) => `<tr><th>${escSay(k, 100)}</th><td>${escSay(v, 500)}</td></tr>`);
  if (all.length > MAX_HEADERS) rows.push(`<tr><td colspan="2" class="dim">… and ${all.length - MAX_HEADERS} more headers</td></tr>`);
  return `<table class="headers">${rows.join('')}</table>`;
}

function messageBody(text: string, json: unknown, pointers: string[], limits: BodyLimits): string {
  if (text === '' && json === undefined) return '<p class="dim">(empty body)</p>';
  const b = bodyHtml(text, json, pointers, limits);
  const notes: string[] = [];
  if (b.truncated) notes.push(`… truncated here; the body has ${text.length.toLocaleString('en')} characters, and results.json keeps it`);
  if (b.unseen.length) notes.push(`the marked part (${b.unseen.map((p) => say(p, 100)).join(', ')}) is past the cut`);
  return `<pre class="body">${b.html}</pre>${notes.map((n) => `<p class="dim">${esc(n)}</p>`).join('')}`;
}

/** A request body is text; parse it when it is JSON so it can be shown indented. */
function parseJson(body: string): unknown {
  if (!body || body.length > 1_000_000 || !/^\s*[[{]/.test(body)) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
