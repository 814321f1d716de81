import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** DELETE answers 204 but keeps the job. */
export const deleteKeepsJob: Deviation = {
  name: 'delete-keeps-job',
  breaks: 'A deleted job is gone (GET eventually answers 404)',
  doc: DOCS.deleteJob,
  keepOnDelete: true,
};
