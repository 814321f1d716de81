import { DOCS, bodiless } from './helpers.js';
import type { Deviation } from './types.js';

/** Deletes are made idempotent, so a typo in the id goes unnoticed. */
export const deleteUnknownAnswers204: Deviation = {
  name: 'delete-unknown-answers-204',
  breaks: 'Deleting a job that does not exist answers 404',
  doc: DOCS.deleteJob,
  reply: (r, ctx) => (ctx.operation === 'deleteJob' && r.problem === 'not-found' ? bodiless(r, 204) : r),
};
