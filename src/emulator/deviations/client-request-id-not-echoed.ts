import { newGuid } from '../ids.js';
import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** A new id replaces the caller's, breaking client-side correlation. */
export const clientRequestIdNotEchoed: Deviation = {
  name: 'client-request-id-not-echoed',
  breaks: 'client-request-id echoes the one the request sent',
  doc: DOCS.headers,
  reply: (r, ctx) =>
    typeof ctx.headers['client-request-id'] === 'string' ? { ...r, headers: { ...r.headers, 'client-request-id': newGuid() } } : r,
};
