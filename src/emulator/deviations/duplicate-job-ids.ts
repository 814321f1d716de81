import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Ids derived from the template and service principal only: a second create replaces the first. */
export const duplicateJobIds: Deviation = {
  name: 'duplicate-job-ids',
  breaks: 'Every created job gets its own id',
  doc: DOCS.createJob,
  jobId: (generated) => generated.replace(/[0-9a-f]{32}$/, '0'.repeat(32)),
};
