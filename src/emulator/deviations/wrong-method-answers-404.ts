import { DOCS, without } from './helpers.js';
import type { Deviation } from './types.js';

/** The router reports every miss as 404, hiding which paths exist. */
export const wrongMethodAnswers404: Deviation = {
  name: 'wrong-method-answers-404',
  breaks: 'A known path with a method it does not support answers 405',
  doc: DOCS.errors,
  reply: (r) => (r.problem === 'method' ? { ...r, status: 404, headers: without(r.headers, 'allow') } : r),
};
