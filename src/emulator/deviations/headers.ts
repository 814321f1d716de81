import { newGuid } from '../ids.js';
import { DOCS, bodyOf, without } from './helpers.js';
import type { Deviation } from './types.js';

/** Protocol headers and OData control information on every answer. */
export const HEADERS: readonly Deviation[] = [
  /** Support cannot trace a call without it. */
  {
    name: 'no-request-id', breaks: 'Every answer carries a request-id header', doc: DOCS.headers,
    reply: (r) => ({ ...r, headers: without(r.headers, 'request-id') }),
    mustFail: { probes: ['requestIdHeader'], cases: ['create/response-carries-request-ids'] },
  },
  /** A new id replaces the caller's, breaking client-side correlation. */
  {
    name: 'client-request-id-not-echoed', breaks: 'client-request-id echoes the one the request sent', doc: DOCS.headers,
    reply: (r, ctx) =>
      typeof ctx.headers['client-request-id'] === 'string' ? { ...r, headers: { ...r.headers, 'client-request-id': newGuid() } } : r,
    mustFail: { probes: ['clientRequestIdEchoed'], cases: ['create/response-carries-request-ids'] },
  },
  /** A plain JSON API behind the Graph URL. */
  {
    name: 'no-odata-version', breaks: 'JSON answers carry OData-Version: 4.0', doc: DOCS.headers,
    reply: (r) => ({ ...r, headers: without(r.headers, 'odata-version') }),
    mustFail: { probes: ['odataVersion'], cases: ['create/response-carries-odata-version'] },
  },
  /** Bodies without OData control information. */
  {
    name: 'no-odata-context', breaks: 'Entity and collection bodies carry @odata.context', doc: DOCS.odata,
    reply: (r) => {
      if (r.status >= 300 || r.json === null || typeof r.json !== 'object' || Array.isArray(r.json)) return r;
      const { '@odata.context': _context, ...body } = bodyOf(r);
      return { ...r, json: body };
    },
    mustFail: { probes: ['odataContext'], cases: ['create/response-carries-odata-context'] },
  },
  /** Clients can only guess how long to wait (seen with chaos throttling and provisionOnDemand's rate limit). */
  {
    name: 'throttle-without-retry-after', breaks: '429 and 503 answers carry Retry-After', doc: DOCS.throttling,
    reply: (r) => (r.problem === 'throttled' || r.problem === 'unavailable' ? { ...r, headers: without(r.headers, 'retry-after') } : r),
    mustFail: { probes: ['retryAfterOn429'], cases: ['provision-on-demand/throttles-with-retry-after'] },
  },
];
