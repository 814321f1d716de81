import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** NotRun means configured and possibly started; a new job is neither. */
export const newJobStatusNotRun: Deviation = {
  name: 'new-job-status-not-run',
  breaks: "A new job's status code is NotConfigured",
  doc: DOCS.status,
  newJob: (job) => {
    job.status.code = 'NotRun';
  },
};
