import { DOCS, bodyOf, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** The collection answers an empty `value` whatever exists. */
export const listOmitsJobs: Deviation = {
  name: 'list-omits-jobs',
  breaks: 'List returns the jobs that exist',
  doc: DOCS.listJobs,
  reply: onSuccess('listJobs', (r) => ({ ...r, json: { ...bodyOf(r), value: [] } })),
};
