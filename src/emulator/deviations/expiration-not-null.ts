import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** DateTime.MaxValue where the docs' example has null. */
export const expirationNotNull: Deviation = {
  name: 'expiration-not-null',
  breaks: "A new job's schedule.expiration is null",
  doc: DOCS.createJob,
  newJob: (job) => {
    job.schedule.expiration = '9999-12-31T23:59:59.9999999Z';
  },
};
