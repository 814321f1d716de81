import { JSON_CONTENT_TYPE } from '../reply.js';
import { DOCS, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** A 200 echoing what was deleted, as some REST frameworks do. */
export const deleteAnswers200: Deviation = {
  name: 'delete-answers-200',
  breaks: 'Delete answers 204 with an empty body',
  doc: DOCS.deleteJob,
  reply: onSuccess('deleteJob', (r, ctx) => ({
    ...r,
    status: 200,
    headers: { ...r.headers, 'content-type': JSON_CONTENT_TYPE, 'odata-version': '4.0' },
    json: { id: ctx.params.jobId ?? '' },
  })),
};
