import { DOCS, bodyOf, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** A bare JSON array, as many non-OData APIs answer. */
export const listNotWrapped: Deviation = {
  name: 'list-not-wrapped',
  breaks: 'List answers an object with a `value` array',
  doc: DOCS.listJobs,
  reply: onSuccess('listJobs', (r) => ({ ...r, json: bodyOf(r).value })),
};
