import { DOCS, bodyOf, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** The answer carries another id, as a cache keyed on the wrong thing would. */
export const getReturnsOtherId: Deviation = {
  name: 'get-returns-other-id',
  breaks: 'GET answers the job that was asked for (same id)',
  doc: DOCS.getJob,
  reply: onSuccess('getJob', (r) => {
    const body = bodyOf(r);
    return { ...r, json: { ...body, id: String(body.id).replace(/[0-9a-f]{32}$/, 'f'.repeat(32)) } };
  }),
};
