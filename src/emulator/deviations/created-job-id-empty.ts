import { DOCS, bodyOf, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** The answer has `"id": ""`. */
export const createdJobIdEmpty: Deviation = {
  name: 'created-job-id-empty',
  breaks: 'A created job carries a non-empty string id',
  doc: DOCS.createJob,
  reply: onSuccess('createJob', (r) => ({ ...r, json: { ...bodyOf(r), id: '' } })),
};
