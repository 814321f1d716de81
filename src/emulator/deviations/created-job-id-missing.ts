import { DOCS, bodyOf, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** The answer drops `id`, so a client cannot address the job it created. */
export const createdJobIdMissing: Deviation = {
  name: 'created-job-id-missing',
  breaks: 'A created job carries a non-empty string id',
  doc: DOCS.createJob,
  reply: onSuccess('createJob', (r) => {
    const { id: _id, ...body } = bodyOf(r);
    return { ...r, json: body };
  }),
};
