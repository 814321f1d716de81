import { DOCS, without } from './helpers.js';
import type { Deviation } from './types.js';

/** Support cannot trace a call without it. */
export const noRequestId: Deviation = {
  name: 'no-request-id',
  breaks: 'Every answer carries a request-id header',
  doc: DOCS.headers,
  reply: (r) => ({ ...r, headers: without(r.headers, 'request-id') }),
};
