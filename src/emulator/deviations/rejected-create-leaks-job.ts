import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** The error is answered after the job was already stored. */
export const rejectedCreateLeaksJob: Deviation = {
  name: 'rejected-create-leaks-job',
  breaks: 'A refused create creates nothing',
  doc: DOCS.createJob,
  leakRejectedCreates: true,
};
