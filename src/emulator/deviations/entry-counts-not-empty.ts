import { DOCS } from './helpers.js';
import type { Deviation } from './types.js';

/** A job that never ran has synchronized nothing. */
export const entryCountsNotEmpty: Deviation = {
  name: 'entry-counts-not-empty',
  breaks: "A new job's synchronizedEntryCountByType is empty",
  doc: DOCS.createJob,
  newJob: (job) => {
    job.status.synchronizedEntryCountByType = [{ key: 'User', value: 3 }];
  },
};
