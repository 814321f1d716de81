import { DOCS, onSuccess } from './helpers.js';
import type { Deviation } from './types.js';

/** hamilton#203 is the mirror image: clients that pin the code break on the other one. */
export const startAnswers200: Deviation = {
  name: 'start-answers-200',
  breaks: 'start answers 204',
  doc: DOCS.start,
  reply: onSuccess('startJob', (r) => ({ ...r, status: 200 })),
};
