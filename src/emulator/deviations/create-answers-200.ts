import { DOCS, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** The docs' example shows `HTTP/1.1 200 OK` while the prose (and the real service) say 201. */
export const createAnswers200: Deviation = {
  name: 'create-answers-200',
  breaks: 'Create answers 201 Created',
  doc: DOCS.createJob,
  reply: onSuccess('createJob', (r) => ({ ...r, status: 200 })),
};
