import { parseJson } from '../common/json-depth.js';
import { parseJobsCollection } from './ledger/job-path.js';
import { graphError, namesMissingObject } from './graph-error.js';

/**
 * Collections may come in pages linked by `@odata.nextLink`. A link is followed only when it stays
 * on the target's origin and under its base path: an answer must never steer the run's token to
 * another host, or to another API on the same host.
 */

/** Pages followed at most for one listing: far above any collection a run makes. */
export const MAX_PAGES = 100;

/**
 * The path (with its query) to request for `link`, relative to `base`, or why it is refused.
 * `base` is the target's base URL, e.g. `https://graph.microsoft.com/v1.0`.
 */
export function nextLinkPath(link: string, base: string): { path: string } | { problem: string } {
  let url: URL;
  let root: URL;
  try {
    root = new URL(base.replace(/\/+$/, '') + '/');
    url = new URL(link, root);
  } catch {
    return { problem: `the @odata.nextLink \`${link.slice(0, 200)}\` is not a URL` };
  }
  const rootPath = root.pathname.replace(/\/+$/, '');
  const under = url.pathname === rootPath || url.pathname.startsWith(`${rootPath}/`);
  if (url.origin !== root.origin || !under || url.username || url.password) {
    return { problem: `the @odata.nextLink points at ${url.origin}${url.pathname}, outside the target ${root.origin}${rootPath}; it was not followed and no credentials went there` };
  }
  if (/%2e|%2f|%5c/i.test(url.pathname)) return { problem: 'the @odata.nextLink has an encoded dot or separator in its path; it was not followed' };
  if (/\{\{/.test(url.pathname + url.search)) return { problem: 'the @odata.nextLink holds `{{`; it was not followed' };
  return { path: url.pathname.slice(rootPath.length) + url.search };
}

/** One page as a listing sees it. */
export interface PageAnswer {
  status: number;
  body: string;
}

/**
 * Every item of a collection, following `@odata.nextLink` within the target (see {@link nextLinkPath}).
 * Returns the status of the first page that was not 200, or the reason a page could not be used.
 */
export async function listAllPages(firstPath: string, base: string, get: (path: string) => Promise<PageAnswer>): Promise<{ status: number; items: unknown[] } | { status: number; problem: string; absent?: true }> {
  const items: unknown[] = [];
  let path = firstPath;
  for (let page = 1; ; page++) {
    const res = await get(path);
    if (res.status !== 200) {
      // Only the first page's 404, in the directory's words naming the service principal, proves it missing.
      const owner = parseJobsCollection(firstPath);
      const absent = page === 1 && res.status === 404 && typeof owner !== 'string' && namesMissingObject(graphError(res.body), owner.servicePrincipalId);
      return { status: res.status, problem: `answered ${res.status}`, ...(absent ? { absent: true as const } : {}) };
    }
    const parsed = parseJson(res.body);
    if (!parsed.ok) return { status: res.status, problem: `answered a body that is not usable JSON (${parsed.error})` };
    const body = parsed.value as { value?: unknown; '@odata.nextLink'?: unknown } | null;
    if (body === null || typeof body !== 'object' || !Array.isArray(body.value)) return { status: res.status, problem: 'answered without a `value` array' };
    items.push(...body.value);
    const link = body['@odata.nextLink'];
    if (link === undefined || link === null) return { status: 200, items };
    if (typeof link !== 'string') return { status: res.status, problem: 'answered an @odata.nextLink that is not a string' };
    if (page >= MAX_PAGES) return { status: res.status, problem: `answered more than ${MAX_PAGES} pages` };
    const next = nextLinkPath(link, base);
    if ('problem' in next) return { status: res.status, problem: next.problem };
    path = next.path;
  }
}
