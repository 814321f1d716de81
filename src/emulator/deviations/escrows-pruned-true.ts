import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Escrows are pruned only during an initial synchronization, which a new job has not had. */
export const escrowsPrunedTrue: Deviation = {
  name: 'escrows-pruned-true',
  breaks: "A new job's escrowsPruned is false",
  doc: DOCS.createJob,
  newJob: (job) => {
    job.status.escrowsPruned = true;
  },
};
