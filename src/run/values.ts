import { LEVELS, type Level } from '../model/index.js';
import { UsageError } from './exit-codes.js';
import { didYouMean as closest } from '../common/did-you-mean.js';
import { parseDuration as parseDurationText } from '../common/duration.js';

/**
 * A duration in the one grammar (src/common/duration.ts): `500ms`, `30s`, `2m`, `1h`, unit
 * required. `label` names where the text came from: `--timeout`, `GSC_TIMEOUT`, or the config
 * file's key, so `GSC_TIMEOUT=30` says "GSC_TIMEOUT 30: add a unit, e.g. 30s or 30ms".
 */
export function parseDuration(text: string, label: string): number {
  const parsed = parseDurationText(text);
  if ('problem' in parsed) throw new UsageError(`${label} ${text}: ${parsed.problem}`);
  return parsed.ms;
}

/** A positive whole number. */
export function parsePositiveInt(text: string, flag: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`${flag} ${JSON.stringify(text)} must be a whole number of at least 1`);
  return Number(text);
}

/** A positive number (fractions allowed: 0.5 requests per second). */
export function parsePositive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} ${JSON.stringify(text)} must be a number above 0`);
  return n;
}

/** MUST, SHOULD or MAY, in any case. */
export function parseLevel(text: string, flag: string): Level {
  const up = text.trim().toUpperCase();
  if ((LEVELS as readonly string[]).includes(up)) return up as Level;
  const guess = closest(up, LEVELS);
  throw new UsageError(`${flag} ${JSON.stringify(text)} is not a level: use MUST, SHOULD or MAY${guess ? ` (did you mean ${guess}?)` : ''}`);
}

/**
 * An http(s) URL without query or fragment, ending in Graph's version segment (`/v1.0` or
 * `/beta`); the trailing slash is dropped.
 */
export function parseTarget(text: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag} ${JSON.stringify(text)} is not a URL: write the base URL with its version, e.g. https://graph.microsoft.com/v1.0`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} must be an http:// or https:// URL, not ${url.protocol}`);
  if (url.search || url.hash) throw new UsageError(`${flag} must not have a query or fragment: give the base URL, e.g. https://graph.microsoft.com/v1.0`);
  if (url.username || url.password) throw new UsageError(`${flag} must not carry credentials in the URL: use --token`);
  const base = url.toString().replace(/\/+$/, '');
  if (!VERSION_SEGMENT.test(base)) throw new UsageError(`${flag} ${JSON.stringify(text)} does not end in a version segment: ${versionFix(url)}`);
  return base;
}

/** Graph's two versions; every request path is appended to the base URL after it. */
const VERSION_SEGMENT = /\/(?:v1\.0|beta)$/;

/** How to write the base URL right: add the version, or cut what follows it. */
function versionFix(url: URL): string {
  const segments = url.pathname.split('/');
  const at = segments.findIndex((s) => s === 'v1.0' || s === 'beta');
  if (at >= 0) {
    const base = `${url.origin}${segments.slice(0, at + 1).join('/')}`;
    return `give the base URL only, ${base}: the run adds the paths of its requests to it`;
  }
  const root = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  // A last segment shaped like a version (v2.0, v1, V1.0, Beta) is a wrong one, to be replaced, not kept.
  const last = /\/([^/]+)$/.exec(root)?.[1] ?? '';
  if (WRONG_VERSION.test(last)) return `${last} is not a Graph version: replace it with v1.0 (or beta), e.g. ${root.slice(0, -last.length)}v1.0`;
  return `add /v1.0 (or /beta), e.g. ${root}/v1.0`;
}

/** A path segment that looks like a version, though not one of Graph's two as written. */
const WRONG_VERSION = /^(?:v\d+(?:\.\d+)*(?:-\w+)?|beta|preview)$/i;

/** A comma list, trimmed, without empty items. */
export function parseList(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
