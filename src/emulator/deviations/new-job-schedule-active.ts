import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** Jobs are created disabled; starting them is a separate call. */
export const newJobScheduleActive: Deviation = {
  name: 'new-job-schedule-active',
  breaks: "A new job's schedule is Disabled",
  doc: DOCS.createJob,
  newJob: (job) => {
    job.schedule.state = 'Active';
  },
};
