import type { ExecContext } from './context.js';
import type { HttpRequest, HttpResponse } from './http.js';
import { sendWithRetries } from './send.js';

/** A collection longer than this many pages is a loop or a runaway target: the step stops. */
const MAX_PAGES = 1000;

/** Why following the pages of a collection stopped before its last page. */
export class PagingError extends Error {}

/**
 * `pages: all`: follows `@odata.nextLink` from a 200 collection answer to the last page, with
 * the first request's headers, and returns one answer whose `value` holds every page's items
 * (without the link). A link that leaves the target (another origin, or outside its URL) is
 * never requested: it is an error of the step, as is a page that is not a 200 collection.
 * An answer that is not a 200 JSON collection is returned as it is, for the step to judge.
 */
export async function readAllPages(ctx: ExecContext, first: HttpRequest, response: HttpResponse): Promise<{ response: HttpResponse; pages: number; retries: number }> {
  let body = collection(response);
  if (response.status !== 200 || body === undefined) return { response, pages: 1, retries: 0 };
  const items = [...body.value];
  let retries = 0;
  let pages = 1;
  for (let link = body['@odata.nextLink']; link !== undefined; link = body['@odata.nextLink']) {
    if (typeof link !== 'string' || !onTarget(link, ctx.baseUrl)) throw new PagingError(`page ${pages} links to ${String(link).slice(0, 200)}, which is not below the target ${ctx.baseUrl}; no request was sent there`);
    if (++pages > MAX_PAGES) throw new PagingError(`the collection goes on beyond ${MAX_PAGES} pages; a link loop?`);
    const sent = await sendWithRetries(ctx, { ...first, method: 'GET', url: link, body: undefined });
    retries += sent.retries;
    const next = collection(sent.response);
    if (sent.response.status !== 200 || next === undefined) throw new PagingError(`page ${pages} (${link.slice(0, 200)}) answered ${sent.response.status}${next === undefined ? ' without a value array' : ''}`);
    items.push(...next.value);
    body = next;
  }
  const { '@odata.nextLink': _link, ...rest } = collection(response) as Collection;
  return { response: { ...response, body: JSON.stringify({ ...rest, value: items }) }, pages, retries };
}

interface Collection {
  value: unknown[];
  '@odata.nextLink'?: unknown;
  [key: string]: unknown;
}

function collection(response: HttpResponse): Collection | undefined {
  try {
    const json = JSON.parse(response.body) as unknown;
    return json !== null && typeof json === 'object' && Array.isArray((json as Collection).value) ? (json as Collection) : undefined;
  } catch {
    return undefined;
  }
}

/** Same origin as the target and below its path (`…/v1.0/…`). */
function onTarget(link: string, baseUrl: string): boolean {
  try {
    const url = new URL(link);
    const base = new URL(baseUrl);
    const root = base.pathname.replace(/\/+$/, '');
    return url.origin === base.origin && (url.pathname === root || url.pathname.startsWith(`${root}/`)) && !url.pathname.split('/').includes('..');
  } catch {
    return false;
  }
}
