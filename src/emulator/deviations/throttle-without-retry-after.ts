import { DOCS, without } from './helpers.js';
import type { Deviation } from './types.js';

/** Clients can only guess how long to wait (seen with chaos throttling and provisionOnDemand's rate limit). */
export const throttleWithoutRetryAfter: Deviation = {
  name: 'throttle-without-retry-after',
  breaks: '429 and 503 answers carry Retry-After',
  doc: DOCS.throttling,
  reply: (r) => (r.problem === 'throttled' || r.problem === 'unavailable' ? { ...r, headers: without(r.headers, 'retry-after') } : r),
};
