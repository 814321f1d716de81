import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** A job that never ran cannot have failed. */
export const successiveFailuresOne: Deviation = {
  name: 'successive-failures-one',
  breaks: "A new job's countSuccessiveCompleteFailures is 0",
  doc: DOCS.createJob,
  newJob: (job) => {
    job.status.countSuccessiveCompleteFailures = 1;
  },
};
