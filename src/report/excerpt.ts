import { nestsDeeperThan } from '../common/json-depth.js';
import type { Exchange } from '../model/index.js';
import { redactHeaders, redactText } from '../common/redact.js';
import { formatDuration, truncate, visible } from './text.js';
import { prettyJson } from './values.js';

/** How much of each body an excerpt shows. */
export interface ExcerptLimits {
  /** Characters of a body, after pretty-printing. */
  bodyChars: number;
  /** Lines of a body, after pretty-printing. */
  bodyLines: number;
}

/** Enough to see what went wrong in a CI log without scrolling past a whole payload. */
export const CONSOLE_LIMITS: ExcerptLimits = { bodyChars: 4000, bodyLines: 60 };

/** Bodies beyond this size are shown raw: parsing and re-indenting megabytes helps nobody. */
const PRETTY_MAX_CHARS = 1_000_000;

/**
 * The request and response of an exchange as plain, unindented lines: method and URL, headers,
 * body (JSON pretty-printed), then status, headers and body. Redacted and made printable;
 * tolerates fields missing from a malformed exchange.
 */
export function exchangeLines(ex: Exchange, limits: ExcerptLimits): string[] {
  const req = ex.request ?? ({} as Partial<Exchange['request']>);
  const res = ex.response ?? ({} as Partial<Exchange['response']>);
  const lines = [`request: ${visible(redactText(`${req.method ?? '?'} ${req.url ?? '?'}`))}`];
  lines.push(...indent(headerLines(req.headers)));
  lines.push(...indent(bodyLines(req.body, parseJson(req.body), undefined, limits)));
  lines.push(`response: ${res.status ?? '?'} (${formatDuration(ex.durationMs)})`);
  lines.push(...indent(headerLines(res.headers)));
  lines.push(...indent(bodyLines(res.body, res.json, res.jsonError, limits)));
  return lines;
}

/**
 * Hop-by-hop headers (RFC 9110 section 7.6.1, plus the legacy keep-alive family) describe one
 * connection, not the answer: they explain no failure, so explanations leave them out.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-authorization']);

function headerLines(headers: Record<string, string> | undefined): string[] {
  return Object.entries(redactHeaders(headers))
    .filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()))
    .map(([name, value]) => visible(`${name}: ${value}`));
}

function bodyLines(body: unknown, json: unknown, jsonError: string | undefined, limits: ExcerptLimits): string[] {
  const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : String(body);
  if (text === '') return ['(empty body)'];
  const pretty = json !== undefined && text.length <= PRETTY_MAX_CHARS ? prettyJson(json) : undefined;
  // Redact a generous head rather than the whole text: only the head is shown.
  const raw = () => redactText(text.length > 2 * limits.bodyChars ? text.slice(0, 2 * limits.bodyChars) : text);
  const shown = truncate(pretty ?? raw(), limits.bodyChars, limits.bodyLines);
  const lines = ['', ...visible(shown.text).split('\n')];
  if (shown.omittedChars > 0) {
    lines.push(`… truncated; the body has ${text.length} characters`);
  }
  if (jsonError) lines.push(`(not valid JSON: ${visible(redactText(jsonError))})`);
  return lines;
}

/** A request body is text; parse it when it is JSON so it can be shown indented. */
function parseJson(body: string | undefined): unknown {
  if (!body || body.length > PRETTY_MAX_CHARS || !/^\s*[[{]/.test(body) || nestsDeeperThan(body)) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function indent(lines: string[]): string[] {
  return lines.map((l) => (l === '' ? '' : `  ${l}`));
}
