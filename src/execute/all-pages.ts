import type { ExecContext } from './context.js';
import type { HttpRequest, HttpResponse } from './http.js';
import { parseJson } from '../common/json-depth.js';
import { MAX_PAGES, nextLinkPath } from './pages.js';
import { sendWithRetries } from './send.js';

/** Why following the pages of a collection stopped before its last page. */
export class PagingError extends Error {}

/**
 * `pages: all`: follows `@odata.nextLink` from a 200 collection answer to the last page, with
 * the first request's headers, and returns one answer whose `value` holds every page's items
 * (without the link). A link that leaves the target (another origin, or outside its URL, as
 * pages.ts decides for every listing) is never requested: it is an error of the step, as is a
 * page that is not a 200 collection.
 * An answer that is not a 200 JSON collection is returned as it is, for the step to judge.
 */
export async function readAllPages(ctx: ExecContext, first: HttpRequest, response: HttpResponse): Promise<{ response: HttpResponse; pages: number; retries: number }> {
  let body = collection(response);
  if (response.status !== 200 || body === undefined) return { response, pages: 1, retries: 0 };
  const items = [...body.value];
  let retries = 0;
  let pages = 1;
  for (let link = body['@odata.nextLink']; link !== undefined; link = body['@odata.nextLink']) {
    // The engine's one link rule (pages.ts): on the target's origin and under its URL, or not at all.
    const next = typeof link === 'string' ? nextLinkPath(link, ctx.baseUrl) : { problem: 'the @odata.nextLink is not a string' };
    if ('problem' in next) throw new PagingError(`page ${pages}: ${next.problem}`);
    if (++pages > MAX_PAGES) throw new PagingError(`the collection goes on beyond ${MAX_PAGES} pages; a link loop?`);
    const url = `${ctx.baseUrl.replace(/\/+$/, '')}${next.path}`;
    const sent = await sendWithRetries(ctx, { ...first, method: 'GET', url, body: undefined });
    retries += sent.retries;
    const page = collection(sent.response);
    if (sent.response.status !== 200 || page === undefined) throw new PagingError(`page ${pages} (${next.path.slice(0, 200)}) answered ${sent.response.status}${page === undefined ? ' without a value array' : ''}`);
    items.push(...page.value);
    body = page;
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
  const parsed = parseJson(response.body);
  if (!parsed.ok) return undefined;
  const json = parsed.value;
  return json !== null && typeof json === 'object' && Array.isArray((json as Collection).value) ? (json as Collection) : undefined;
}
