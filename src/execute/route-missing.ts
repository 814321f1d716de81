import type { Exchange } from '../model/index.js';

/**
 * True when an answer shows that the route itself does not exist, so waiting for eventual
 * consistency cannot change it: a 405 (a method is never "not allowed yet"), or a 404 whose body
 * is not a Graph error, or a Graph error that names no job. A job that is not visible yet answers
 * 404 with a Graph error naming that job, and only that answer is worth polling again.
 */
export function routeIsMissing(exchange: Exchange): boolean {
  const { status, json } = exchange.response;
  if (status === 405) return true;
  if (status !== 404) return false;
  const message = graphErrorMessage(json);
  if (message === undefined) return true;
  const job = jobIdOf(exchange.request.url);
  return job === undefined || !message.includes(job);
}

/** `error.message` of a Graph error body (`{ "error": { "code", "message" } }`), else undefined. */
function graphErrorMessage(json: unknown): string | undefined {
  const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (typeof error !== 'object' || error === null || typeof error.code !== 'string') return undefined;
  return typeof error.message === 'string' ? error.message : '';
}

/** The id after `/jobs/` in a request URL, decoded; undefined when the URL names no job. */
function jobIdOf(url: string): string | undefined {
  let segments: string[];
  try {
    segments = new URL(url).pathname.split('/');
  } catch {
    return undefined;
  }
  const at = segments.indexOf('jobs');
  const id = at >= 0 ? segments[at + 1] : undefined;
  return id ? decodeURIComponent(id) : undefined;
}
